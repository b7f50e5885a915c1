/* ITIMER_REAL: alarm, setitimer and getitimer, checked on every timer tick; expiry sends
   SIGALRM as Linux's it_real_fn does (si_code SI_KERNEL). */
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

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

/* struct itimerval with 32-bit timevals: interval, then value. */
static void get(int32_t tv[4])
{
    uint64_t now = time_monotonic_ns();
    uint64_t left = deadline ? (deadline > now ? deadline - now : NSEC_PER_USEC) : 0;
    tv[0] = (int32_t)(interval / NSEC_PER_SEC);
    tv[1] = (int32_t)(interval % NSEC_PER_SEC / NSEC_PER_USEC);
    tv[2] = (int32_t)(left / NSEC_PER_SEC);
    tv[3] = (int32_t)(left % NSEC_PER_SEC / NSEC_PER_USEC);
    if (deadline && !tv[2] && !tv[3])
        tv[3] = 1; /* a running timer never reads as zero */
}

static uint64_t to_ns(int32_t sec, int32_t usec)
{
    return (uint64_t)sec * NSEC_PER_SEC + (uint64_t)usec * NSEC_PER_USEC;
}

/* ITIMER_VIRTUAL and ITIMER_PROF as struct itimerval. */
static void cpu_get(int which, int32_t tv[4])
{
    uint64_t value, every;
    itimer_cpu_get(which, &value, &every);
    tv[0] = (int32_t)(every / NSEC_PER_SEC);
    tv[1] = (int32_t)(every % NSEC_PER_SEC / NSEC_PER_USEC);
    tv[2] = (int32_t)(value / NSEC_PER_SEC);
    tv[3] = (int32_t)(value % NSEC_PER_SEC / NSEC_PER_USEC);
}

sword_t sys_getitimer(word_t which, uaddr_t value)
{
    int32_t tv[4];
    if (which > ITIMER_PROF)
        return -EINVAL;
    if (which == ITIMER_REAL)
        get(tv);
    else
        cpu_get((int)which, tv);
    return copy_to_user(value, tv, sizeof(tv));
}

sword_t sys_setitimer(word_t which, uaddr_t value, uaddr_t ovalue)
{
    int32_t tv[4], old[4];
    if (which > ITIMER_PROF)
        return -EINVAL;
    if (value) {
        if (copy_from_user(tv, value, sizeof(tv)))
            return -EFAULT;
    } else {
        tv[0] = tv[1] = tv[2] = tv[3] = 0; /* Linux: a NULL value disarms */
    }
    for (int i = 0; i < 4; i++)
        if (tv[i] < 0 || (i % 2 && tv[i] >= 1000000))
            return -EINVAL;
    uint64_t v = to_ns(tv[2], tv[3]);
    if (which == ITIMER_REAL) {
        get(old);
        interval = v ? to_ns(tv[0], tv[1]) : 0;
        deadline = v ? time_monotonic_ns() + v : 0;
    } else {
        cpu_get((int)which, old);
        itimer_cpu_set((int)which, v, to_ns(tv[0], tv[1]));
    }
    if (ovalue && copy_to_user(ovalue, old, sizeof(old)))
        return -EFAULT;
    return 0;
}

sword_t sys_alarm(word_t seconds)
{
    if (seconds > INT32_MAX)
        seconds = INT32_MAX; /* Linux with a 32-bit long (alarm_setitimer) */
    int32_t old[4];
    get(old);
    interval = 0;
    deadline = seconds ? time_monotonic_ns() + seconds * NSEC_PER_SEC : 0;
    /* Linux: round to the nearest second, and never report 0 for a pending alarm. */
    uint32_t left = (uint32_t)old[2];
    if ((!left && old[3]) || old[3] >= 500000)
        left++;
    return (int32_t)left;
}
