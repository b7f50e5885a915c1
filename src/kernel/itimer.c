/* ITIMER_REAL: alarm, setitimer and getitimer, checked on every timer tick; expiry sends
   SIGALRM as Linux's it_real_fn does (si_code SI_KERNEL). */
#include "kernel/itimer.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"

#define NSEC_PER_USEC 1000ull

static uint64_t deadline, interval; /* ns of the monotonic clock; deadline 0: disarmed */

void itimer_tick(void)
{
    if (!deadline)
        return;
    uint64_t now = time_monotonic_ns();
    if (now < deadline)
        return;
    sig_send(SIGALRM, SI_KERNEL, 0);
    if (!interval) {
        deadline = 0;
        return;
    }
    while (deadline <= now) /* overruns merge, as standard signals do */
        deadline += interval;
}

static uint64_t to_ns(struct timeval_k tv)
{
    return (uint64_t)tv.sec * NSEC_PER_SEC + (uint64_t)tv.usec * NSEC_PER_USEC;
}

/* Linux's timeval_valid, for setitimer */
static bool valid(struct timeval_k tv)
{
    return tv.sec >= 0 && tv.usec >= 0 && tv.usec < 1000000;
}

/* A timer's value and interval: ITIMER_REAL's here, ITIMER_VIRTUAL's and ITIMER_PROF's from
   itimer_cpu.c. */
static void get(uint32_t which, struct itimerval_k *it)
{
    uint64_t left, every = interval;
    if (which == ITIMER_REAL) {
        uint64_t now = time_monotonic_ns();
        /* a running timer never reads as zero: 1 us at least */
        left = deadline ? (deadline > now + NSEC_PER_USEC ? deadline - now : NSEC_PER_USEC) : 0;
    } else
        itimer_cpu_get((int)which, &left, &every);
    it->interval = time_timeval(every);
    it->value = time_timeval(left);
}

sword_t sys_getitimer(uint32_t which, uaddr_t value)
{
    struct itimerval_k it;
    if (which > ITIMER_PROF)
        return -EINVAL;
    get(which, &it);
    return abi_itimerval_to_user(value, &it);
}

sword_t sys_setitimer(uint32_t which, uaddr_t value, uaddr_t ovalue)
{
    struct itimerval_k it = {{0, 0}, {0, 0}}, old; /* Linux: a NULL value disarms */
    if (which > ITIMER_PROF)
        return -EINVAL;
    if (value && abi_itimerval_from_user(value, &it))
        return -EFAULT;
    if (!valid(it.interval) || !valid(it.value))
        return -EINVAL;
    uint64_t v = to_ns(it.value), every = to_ns(it.interval);
    get(which, &old);
    if (which == ITIMER_REAL) {
        interval = v ? every : 0;
        deadline = v ? time_monotonic_ns() + v : 0;
    } else
        itimer_cpu_set((int)which, v, every);
    if (ovalue && abi_itimerval_to_user(ovalue, &old))
        return -EFAULT;
    return 0;
}

sword_t sys_alarm(uint32_t seconds)
{
    if (sizeof(word_t) == 4 && seconds > INT32_MAX)
        seconds = INT32_MAX; /* Linux with a 32-bit long (alarm_setitimer) */
    struct itimerval_k old;
    get(ITIMER_REAL, &old);
    interval = 0;
    deadline = seconds ? time_monotonic_ns() + seconds * NSEC_PER_SEC : 0;
    /* Linux: round to the nearest second, and never report 0 for a pending alarm. */
    uint32_t left = (uint32_t)old.value.sec;
    if ((!left && old.value.usec) || old.value.usec >= 500000)
        left++;
    return (int32_t)left;
}
