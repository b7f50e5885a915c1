/* read, write, writev and ioctl on the terminal: fds 0, 1 and 2 are all the serial console. */
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413
#define UIO_MAXIOV 1024
#define MAX_RW_COUNT 0x7FFFF000u /* INT_MAX & PAGE_MASK: Linux's cap on one read or write */

static int is_tty(uint32_t fd)
{
    return fd <= 2;
}

int32_t sys_read(uint32_t fd, uint32_t buf, uint32_t count)
{
    if (!is_tty(fd))
        return -EBADF;
    if (!user_access_ok(buf, count)) /* Linux: access_ok, then the count's sign */
        return -EFAULT;
    if ((int32_t)count < 0)
        return -EINVAL;
    if (!user_range_ok(buf, count, true))
        return -EFAULT;
    if (count == 0)
        return 0;
    char tmp[256];
    int n;
    while ((n = console_read(tmp, count < sizeof(tmp) ? count : sizeof(tmp))) == 0) {
        if (sig_deliverable())
            return -ERESTARTSYS; /* restarted under SA_RESTART, else EINTR */
        cpu_wait(); /* block until the UART interrupt brings input */
    }
    if (n < 0)
        return 0;
    return copy_to_user(buf, tmp, (size_t)n) ? -EFAULT : n;
}

/* A burst is what the console writes between chances for interrupts: at about 4 us a byte
   under QEMU's TCG, 64 bytes hold the timer off for far less than its 1 ms period. */
#define WRITE_BURST 64

/* Write a user buffer (whose whole range the caller checked) to the console. Long writes let
   interrupts in between bursts, so the clock and the UART keep going, and stop at a signal to
   deliver as a Linux tty write does: with the count written so far, or -ERESTARTSYS (EINTR,
   or a restart under SA_RESTART) if nothing was. */
static int32_t write_user(uint32_t buf, uint32_t count)
{
    char tmp[WRITE_BURST];
    uint32_t done = 0;
    while (done < count) {
        if (sig_deliverable())
            return done ? (int32_t)done : -ERESTARTSYS;
        uint32_t n = count - done < sizeof(tmp) ? count - done : sizeof(tmp);
        if (copy_from_user(tmp, buf + done, n))
            return done ? (int32_t)done : -EFAULT;
        console_write(tmp, n);
        done += n;
        cpu_interrupt_window();
    }
    return (int32_t)count;
}

int32_t sys_write(uint32_t fd, uint32_t buf, uint32_t count)
{
    if (!is_tty(fd))
        return -EBADF;
    if (!user_access_ok(buf, count))
        return -EFAULT;
    if ((int32_t)count < 0)
        return -EINVAL;
    if (!user_range_ok(buf, count, false))
        return -EFAULT;
    return write_user(buf, count);
}

/* A length, cut so that the total so far stays at most MAX_RW_COUNT (Linux clamps, it does
   not refuse); adds it to *total. */
static uint32_t iov_clamp(uint32_t len, uint32_t *total)
{
    if (len > MAX_RW_COUNT - *total)
        len = MAX_RW_COUNT - *total;
    *total += len;
    return len;
}

/* As Linux's import_iovec: every length's sign first, then every address (access_ok), the
   total clamped to MAX_RW_COUNT. moat also checks that every page is there before writing
   anything, where Linux writes until the first fault. */
int32_t sys_writev(uint32_t fd, uint32_t iov, uint32_t iovcnt)
{
    if (!is_tty(fd))
        return -EBADF;
    if (iovcnt > UIO_MAXIOV)
        return -EINVAL;
    uint32_t v[2], total = 0;
    for (uint32_t i = 0; i < iovcnt; i++) {
        if (copy_from_user(v, iov + i * 8, sizeof(v)))
            return -EFAULT;
        if ((int32_t)v[1] < 0)
            return -EINVAL;
    }
    for (uint32_t i = 0; i < iovcnt; i++) {
        if (copy_from_user(v, iov + i * 8, sizeof(v)) || !user_access_ok(v[0], v[1]) ||
            !user_range_ok(v[0], iov_clamp(v[1], &total), false))
            return -EFAULT;
    }
    total = 0;
    uint32_t done = 0; /* as one write: a signal or a fault ends it with what was written */
    for (uint32_t i = 0; i < iovcnt; i++) {
        if (copy_from_user(v, iov + i * 8, sizeof(v)))
            return done ? (int32_t)done : -EFAULT;
        uint32_t len = iov_clamp(v[1], &total);
        int32_t n = write_user(v[0], len);
        if (n < 0)
            return done ? (int32_t)done : n;
        done += (uint32_t)n;
        if ((uint32_t)n < len)
            break;
    }
    return (int32_t)done;
}

/* Linux's kernel struct termios (what TCGETS fills in): a raw-ish 115200 8N1 terminal that
   maps CR to NL on input and NL to CR NL on output, without echo. */
struct kernel_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line, c_cc[19];
};
_Static_assert(sizeof(struct kernel_termios) == 36, "termios layout");

int32_t sys_ioctl(uint32_t fd, uint32_t request, uint32_t arg)
{
    if (!is_tty(fd))
        return -EBADF;
    if (request == TCGETS) {
        struct kernel_termios t = {.c_iflag = 0x100 /* ICRNL */,
                                   .c_oflag = 0x5 /* OPOST | ONLCR */,
                                   .c_cflag = 0x1002 | 0x30 | 0x80 /* B115200 CS8 CREAD */,
                                   .c_cc = {[6] = 1 /* VMIN */}};
        return copy_to_user(arg, &t, sizeof(t));
    }
    if (request == TIOCGWINSZ) {
        uint16_t ws[4] = {24, 80, 0, 0};
        return copy_to_user(arg, ws, sizeof(ws));
    }
    return -ENOTTY;
}
