/* ioctl: the requests every file has, then the console's and the VTs' as terminals, the
   sockets', the loop devices' and the other devices'. A rare call, built for size. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/loop.h"
#include "kernel/pipe.h"
#include "kernel/signal.h"
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
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#define TIOCGWINSZ 0x5413
#define FIONREAD 0x541B
#define TIOCOUTQ 0x5411
#define SIOCATMARK 0x8905
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

/* The console as the controlling terminal, which the app, as Linux's init, starts without: a
   session leader (after setsid) that has none takes it by opening ttyS0 (dev_open) or by
   TIOCSCTTY (as Linux's tiocsctty: read access, or CAP_SYS_ADMIN). Then it answers for the
   session (TIOCGSID) and its foreground group, the app's own, the one in the session
   (TIOCGPGRP, TIOCSPGRP); TIOCNOTTY gives it up, the session leader's group getting SIGHUP
   and SIGCONT, as Linux's disassociate_ctty sends them. ENOTTY for those where it is not
   the controlling terminal, as Linux's. (A VT never becomes one.) */
static int32_t ctty_ioctl(const struct file *f, uint32_t request, word_t arg)
{
    int32_t id = (int32_t)app.sid;
    if (request == TIOCSCTTY && !app.ctty) {
        if (app.sid != APP_PID || (!file_readable(f) && !capable(CAP_SYS_ADMIN)))
            return -EPERM;
        app.ctty = true;
    }
    if (!app.ctty)
        return -ENOTTY;
    switch (request) {
    case TIOCSCTTY:
        return 0;
    case TIOCNOTTY:
        app.ctty = false;
        sig_send(SIGHUP, SI_USER, APP_PID);
        sig_send(SIGCONT, SI_USER, APP_PID);
        return 0;
    case TIOCSPGRP:
        if (copy_from_user(&id, arg, 4))
            return -EFAULT;
        return id < 0 ? -EINVAL : id != APP_PID ? -ESRCH : 0;
    case TIOCGPGRP:
        id = (int32_t)app.pgid;
        /* fall through */
    case TIOCGSID:
        return copy_to_user(arg, &id, 4);
    }
    return -ENOTTY;
}

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
    return vt ? vt_ioctl(f, request, arg) : ctty_ioctl(f, request, arg);
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
