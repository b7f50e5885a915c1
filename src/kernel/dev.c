/* The character devices, by Linux's numbers: 1:3 null, 1:5 zero, 1:7 full, 1:8 random,
   1:9 urandom; 5:0 tty, 5:1 console and 4:64 ttyS0 are all the serial console, whose input
   fd 0 may also read as a pipe, and 4:0-63 tty0-tty63 are the VTs (vt.c); 253:0 rtc0 is the CMOS
   clock (its major is dynamic on Linux: 253 is where an x86 Linux's first such driver usually
   lands); 10:130 watchdog is a software watchdog (watchdog.c). The block devices are the loop
   devices, 7:0-7, and 10:237 loop-control finds them (loop.c). */
#include "kernel/dev.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/loop.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vt.h"
#include "kernel/watchdog.h"

static struct vnode *stdin_pipe; /* dev_stdin_pipe()'s node, held for good */

bool dev_is_console(const struct vnode *n)
{
    return (S_ISCHR(n->mode) && ((n->rdev_major == DEV_TTY && n->rdev_minor <= 1) ||
                                 (n->rdev_major == DEV_TTYS && n->rdev_minor == 64))) ||
           n == stdin_pipe;
}

/* /dev/null, zero, full, random, urandom. */
static bool dev_is_mem(const struct vnode *n)
{
    return S_ISCHR(n->mode) && n->rdev_major == DEV_MEM;
}

static bool dev_is_rtc(const struct vnode *n)
{
    return S_ISCHR(n->mode) && n->rdev_major == DEV_RTC && n->rdev_minor == 0;
}

static bool dev_is_watchdog(const struct vnode *n)
{
    return S_ISCHR(n->mode) && n->rdev_major == DEV_MISC && n->rdev_minor == 130;
}

static bool dev_is_loop_control(const struct vnode *n)
{
    return S_ISCHR(n->mode) && n->rdev_major == DEV_MISC && n->rdev_minor == LOOP_CONTROL_MINOR;
}

bool dev_polls(const struct vnode *n)
{
    return dev_is_console(n) || dev_is_rtc(n) || vt_is(n) || (dev_is_mem(n) && n->rdev_minor == 8);
}

int dev_open(struct file *f)
{
    if (S_ISBLK(f->node->mode))
        loop_open(f);
    if (vt_is(f->node))
        vt_open(f);
    return dev_is_watchdog(f->node) && !(f->flags & O_PATH) ? watchdog_open(f) : 0;
}

void dev_release(const struct file *f)
{
    if (S_ISBLK(f->node->mode))
        loop_release(f);
    vt_release(f);
    if (dev_is_watchdog(f->node))
        watchdog_release(f);
}

bool dev_known(const struct vnode *n)
{
    if (S_ISBLK(n->mode))
        return loop_known(n);
    if (dev_is_console(n) || dev_is_rtc(n) || vt_is(n) || dev_is_watchdog(n) ||
        dev_is_loop_control(n))
        return true;
    return n->rdev_major == DEV_MEM &&
           (n->rdev_minor == 3 || n->rdev_minor == 5 || (n->rdev_minor >= 7 && n->rdev_minor <= 9));
}

bool dev_maps_zero(const struct vnode *n)
{
    return dev_is_mem(n) && n->rdev_minor == 5;
}

bool dev_takes_sendfile(const struct vnode *n)
{
    return !(dev_is_mem(n) && n->rdev_minor == 7);
}

/* Fill with zeros, a page at a time. */
static int32_t zero_fill(uaddr_t ubuf, uint32_t len)
{
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < PAGE_SIZE ? len - done : PAGE_SIZE;
        if (copy_to_user(ubuf + done, vfs_zeros, n))
            return done ? (int32_t)done : -EFAULT;
        done += n;
    }
    return (int32_t)len;
}

/* The reads of the devices but the console: rare, so cold (built for size). */
__attribute__((noinline, cold)) static int32_t other_read(const struct file *f, uaddr_t ubuf,
                                                          uint32_t len)
{
    const struct vnode *n = f->node;
    if (dev_is_watchdog(n) || dev_is_loop_control(n))
        return -EINVAL; /* no read of its own */
    if (vt_is(n))
        return vt_read(f, len);
    if (dev_is_rtc(n)) { /* its interrupts' count, which none is ever set to raise */
        if (len != 4 && len < sizeof(word_t))
            return -EINVAL;
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        sig_wait();
        return -ERESTARTSYS;
    }
    if (n->rdev_minor == 3)
        return 0;
    if (n->rdev_minor >= 8) /* random and urandom: getrandom's generator, as on Linux */
        return (int32_t)sys_getrandom(ubuf, len, 0);
    return zero_fill(ubuf, len);
}

int32_t dev_read(struct file *f, uaddr_t ubuf, uint32_t len)
{
    const struct vnode *n = f->node;
    if (dev_is_console(n)) /* O_NONBLOCK with nothing waiting: EAGAIN, as a tty or a pipe */
        return len && (f->flags & O_NONBLOCK) && !console_readable()
                   ? -EAGAIN
                   : console_read_user(ubuf, len, n != stdin_pipe);
    return other_read(f, ubuf, len);
}

int32_t dev_write(struct file *f, uintptr_t buf, uint32_t len, bool kernel)
{
    const struct vnode *n = f->node;
    if (dev_is_console(n))
        return console_write_from(buf, len, kernel);
    if (dev_is_rtc(n) || dev_is_loop_control(n)) /* no write of its own */
        return -EINVAL;
    if (dev_is_watchdog(n))
        return watchdog_write(buf, len, kernel);
    if (vt_is(n)) /* shown on no screen */
        return kernel || user_range_ok(buf, len, false) ? (int32_t)len
                                                        : tty_write_pieces(buf, len, 0);
    if (n->rdev_minor == 7)
        return -ENOSPC;
    return (int32_t)len;
}

/* The devices' ioctls: each device's own (/dev/rtc0's are dev_rtc.c's, built for size). */
__attribute__((cold)) int32_t dev_ioctl(const struct vnode *n, uint32_t request, word_t arg)
{
    if (dev_is_watchdog(n))
        return watchdog_ioctl(request, arg);
    if (dev_is_loop_control(n))
        return loop_control(request, arg);
    return dev_is_rtc(n) ? dev_rtc_ioctl(request, arg) : -ENOTTY;
}

struct vnode *dev_stdin_pipe(void)
{
    if (!stdin_pipe && (stdin_pipe = vfs_new(S_IFIFO | 0600)))
        vfs_get(stdin_pipe);
    return stdin_pipe;
}
