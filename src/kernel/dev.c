/* The character devices, by Linux's numbers: 1:3 null, 1:5 zero, 1:7 full, 1:8 random,
   1:9 urandom; 5:0 tty, 5:1 console and 4:64 ttyS0 are all the serial console, whose input
   fd 0 may also read as a pipe, and 4:0-63 tty0-tty63 are the VTs (vt.c); 253:0 rtc0 is the CMOS
   clock (its major is dynamic on Linux: 253 is where an x86 Linux's first such driver usually
   lands); 10:130 watchdog is a software watchdog (watchdog.c). The block devices are the loop
   devices, 7:0-7, and 10:237 loop-control finds them (loop.c). Here the console's reads and
   writes, the hot ones; the rest of every device's calls in dev_other.c, built for size. */
#include "kernel/dev.h"
#include "kernel/console.h"
#include "kernel/errno.h"

static struct vnode *stdin_pipe; /* dev_stdin_pipe()'s node, held for good */

bool dev_is_console(const struct vnode *n)
{
    return (S_ISCHR(n->mode) && ((n->rdev_major == DEV_TTY && n->rdev_minor <= 1) ||
                                 (n->rdev_major == DEV_TTYS && n->rdev_minor == 64))) ||
           n == stdin_pipe;
}

int32_t dev_read(struct file *f, uaddr_t ubuf, uint32_t len)
{
    const struct vnode *n = f->node;
    if (dev_is_console(n)) /* O_NONBLOCK with nothing waiting: EAGAIN, as a tty or a pipe */
        return len && (f->flags & O_NONBLOCK) && !console_readable()
                   ? -EAGAIN
                   : console_read_user(ubuf, len, n != stdin_pipe);
    return dev_other_read(f, ubuf, len);
}

int32_t dev_write(struct file *f, uintptr_t buf, uint32_t len, bool kernel)
{
    const struct vnode *n = f->node;
    if (dev_is_console(n))
        return console_write_from(buf, len, kernel);
    return dev_other_write(n, buf, len, kernel);
}

struct vnode *dev_stdin_pipe(void)
{
    if (!stdin_pipe && (stdin_pipe = vfs_new(S_IFIFO | 0600)))
        vfs_get(stdin_pipe);
    return stdin_pipe;
}
