/* read and write through the descriptor table (pread64, pwrite64, readv and the like are in
   sys_iovec.c, sendfile in sys_sendfile.c, ioctl in sys_ioctl.c, which are built for size);
   the console's own read and write (fds 0-2 start on it) keep their terminal behaviour here. */
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/cputime.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

/* Cold (built for size): a read of the terminal mostly waits for its input, and no benched
   call makes one; otherwise file_read, built for speed, took it in whole. */
__attribute__((cold)) int32_t console_read_user(uaddr_t buf, uint32_t count, bool tty)
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

__attribute__((cold)) int32_t tty_write_pieces(uintptr_t buf, uint32_t len, uint32_t at)
{
    uint32_t done = 0;
    while (done < len) { /* the pieces are the write's, from its first byte */
        uint32_t piece = 2048 - (at + done) % 2048;
        piece = piece < len - done ? piece : len - done;
        if (!user_range_ok(buf + done, piece, false))
            break;
        done += piece;
    }
    uint32_t taken = done == len ? at + len : (at + done) & ~2047u;
    return taken ? (int32_t)taken : -EFAULT;
}

/* Write a buffer, the app's or the kernel's (copy_from_source), to the console. Long writes
   let interrupts in between bursts, so the clock and the UART keep going, and stop at a signal
   to deliver as a Linux tty write does: with the count written so far, or -ERESTARTSYS (EINTR,
   or a restart under SA_RESTART) if nothing was. */
int32_t console_write_from(uintptr_t buf, uint32_t count, bool kernel)
{
    if (!kernel && !user_range_ok(buf, count, false)) {
        int32_t span = tty_write_pieces(buf, count, 0);
        if (span < 0)
            return span;
        count = (uint32_t)span;
    }
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
