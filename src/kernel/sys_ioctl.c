/* ioctl: the requests every file has, then the console's and the VTs' as terminals, the
   sockets', the loop devices' and the other devices'. A rare call, built for size. */
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/loop.h"
#include "kernel/pipe.h"
#include "kernel/socket.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vt.h"

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCFLSH 0x540B
#define TIOCGWINSZ 0x5413
#define FIONREAD 0x541B
#define TIOCOUTQ 0x5411
#define SIOCATMARK 0x8905
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

/* The console or a VT as a terminal: its settings (console.c's, or the VT's; TCSETSW waits
   for output to drain, which both write at once), tcdrain's TCSBRK (a break is not sent),
   tcflush's TCFLSH (the input waiting; output has none), and TIOCGWINSZ: 24 rows of 80
   columns, a VT's 25 (Linux's dummy console's). A VT has its own ioctls too (vt.c). */
static int32_t tty_ioctl(const struct file *f, uint32_t request, word_t arg)
{
    struct termios_k t, *vt = vt_is(f->node) ? vt_termios(f) : NULL;
    switch (request) {
    case TCGETS:
        if (vt)
            t = *vt;
        else
            console_termios(&t);
        return abi_termios_to_user(arg, &t);
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        if (abi_termios_from_user(arg, &t))
            return -EFAULT;
        if (vt) { /* a VT's line has no speed nor size to set (Linux's tty_termios_copy_hw) */
            uint32_t soft = 0x80 | 0x400 | 0x800; /* CREAD HUPCL CLOCAL */
            t.cflag = (t.cflag & soft) | (vt->cflag & ~soft);
            *vt = t;
        } else
            console_set_termios(&t, request == TCSETSF);
        return 0;
    case TCSBRK:
        return 0;
    case TCFLSH: /* TCIFLUSH, TCOFLUSH, TCIOFLUSH */
        if (arg > 2)
            return -EINVAL;
        if (arg != 1 && !vt)
            console_flush_input();
        return 0;
    }
    if (request == TIOCGWINSZ) {
        struct winsize_k ws = {.rows = vt ? 25 : 24, .cols = 80};
        return abi_winsize_to_user(arg, &ws);
    }
    return vt ? vt_ioctl(f, request, arg) : -ENOTTY;
}

sword_t sys_ioctl(uint32_t fd, uint32_t request, word_t arg)
{
    struct file *f = fd_get(fd);
    if (!f || (f->flags & O_PATH))
        return -EBADF;
    uint32_t nonblock = O_NONBLOCK, on;
    switch (request) { /* the requests every file has (Linux's do_vfs_ioctl) */
    case FIOCLEX:
    case FIONCLEX:
        fd_set_cloexec(fd, request == FIOCLEX);
        return 0;
    case FIONBIO:
        if (copy_from_user(&on, arg, 4))
            return -EFAULT;
        f->flags = on ? f->flags | nonblock : f->flags & ~nonblock;
        return 0;
    case FIONREAD:
        if (S_ISREG(f->node->mode)) {
            uint32_t left = f->pos < f->node->size ? f->node->size - (uint32_t)f->pos : 0;
            return copy_to_user(arg, &left, 4);
        }
        if (f->pipe || dev_is_console(f->node)) { /* the console's: its input waiting */
            uint32_t count = f->pipe ? pipe_count(f) : console_input_count();
            return copy_to_user(arg, &count, 4);
        }
        break;
    }
    if (S_ISCHR(f->node->mode) &&
        (dev_is_console(f->node) || vt_is(f->node))) /* not stdin's pipe */
        return tty_ioctl(f, request, arg);
    if (f->sock && (request == FIONREAD || request == TIOCOUTQ)) { /* SIOCINQ, SIOCOUTQ */
        int32_t n = sock_queued(f->sock, request == TIOCOUTQ);
        return n < 0 ? n : copy_to_user(arg, &n, 4);
    }
    if (f->sock && request == SIOCATMARK) {
        int32_t at = sock_at_mark(f->sock);
        return copy_to_user(arg, &at, 4);
    }
    if (f->sock && request >= 0x8910 && request < 0x8A00) /* the interfaces' */
        return netlink_ioctl(f->sock, request, arg);
    if (S_ISBLK(f->node->mode))
        return loop_ioctl(f, request, arg);
    return S_ISCHR(f->node->mode) ? dev_ioctl(f->node, request, arg) : -ENOTTY;
}
