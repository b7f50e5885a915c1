/* poll and ppoll over the descriptor table (file_poll). Nothing but the console's input, a
   timer or a signal can change a file's state in a one-process system, so a wait is a halt
   until the next interrupt, then a new look. */
#include "arch/x86/cpu.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

struct pollfd {
    int32_t fd;
    int16_t events, revents;
};

/* One pass over the array: how many entries have events, or -EFAULT. */
static int32_t scan(uint32_t ufds, uint32_t nfds)
{
    int32_t ready = 0;
    for (uint32_t i = 0; i < nfds; i++) {
        struct pollfd p;
        if (copy_from_user(&p, ufds + i * sizeof(p), sizeof(p)))
            return -EFAULT;
        uint32_t ev = 0;
        if (p.fd >= 0) {
            struct file *f = fd_get((uint32_t)p.fd);
            ev = !f ? POLLNVAL : file_poll(f) & ((uint16_t)p.events | POLLERR | POLLHUP);
        }
        p.revents = (int16_t)ev;
        if (copy_to_user(ufds + i * sizeof(p) + 6, &p.revents, 2))
            return -EFAULT;
        ready += ev != 0;
    }
    return ready;
}

/* timeout_ns < 0: wait for ever. */
static int32_t do_poll(uint32_t ufds, uint32_t nfds, int64_t timeout_ns)
{
    if (nfds > NOFILE)
        return -EINVAL;
    uint64_t end = time_monotonic_ns() + (uint64_t)(timeout_ns > 0 ? timeout_ns : 0);
    for (;;) {
        int32_t n = scan(ufds, nfds);
        if (n != 0 || timeout_ns == 0 || (timeout_ns > 0 && time_monotonic_ns() >= end))
            return n;
        if (sig_deliverable())
            return -EINTR;
        cpu_wait();
    }
}

int32_t sys_poll(uint32_t ufds, uint32_t nfds, uint32_t timeout_ms)
{
    int32_t ms = (int32_t)timeout_ms;
    return do_poll(ufds, nfds, ms < 0 ? -1 : (int64_t)ms * 1000000);
}

/* ppoll's signal mask is not applied: the app's mask stays as it is. */
static int32_t ppoll(uint32_t ufds, uint32_t nfds, uint32_t uts, bool t64)
{
    if (!uts)
        return do_poll(ufds, nfds, -1);
    uint32_t w[4];
    if (copy_from_user(w, uts, t64 ? 16 : 8))
        return -EFAULT;
    int64_t sec = t64 ? (int64_t)(((uint64_t)w[1] << 32) | w[0]) : (int32_t)w[0];
    uint32_t nsec = t64 ? w[2] : w[1];
    if (sec < 0 || nsec >= 1000000000u)
        return -EINVAL;
    return do_poll(ufds, nfds, sec * 1000000000 + nsec);
}

int32_t sys_ppoll(uint32_t ufds, uint32_t nfds, uint32_t uts)
{
    return ppoll(ufds, nfds, uts, false);
}

int32_t sys_ppoll_time64(uint32_t ufds, uint32_t nfds, uint32_t uts)
{
    return ppoll(ufds, nfds, uts, true);
}
