/* pread64 and pwrite64, readv, writev, preadv and pwritev, and the checks of an iovec array
   that sendmsg and recvmsg share. Rarer than read and write, built for size. */
#include "kernel/abi.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/socket.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vt.h"

#define UIO_MAXIOV 1024

/* A length, cut so that the total so far stays at most MAX_RW_COUNT (Linux clamps, it does
   not refuse); adds it to *total. */
__attribute__((noinline)) static uint32_t iov_clamp(word_t len, uint32_t *total)
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

/* Is f open for the transfer: writable for a write, readable for a read? */
__attribute__((noinline)) static bool may_move(const struct file *f, bool write)
{
    return write ? file_writable(f) : file_readable(f);
}

/* A write or a read of len bytes at *at, as file_write and file_read do it. */
__attribute__((noinline)) static int32_t move(struct file *f, uaddr_t buf, uint32_t len,
                                              uint64_t *at, bool write)
{
    return write ? file_write(f, buf, len, at) : file_read(f, buf, len, at);
}

/* readv and writev, checked as Linux's import_iovec does (a socket takes them whole, as one
   message). A read on the console checks that every page is there, so that nothing is read
   unless all of it can be; a terminal (the console or a VT) takes a write as one, 2 KiB at a
   time across the buffers up to the first piece it cannot read (Linux's tty_write, as write's);
   then each buffer in turn until one comes up short. preadv
   and pwritev give a position of their own (at), which a stream has not (ESPIPE). */
static int32_t vectored(uint32_t fd, uaddr_t iov, word_t iovcnt, bool write, uint64_t *at)
{
    struct file *f = fd_get(fd);
    if (f && at && file_stream(f))
        return -ESPIPE;
    if (!f || !may_move(f, write))
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
    bool tty = dev_is_console(f->node) || (write && vt_is(f->node));
    uint32_t limit = MAX_RW_COUNT;
    total = 0;
    for (word_t i = 0; tty && i < iovcnt; i++) {
        if (abi_iovec_from_user(iov, i, &v))
            return -EFAULT;
        uint32_t from = total, len = iov_clamp(v.len, &total);
        if (!user_range_ok(v.base, len, !write)) {
            int32_t taken = write ? tty_write_pieces(v.base, len, from) : -EFAULT;
            if (taken < 0)
                return taken;
            limit = (uint32_t)taken;
            break;
        }
    }
    int32_t done = 0; /* as one write: a signal or a fault ends it with what was written */
    total = MAX_RW_COUNT - limit; /* so that iov_clamp cuts the buffers at the limit */
    for (word_t i = 0; i < iovcnt; i++) {
        if (abi_iovec_from_user(iov, i, &v))
            return done ? done : -EFAULT;
        uint32_t len = iov_clamp(v.len, &total);
        if (len == 0)
            continue;
        int32_t n = move(f, v.base, len, at, write);
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

/* pread64 and pwrite64: at a position of their own. */
static int32_t positioned(uint32_t fd, uaddr_t buf, word_t count, int64_t pos, bool write)
{
    struct file *f = fd_get(fd);
    if (pos < 0) /* Linux's ksys_pread64: before the descriptor, then ESPIPE before EBADF */
        return -EINVAL;
    if (f && file_stream(f))
        return -ESPIPE;
    if (!f || !may_move(f, write))
        return -EBADF;
    int64_t n = rw_count(count);
    if (n < 0)
        return -EINVAL;
    uint64_t at = (uint64_t)pos; /* with O_APPEND, Linux's pwrite appends all the same */
    return move(f, buf, (uint32_t)n, &at, write);
}

sword_t sys_pread64(uint32_t fd, uaddr_t buf, word_t count, word_t lo, word_t hi)
{
    return positioned(fd, buf, count, (int64_t)(((uint64_t)hi << 32) | lo), false);
}

sword_t sys_pwrite64(uint32_t fd, uaddr_t buf, word_t count, word_t lo, word_t hi)
{
    return positioned(fd, buf, count, (int64_t)(((uint64_t)hi << 32) | lo), true);
}
