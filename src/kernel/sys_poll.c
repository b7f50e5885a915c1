/* poll, ppoll, select and pselect6 over the descriptor table (file_poll: the console is
   readable when input or an end of file waits, a pipe as its contents say, other files
   always). They sleep until an fd is ready, the timeout passes or a signal comes (EINTR:
   Linux never restarts these after a handler). */
#include "kernel/abi.h"
#include "kernel/anon.h"
#include "kernel/console.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/ipc.h"
#include "kernel/pipe.h"
#include "kernel/rlimit.h"
#include "kernel/signal.h"
#include "kernel/socket.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/vt.h"

/* Files that never block are always ready, as Linux's DEFAULT_POLLMASK says. */
uint32_t file_poll(const struct file *f)
{
    if (f->pipe)
        return pipe_poll(f);
    if (f->sock)
        return sock_poll(f);
    if (f->anon)
        return anon_poll(f);
    uint32_t out = POLLOUT | POLLWRNORM;
    if (vt_is(f->node)) /* no key ever comes */
        return out;
    if (!dev_is_console(f->node))
        return out | POLLIN | POLLRDNORM;
    if (S_ISFIFO(f->node->mode)) /* stdin as a pipe's read end: its end is a hang-up */
        return (console_input_count() ? POLLIN | POLLRDNORM : 0) |
               (console_input_ended() ? POLLHUP : 0);
    return out | (console_readable() ? POLLIN | POLLRDNORM : 0);
}

#define NO_DEADLINE UINT64_MAX
/* The events an fd has now, among those asked for (always POLLERR, POLLHUP and POLLNVAL). */
static uint16_t ready(uint32_t fd, uint16_t events)
{
    struct file *f = fd_get(fd);
    if (!f)
        return POLLNVAL;
    return (uint16_t)(file_poll(f) & (events | POLLERR | POLLHUP));
}

/* The deadline for a timeout of sec and nsec from now (either negative: -EINVAL). */
static int64_t deadline_after(int64_t sec, int64_t nsec, uint64_t *deadline)
{
    if (sec < 0 || nsec < 0)
        return -EINVAL;
    *deadline = time_monotonic_ns() + (uint64_t)sec * NSEC_PER_SEC + (uint64_t)nsec;
    return 0;
}

/* Set up ppoll's and pselect's mask for the wait, as sigsuspend does. */
static int32_t wait_mask(uaddr_t umask, word_t size)
{
    return umask ? sig_wait_mask(umask, size) : 0;
}

static int32_t do_poll(uaddr_t ufds, uint32_t nfds, uint64_t deadline)
{
    if (nfds > rlimit_cur(RLIMIT_NOFILE))
        return -EINVAL;
    for (;;) {
        int32_t count = 0;
        for (uint32_t i = 0; i < nfds; i++) {
            struct pollfd_k p;
            if (abi_pollfd_from_user(ufds, i, &p))
                return -EFAULT;
            uint16_t revents = p.fd < 0 ? 0 : ready((uint32_t)p.fd, p.events);
            if (abi_pollfd_revents_to_user(ufds, i, revents))
                return -EFAULT;
            count += revents != 0;
        }
        if (count)
            return count;
        int32_t err = ipc_wait_step(deadline);
        if (err)
            return err == -EAGAIN ? 0 : err;
    }
}

sword_t sys_poll(uaddr_t ufds, uint32_t nfds, word_t timeout_ms)
{
    int32_t ms = (int32_t)timeout_ms;
    uint64_t deadline = NO_DEADLINE;
    if (ms >= 0)
        deadline = time_monotonic_ns() + (uint64_t)ms * 1000000u;
    return do_poll(ufds, nfds, deadline);
}

static int32_t read_timespec(uaddr_t uts, bool wide, uint64_t *deadline)
{
    if (!uts) {
        *deadline = NO_DEADLINE;
        return 0;
    }
    uint64_t ns;
    int32_t err = timespec_from_user(uts, wide, &ns);
    if (!err)
        *deadline = time_monotonic_ns() + ns;
    return err;
}

/* What is left of the timeout, written back as Linux's poll_select_finish does (not after
   the call's own -EFAULT, -EINVAL or -EBADF): the call's result, ret. */
static int32_t write_left(uaddr_t uts, uint64_t deadline, int kind, int32_t ret)
{
    if (!uts || ret == -EFAULT || ret == -EINVAL || ret == -EBADF)
        return ret;
    uint64_t now = time_monotonic_ns(), left = deadline > now ? deadline - now : 0;
    if (kind == 0) {
        struct timeval_k tv = time_timeval(left);
        (void)abi_timeval_to_user(uts, &tv);
    } else { /* timespec: 1, 32-bit; 2, 64-bit */
        (void)timespec_to_user(uts, left, kind == 2);
    }
    return ret;
}

static int32_t ppoll(uaddr_t ufds, uint32_t nfds, uaddr_t uts, uaddr_t umask, word_t size,
                     bool wide)
{
    uint64_t deadline;
    int32_t err = read_timespec(uts, wide, &deadline);
    if (!err)
        err = wait_mask(umask, size);
    if (err)
        return err;
    return write_left(uts, deadline, wide ? 2 : 1, sig_wait_done(do_poll(ufds, nfds, deadline)));
}

sword_t sys_ppoll(uaddr_t ufds, uint32_t nfds, uaddr_t uts, uaddr_t umask, word_t size)
{
    return ppoll(ufds, nfds, uts, umask, size, false);
}

sword_t sys_ppoll_time64(uaddr_t ufds, uint32_t nfds, uaddr_t uts, uaddr_t umask, word_t size)
{
    return ppoll(ufds, nfds, uts, umask, size, true);
}

#define LONG_BITS (8 * sizeof(word_t))

/* select over the first n fds (at most a long's bits: a fresh fd table's size, past which
   Linux ignores the bits), reading and writing the sets as Linux does, in whole longs of the
   calling ABI (an int $0x80 call's are 4 bytes in a 64-bit kernel). */
static int32_t do_select(int32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uint64_t deadline)
{
    word_t sets[3] = {0, 0, 0};
    uaddr_t uset[3] = {in, out, ex};
    if (n < 0)
        return -EINVAL;
    uint32_t bits = n > (int32_t)LONG_BITS ? LONG_BITS : (uint32_t)n;
    uint32_t long_bits = 8 * abi_long_size();
    uint32_t bytes = (bits + long_bits - 1) / long_bits * abi_long_size();
    for (int i = 0; i < 3; i++)
        if (uset[i] && copy_from_user(&sets[i], uset[i], bytes))
            return -EFAULT;
    word_t all = sets[0] | sets[1] | sets[2]; /* the bits past n: never looked at */
    for (uint32_t fd = 0; fd < bits; fd++)
        if ((all >> fd & 1) && !fd_get(fd))
            return -EBADF;
    for (;;) {
        word_t r[3] = {0, 0, 0};
        int32_t count = 0;
        for (uint32_t fd = 0; fd < bits; fd++) {
            uint16_t ev = ready(fd, POLLIN | POLLOUT | POLLPRI);
            if ((sets[0] >> fd & 1) && (ev & POLLIN))
                r[0] |= (word_t)1 << fd, count++;
            if ((sets[1] >> fd & 1) && (ev & POLLOUT))
                r[1] |= (word_t)1 << fd, count++;
        }
        int32_t err = count ? -EAGAIN : ipc_wait_step(deadline);
        if (err == -EAGAIN) {
            for (int i = 0; i < 3; i++)
                if (uset[i] && copy_to_user(uset[i], &r[i], bytes))
                    return -EFAULT;
            return count;
        }
        if (err)
            return err;
    }
}

sword_t sys_newselect(uint32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t utv)
{
    uint64_t deadline = NO_DEADLINE;
    if (utv) {
        struct timeval_k tv;
        if (abi_timeval_from_user(utv, &tv))
            return -EFAULT;
        /* Linux normalises a tv_usec past a second, in the kernel's long */
        if (tv.sec < 0 || tv.usec < 0 ||
            deadline_after(tv.sec + tv.usec / 1000000, (int64_t)(tv.usec % 1000000) * 1000,
                           &deadline))
            return -EINVAL;
    }
    return write_left(utv, deadline, 0, do_select((int32_t)n, in, out, ex, deadline));
}

sword_t sys_old_select(uaddr_t args)
{
    struct sel_args_k a;
    if (abi_sel_args_from_user(args, &a))
        return -EFAULT;
    return sys_newselect((uint32_t)a.n, a.in, a.out, a.ex, a.tvp);
}

static int32_t pselect(uint32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t uts, uaddr_t usig,
                       bool wide)
{
    uint64_t deadline;
    struct sigset_argpack_k sig = {0, 0};
    int32_t err = read_timespec(uts, wide, &deadline);
    if (err)
        return err;
    if (usig && abi_sigset_argpack_from_user(usig, &sig))
        return -EFAULT;
    if ((err = wait_mask(sig.set, sig.size)))
        return err;
    return write_left(uts, deadline, wide ? 2 : 1,
                      sig_wait_done(do_select((int32_t)n, in, out, ex, deadline)));
}

sword_t sys_pselect6(uint32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t uts, uaddr_t usig)
{
    return pselect(n, in, out, ex, uts, usig, false);
}

sword_t sys_pselect6_time64(uint32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t uts,
                            uaddr_t usig)
{
    return pselect(n, in, out, ex, uts, usig, true);
}
