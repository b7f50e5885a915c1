/* The devices but the console (dev.c's, whose reads and writes are the hot ones): their opens,
   closes, reads, writes and ioctls, and what the file calls ask of a device node. Rare, so
   built for size (src/meson.build). */
#include "kernel/app.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/loop.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vt.h"
#include "kernel/watchdog.h"

/* /dev/null, zero, full, random, urandom. */
static bool dev_is_mem(const struct vnode *n)
{
    return S_ISCHR(n->mode) && n->rdev_major == DEV_MEM;
}

/* Is n the character device major:minor? Out of line: one copy of the test for the three
   below, each of which was a function with a copy of its own. */
__attribute__((noinline)) static bool dev_is_chr(const struct vnode *n, uint32_t major,
                                                 uint32_t minor)
{
    return S_ISCHR(n->mode) && n->rdev_major == major && n->rdev_minor == minor;
}

static bool dev_is_rtc(const struct vnode *n)
{
    return dev_is_chr(n, DEV_RTC, 0);
}

static bool dev_is_watchdog(const struct vnode *n)
{
    return dev_is_chr(n, DEV_MISC, 130);
}

static bool dev_is_loop_control(const struct vnode *n)
{
    return dev_is_chr(n, DEV_MISC, LOOP_CONTROL_MINOR);
}

bool dev_polls(const struct vnode *n)
{
    return dev_is_console(n) || dev_is_rtc(n) || vt_is(n) || (dev_is_mem(n) && n->rdev_minor == 8);
}

/* /dev/tty is the controlling terminal, which the app, as Linux's init, starts without
   (ENXIO). A session leader without one takes ttyS0 by opening it for reading without
   O_NOCTTY, as Linux's tty_open_proc_set_tty (/dev/console never: sys_ioctl.c's TIOCSCTTY). */
int dev_open(struct file *f, uint32_t flags)
{
    const struct vnode *n = f->node;
    if (S_ISCHR(n->mode) && n->rdev_major == DEV_TTY && !n->rdev_minor && !app.ctty &&
        !(f->flags & O_PATH))
        return -ENXIO;
    if (S_ISCHR(n->mode) && n->rdev_major == DEV_TTYS && n->rdev_minor == 64 &&
        app.sid == APP_PID && file_readable(f) && !(flags & O_NOCTTY))
        app.ctty = true;
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

/* Not inlined into dev_read, where it would be built for speed. */
__attribute__((noinline)) int32_t dev_other_read(const struct file *f, uaddr_t ubuf, uint32_t len)
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

__attribute__((noinline)) int32_t dev_other_write(const struct vnode *n, uintptr_t buf,
                                                  uint32_t len, bool kernel)
{
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
int32_t dev_ioctl(const struct vnode *n, uint32_t request, word_t arg)
{
    if (dev_is_watchdog(n))
        return watchdog_ioctl(request, arg);
    if (dev_is_loop_control(n))
        return loop_control(request, arg);
    return dev_is_rtc(n) ? dev_rtc_ioctl(request, arg) : -ENOTTY;
}
