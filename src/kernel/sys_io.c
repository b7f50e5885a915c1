/* read, write, readv, writev, pread64, pwrite64 and ioctl through the descriptor table; the
   console's own read and write (fds 0-2 start on it) keep their terminal behaviour here. */
#include "arch/x86/cpu.h"
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/cputime.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/loop.h"
#include "kernel/pipe.h"
#include "kernel/signal.h"
#include "kernel/socket.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

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
#define UIO_MAXIOV 1024

int32_t console_read_user(uaddr_t buf, uint32_t count, bool tty)
{
    if (!user_range_ok(buf, count, true))
        return -EFAULT;
    if (count == 0)
        return 0;
    char tmp[256];
    int n;
    int32_t tenths = tty ? console_read_timeout() : -1;
    uint64_t until = tenths < 0 ? 0 : time_monotonic_ns() + (uint64_t)tenths * 100000000u;
    while ((n = console_read(tmp, count < sizeof(tmp) ? count : sizeof(tmp))) == 0) {
        if (tenths >= 0 && time_monotonic_ns() >= until)
            return 0; /* VMIN 0: nothing came within VTIME */
        if (sig_deliverable())
            return -ERESTARTSYS; /* restarted under SA_RESTART, else EINTR */
        cputime_wait();          /* block until the UART interrupt brings input */
    }
    if (n < 0)
        return 0;
    return copy_to_user(buf, tmp, (size_t)n) ? -EFAULT : n;
}

/* A burst is what the console writes between chances for interrupts: at about 4 us a byte
   under QEMU's TCG, 64 bytes hold the timer off for far less than its 1 ms period. */
#define WRITE_BURST 64

/* Write a buffer, the app's or the kernel's (copy_from_source), to the console. Long writes
   let interrupts in between bursts, so the clock and the UART keep going, and stop at a signal
   to deliver as a Linux tty write does: with the count written so far, or -ERESTARTSYS (EINTR,
   or a restart under SA_RESTART) if nothing was. */
int32_t console_write_from(uintptr_t buf, uint32_t count, bool kernel)
{
    if (!kernel && !user_range_ok(buf, count, false))
        return -EFAULT;
    char tmp[WRITE_BURST];
    uint32_t done = 0;
    while (done < count) {
        if (sig_deliverable())
            return done ? (int32_t)done : -ERESTARTSYS;
        uint32_t n = count - done < sizeof(tmp) ? count - done : sizeof(tmp);
        if (copy_from_source(tmp, buf + done, n, kernel))
            return done ? (int32_t)done : -EFAULT;
        console_write(tmp, n);
        done += n;
        cpu_interrupt_window();
    }
    return (int32_t)count;
}

/* Linux's rw_verify_area, then its clamp: a count whose sign bit is set is refused, and any
   other is cut to MAX_RW_COUNT (-1 for the refusal). */
static int64_t rw_count(word_t count)
{
    if ((sword_t)count < 0)
        return -1;
    return count > MAX_RW_COUNT ? MAX_RW_COUNT : (uint32_t)count;
}

sword_t sys_read(uint32_t fd, uaddr_t buf, word_t count)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (!user_access_ok(buf, count)) /* Linux: access_ok, then the count's sign */
        return -EFAULT;
    int64_t n = rw_count(count);
    return n < 0 ? -EINVAL : file_read(f, buf, (uint32_t)n, &f->pos);
}

sword_t sys_write(uint32_t fd, uaddr_t buf, word_t count)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (!user_access_ok(buf, count))
        return -EFAULT;
    int64_t n = rw_count(count);
    return n < 0 ? -EINVAL : file_write(f, buf, (uint32_t)n, &f->pos);
}

/* pread64 and pwrite64: at a position of their own. */
static int32_t positioned(uint32_t fd, uaddr_t buf, word_t count, int64_t pos, bool write)
{
    struct file *f = fd_get(fd);
    if (pos < 0) /* Linux's ksys_pread64: before the descriptor, then ESPIPE before EBADF */
        return -EINVAL;
    if (f && file_stream(f))
        return -ESPIPE;
    if (!f || !(write ? file_writable(f) : file_readable(f)))
        return -EBADF;
    int64_t n = rw_count(count);
    if (n < 0)
        return -EINVAL;
    uint64_t at = (uint64_t)pos; /* with O_APPEND, Linux's pwrite appends all the same */
    return write ? file_write(f, buf, (uint32_t)n, &at) : file_read(f, buf, (uint32_t)n, &at);
}

sword_t sys_pread64(uint32_t fd, uaddr_t buf, word_t count, word_t lo, word_t hi)
{
    return positioned(fd, buf, count, (int64_t)(((uint64_t)hi << 32) | lo), false);
}

sword_t sys_pwrite64(uint32_t fd, uaddr_t buf, word_t count, word_t lo, word_t hi)
{
    return positioned(fd, buf, count, (int64_t)(((uint64_t)hi << 32) | lo), true);
}

/* sendfile's copy, Linux's do_sendfile: from a regular file or a loop device at *pos (the file's
   own position when the call gives none), at most max (the offset's type's reach), to any file but
   one Linux's splice refuses (EINVAL: an O_APPEND file, /dev/full), through a kernel buffer. Into
   a pipe, what fits once there is room; a console write a signal cuts short ends it with what
   was moved, or its error if nothing was. */
__attribute__((cold)) static sword_t sendfile_at(uint32_t out_fd, uint32_t in_fd, int64_t *ppos,
                                                 word_t count, int64_t max)
{
    struct file *in = fd_get(in_fd), *out;
    if (!in || !file_readable(in))
        return -EBADF;
    if (ppos && file_stream(in))
        return -ESPIPE;
    int64_t pos = ppos ? *ppos : (int64_t)in->pos, n = rw_count(count);
    if (n < 0 || pos < 0 || pos > INT64_MAX - n)
        return -EINVAL;
    if (!(out = fd_get(out_fd)) || !file_writable(out))
        return -EBADF;
    if (pos + n > max) {
        if (pos >= max)
            return -EOVERFLOW;
        n = max - pos;
    }
    if (out->pipe) { /* as Linux's splice to a pipe: wait for room, then move what fits */
        int32_t room = pipe_room(out, 0);
        if (room < 0)
            return room;
        n = n < room ? n : room;
    } else if ((out->flags & O_APPEND) ||
               (S_ISCHR(out->node->mode) && !dev_takes_sendfile(out->node))) {
        return -EINVAL;
    }
    bool blk = S_ISBLK(in->node->mode);
    if (!S_ISREG(in->node->mode) && !blk)
        return -EINVAL;
    static uint8_t bounce[PAGE_SIZE]; /* one CPU, and nothing here is reentered */
    int32_t done = 0, r = 0;
    while (done < n) {
        uint32_t want = n - done < (int64_t)sizeof(bounce) ? (uint32_t)(n - done) : sizeof(bounce);
        struct vnode *src = in->node;
        uint64_t at = (uint64_t)pos;
        if ((blk && (r = loop_map(src, false, &src, &at, &want)) <= 0) ||
            (r = vfs_read(src, at, bounce, want)) <= 0 ||
            (r = file_write_kernel(out, bounce, (uint32_t)r, &out->pos)) <= 0)
            break;
        done += r;
        pos += r;
        if ((uint32_t)r < want)
            break;
    }
    if (ppos)
        *ppos = pos;
    else
        in->pos = (uint64_t)pos;
    return done ? done : r;
}

/* The offset, if the call gives one, is read, moved and written back whatever happened, as
   Linux does: a 64-bit loff_t (sendfile64, and x86_64's sendfile) or i386's 32-bit off_t
   (sendfile), which stops short of 2 GiB (EOVERFLOW there). */
__attribute__((cold)) static sword_t sendfile_offset(uint32_t out_fd, uint32_t in_fd,
                                                     uaddr_t offset, word_t count, size_t size)
{
    union {
        int64_t wide;
        int32_t narrow;
    } off;
    if (!offset)
        return sendfile_at(out_fd, in_fd, NULL, count, INT64_MAX);
    if (copy_from_user(&off, offset, size))
        return -EFAULT;
    int64_t pos = size == 8 ? off.wide : off.narrow;
    sword_t r = sendfile_at(out_fd, in_fd, &pos, count, size == 8 ? INT64_MAX : INT32_MAX);
    off.wide = pos; /* within the narrow one's reach, for that one: its low half */
    return copy_to_user(offset, &off, size) ? -EFAULT : r;
}

sword_t sys_sendfile64(uint32_t out_fd, uint32_t in_fd, uaddr_t offset, word_t count)
{
    return sendfile_offset(out_fd, in_fd, offset, count, 8);
}

sword_t sys_sendfile(uint32_t out_fd, uint32_t in_fd, uaddr_t offset, word_t count)
{
    return sendfile_offset(out_fd, in_fd, offset, count, 4);
}

/* A length, cut so that the total so far stays at most MAX_RW_COUNT (Linux clamps, it does
   not refuse); adds it to *total. */
static uint32_t iov_clamp(word_t len, uint32_t *total)
{
    uint32_t n = len > MAX_RW_COUNT - *total ? MAX_RW_COUNT - *total : (uint32_t)len;
    *total += n;
    return n;
}

int32_t iov_import(uaddr_t iov, word_t iovcnt, uint32_t *total)
{
    struct iovec_k v;
    for (word_t i = 0; i < iovcnt; i++) {
        if (abi_iovec_from_user(iov, i, &v))
            return -EFAULT;
        if (abi_long_arg(v.len) < 0) /* the app's ssize_t */
            return -EINVAL;
    }
    *total = 0;
    for (word_t i = 0; i < iovcnt; i++) {
        if (abi_iovec_from_user(iov, i, &v) || !user_access_ok(v.base, v.len))
            return -EFAULT;
        iov_clamp(v.len, total);
    }
    return 0;
}

/* readv and writev, checked as Linux's import_iovec does (a socket takes them whole, as one
   message). On the console moat also checks that every page is there, so that nothing is
   written unless all of it can be; then each buffer in turn until one comes up short. preadv
   and pwritev give a position of their own (at), which a stream has not (ESPIPE). */
__attribute__((cold)) static int32_t vectored(uint32_t fd, uaddr_t iov, word_t iovcnt, bool write,
                                              uint64_t *at)
{
    struct file *f = fd_get(fd);
    if (f && at && file_stream(f))
        return -ESPIPE;
    if (!f || !(write ? file_writable(f) : file_readable(f)))
        return -EBADF;
    if (!at)
        at = &f->pos;
    if (iovcnt > UIO_MAXIOV)
        return -EINVAL;
    struct iovec_k v;
    uint32_t total;
    int32_t err = iov_import(iov, iovcnt, &total);
    if (err)
        return err;
    if (f->sock) {
        struct sock_io io = {.iov = iov, .iovcnt = iovcnt, .len = total};
        return sock_rw(f, &io, write);
    }
    total = 0;
    for (word_t i = 0; dev_is_console(f->node) && i < iovcnt; i++)
        if (abi_iovec_from_user(iov, i, &v) ||
            !user_range_ok(v.base, iov_clamp(v.len, &total), !write))
            return -EFAULT;
    int32_t done = 0; /* as one write: a signal or a fault ends it with what was written */
    total = 0;
    for (word_t i = 0; i < iovcnt; i++) {
        if (abi_iovec_from_user(iov, i, &v))
            return done ? done : -EFAULT;
        uint32_t len = iov_clamp(v.len, &total);
        if (len == 0)
            continue;
        int32_t n = write ? file_write(f, v.base, len, at) : file_read(f, v.base, len, at);
        if (n < 0)
            return done ? done : n;
        done += n;
        if ((uint32_t)n < len)
            break;
    }
    return done;
}

sword_t sys_readv(uint32_t fd, uaddr_t iov, word_t iovcnt)
{
    return vectored(fd, iov, iovcnt, false, NULL);
}

sword_t sys_writev(uint32_t fd, uaddr_t iov, word_t iovcnt)
{
    return vectored(fd, iov, iovcnt, true, NULL);
}

/* The position in two halves on a 32-bit ABI, in lo alone on x86_64 (Linux's pos_from_hilo);
   a negative one is EINVAL before the file is looked at. */
static int32_t vectored_at(uint32_t fd, uaddr_t iov, word_t iovcnt, word_t lo, word_t hi,
                           bool write)
{
    uint64_t at = abi_long_size() == 8 ? lo : (uint64_t)hi << 32 | (uint32_t)lo;
    return (int64_t)at < 0 ? -EINVAL : vectored(fd, iov, iovcnt, write, &at);
}

sword_t sys_preadv(uint32_t fd, uaddr_t iov, word_t iovcnt, word_t lo, word_t hi)
{
    return vectored_at(fd, iov, iovcnt, lo, hi, false);
}

sword_t sys_pwritev(uint32_t fd, uaddr_t iov, word_t iovcnt, word_t lo, word_t hi)
{
    return vectored_at(fd, iov, iovcnt, lo, hi, true);
}

/* The console as a terminal: its settings (console.c; TCSETSW waits for output to drain, which
   the console writes at once), tcdrain's TCSBRK (a break is not sent), tcflush's TCFLSH (the
   input waiting; output has none), and TIOCGWINSZ, 24 rows of 80 columns. */
static int32_t console_ioctl(uint32_t request, word_t arg)
{
    struct termios_k t;
    switch (request) {
    case TCGETS:
        console_termios(&t);
        return abi_termios_to_user(arg, &t);
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        if (abi_termios_from_user(arg, &t))
            return -EFAULT;
        console_set_termios(&t, request == TCSETSF);
        return 0;
    case TCSBRK:
        return 0;
    case TCFLSH: /* TCIFLUSH, TCOFLUSH, TCIOFLUSH */
        if (arg > 2)
            return -EINVAL;
        if (arg != 1)
            console_flush_input();
        return 0;
    }
    if (request == TIOCGWINSZ) {
        struct winsize_k ws = {.rows = 24, .cols = 80};
        return abi_winsize_to_user(arg, &ws);
    }
    return -ENOTTY;
}

__attribute__((cold)) sword_t sys_ioctl(uint32_t fd, uint32_t request, word_t arg)
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
    if (S_ISCHR(f->node->mode) && dev_is_console(f->node)) /* a terminal, not stdin's pipe */
        return console_ioctl(request, arg);
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
