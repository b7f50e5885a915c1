/* futex for the one thread: a wait checks the word and sleeps until its timeout or a signal
   (no other thread can wake it), a wake finds nobody, as Linux would answer them. */
#include "kernel/cputime.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128u
#define FUTEX_CLOCK_REALTIME 256u

/* Sleep until deadline (monotonic ns; UINT64_MAX: none): -ETIMEDOUT, or a signal's
   -ERESTARTSYS (restarted under SA_RESTART) or -EINTR when a timeout was given, as Linux's
   restart block makes it. */
static int32_t futex_sleep(uint64_t deadline, bool timed)
{
    for (;;) {
        if (time_monotonic_ns() >= deadline)
            return -ETIMEDOUT;
        if (sig_deliverable())
            return timed ? -EINTR : -ERESTARTSYS;
        cputime_wait();
    }
}

/* Does the futex word hold want? 0, -EAGAIN when it does not, or -EFAULT. */
static int32_t word_is(uaddr_t uaddr, uint32_t want)
{
    uint32_t word;
    if (copy_from_user(&word, uaddr, 4))
        return -EFAULT;
    return word == want ? 0 : -EAGAIN;
}

static int32_t futex(uaddr_t uaddr, uint32_t op, uint32_t val, uaddr_t uts, uaddr_t uaddr2,
                     uint32_t val3, bool wide)
{
    uint32_t cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    bool realtime = op & FUTEX_CLOCK_REALTIME;
    if (realtime && cmd != FUTEX_WAIT_BITSET)
        return -ENOSYS;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        uint64_t deadline = UINT64_MAX, t;
        if (cmd == FUTEX_WAIT_BITSET && !val3)
            return -EINVAL;
        if (uts) {
            int32_t err = timespec_from_user(uts, wide, &t);
            if (err)
                return err;
            if (cmd == FUTEX_WAIT) /* relative */
                deadline = time_monotonic_ns() + t;
            else if (realtime) { /* absolute, on CLOCK_REALTIME; one before boot is past */
                uint64_t boot = time_realtime_ns() - time_monotonic_ns();
                deadline = t > boot ? t - boot : 0;
            } else /* absolute, on CLOCK_MONOTONIC */
                deadline = t;
        }
        if (uaddr & 3)
            return -EINVAL;
        int32_t err = word_is(uaddr, val);
        return err ? err : futex_sleep(deadline, uts != 0);
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        if (cmd == FUTEX_WAKE_BITSET && !val3)
            return -EINVAL;
        return uaddr & 3 ? -EINVAL : 0; /* nobody else to wake */
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
        if ((int32_t)val < 0 || (int32_t)uts < 0 || (uaddr & 3) || (uaddr2 & 3))
            return -EINVAL;
        return cmd == FUTEX_CMP_REQUEUE ? word_is(uaddr, val3) : 0;
    default:
        return -ENOSYS; /* FUTEX_FD is gone; the PI and WAKE_OP calls need other threads */
    }
}

sword_t sys_futex(uaddr_t uaddr, uint32_t op, uint32_t val, uaddr_t uts, uaddr_t uaddr2,
                  uint32_t val3)
{
    return futex(uaddr, op, val, uts, uaddr2, val3, false);
}

sword_t sys_futex_time64(uaddr_t uaddr, uint32_t op, uint32_t val, uaddr_t uts, uaddr_t uaddr2,
                         uint32_t val3)
{
    return futex(uaddr, op, val, uts, uaddr2, val3, true);
}
