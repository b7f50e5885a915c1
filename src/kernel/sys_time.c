/* clock_gettime, clock_getres and clock_settime (32- and 64-bit time), time, gettimeofday,
   settimeofday, stime and nanosleep. */
#include "arch/x86/pit.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11
/* A negative clock id names a process's or thread's CPU clock: ~pid << 3 | per-thread << 2
   | which (Linux's CPUCLOCK_*). pid 0 is the caller. */
#define CPUCLOCK_PROF 0
#define CPUCLOCK_VIRT 1
#define CPUCLOCK_SCHED 2

/* A CPU clock's "which", or -1 when the id names no clock of the app. */
static int cpu_clock(uint32_t clock)
{
    if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
        return CPUCLOCK_SCHED;
    if ((int32_t)clock >= 0)
        return -1;
    int32_t pid = ~((int32_t)clock >> 3);
    int which = (int)(clock & 3);
    if (which > CPUCLOCK_SCHED || (pid != 0 && pid != APP_PID))
        return -1;
    return which;
}

int64_t time_clock_ns(uint32_t clock)
{
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        return (int64_t)time_realtime_ns();
    case CLOCK_TAI:
        return (int64_t)time_tai_ns();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        return (int64_t)time_monotonic_ns();
    case CLOCK_MONOTONIC_RAW:
        return (int64_t)time_raw_ns();
    }
    switch (cpu_clock(clock)) {
    case CPUCLOCK_SCHED:
        return (int64_t)cputime_ns();
    case CPUCLOCK_VIRT:
        return (int64_t)cputime_user_sampled_ns();
    case CPUCLOCK_PROF:
        return (int64_t)cputime_prof_sampled_ns();
    default:
        return -1;
    }
}

/* The clock's resolution in ns, or -1: 1 ns where it reads the TSC, a tick where it counts
   ticks. */
static int64_t clock_res(uint32_t clock)
{
    int which = cpu_clock(clock);
    if (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE ||
        which == CPUCLOCK_PROF || which == CPUCLOCK_VIRT)
        return TICK_NS;
    return time_clock_ns(clock) < 0 ? -1 : 1;
}

int32_t timespec_from_user(uaddr_t uts, bool wide, uint64_t *ns)
{
    struct timespec_k t;
    if (abi_timespec_from_user(uts, 0, wide, &t))
        return -EFAULT;
    if (t.sec < 0 || t.nsec < 0 || t.nsec >= (int64_t)NSEC_PER_SEC)
        return -EINVAL;
    /* past KTIME_MAX's seconds, KTIME_MAX, as Linux's timespec64_to_ktime: "forever" */
    *ns = (uint64_t)t.sec < INT64_MAX / NSEC_PER_SEC
              ? (uint64_t)t.sec * NSEC_PER_SEC + (uint64_t)t.nsec
              : INT64_MAX;
    return 0;
}

int32_t timespec_to_user(uaddr_t ts, uint64_t ns, bool wide)
{
    struct timespec_k t = {.sec = (int64_t)(ns / NSEC_PER_SEC),
                           .nsec = (int64_t)(ns % NSEC_PER_SEC)};
    return abi_timespec_to_user(ts, &t, wide);
}

int32_t itimerspec_from_user(uaddr_t u, bool wide, uint64_t *interval, uint64_t *value)
{
    int32_t a = timespec_from_user(u, wide, interval),
            b = timespec_from_user(u + (wide ? 16 : 8), wide, value);
    return a == -EFAULT || b == -EFAULT ? -EFAULT : a ? a : b;
}

int32_t itimerspec_to_user(uaddr_t u, uint64_t interval, uint64_t left, bool wide)
{
    return timespec_to_user(u, interval, wide) || timespec_to_user(u + (wide ? 16 : 8), left, wide)
               ? -EFAULT
               : 0;
}

static int32_t clock_getres_common(uint32_t clock, uaddr_t res, bool wide)
{
    int64_t ns = clock_res(clock);
    if (ns < 0)
        return -EINVAL;
    return res ? timespec_to_user(res, (uint64_t)ns, wide) : 0;
}

sword_t sys_clock_getres(uint32_t clock, uaddr_t res)
{
    return clock_getres_common(clock, res, false);
}

sword_t sys_clock_getres_time64(uint32_t clock, uaddr_t res)
{
    return clock_getres_common(clock, res, true);
}

sword_t sys_time(uaddr_t tloc)
{
    sword_t now = (sword_t)(time_realtime_ns() / NSEC_PER_SEC);
    if (tloc && abi_long_to_user(tloc, (word_t)now))
        return -EFAULT;
    return now;
}

sword_t sys_gettimeofday(uaddr_t tv, uaddr_t tz)
{
    struct timeval_k t = time_timeval(time_realtime_ns());
    if (tv && abi_timeval_to_user(tv, &t))
        return -EFAULT;
    int32_t west, dst; /* minutes west of Greenwich, DST: UTC until settimeofday sets them */
    time_timezone(&west, &dst);
    if (tz && abi_timezone_to_user(tz, west, dst))
        return -EFAULT;
    return 0;
}

/* Setting the clock, as Linux's do_sys_settimeofday64: a time Linux's timespec64_valid_settod
   takes (no negative part, nsec under a second, sec short of KTIME_SEC_MAX less 30 years of
   uptime), then a timezone within 15 hours of Greenwich (kept even when the time is then
   refused), then the time itself, not before the boot; CAP_SYS_TIME between (EPERM). */
static int32_t settime(const struct timespec_k *ts, const int32_t *tz)
{
    if (ts && (ts->sec < 0 || ts->sec >= TIME_SET_MAX_SEC || ts->nsec < 0 ||
               ts->nsec >= (int64_t)NSEC_PER_SEC))
        return -EINVAL;
    if (!capable(CAP_SYS_TIME))
        return -EPERM;
    if (tz) {
        if (tz[0] > 15 * 60 || tz[0] < -15 * 60)
            return -EINVAL;
        time_set_timezone(tz[0], tz[1]);
    }
    return ts ? time_set_realtime((uint64_t)ts->sec * NSEC_PER_SEC + (uint64_t)ts->nsec) : 0;
}

sword_t sys_settimeofday(uaddr_t utv, uaddr_t utz)
{
    struct timeval_k tv;
    struct timespec_k ts;
    int32_t tz[2]; /* struct timezone: two ints on every ABI */
    if (utv) {
        if (abi_timeval_from_user(utv, &tv))
            return -EFAULT;
        if (tv.sec < 0 || tv.usec < 0 || tv.usec >= 1000000)
            return -EINVAL;
        ts = (struct timespec_k){.sec = tv.sec, .nsec = (int64_t)tv.usec * 1000};
    }
    if (utz && copy_from_user(tz, utz, sizeof(tz)))
        return -EFAULT;
    return settime(utv ? &ts : NULL, utz ? tz : NULL);
}

/* Only CLOCK_REALTIME is settable. The other clocks Linux names by a positive id refuse with
   EINVAL at once; a negative id's (a CPU clock, Linux's posix_cpu_clock_set) once the time has
   been read: EPERM if it is the app's, else EINVAL. */
static int32_t clock_settime_common(uint32_t clock, uaddr_t uts, bool wide)
{
    if (clock != CLOCK_REALTIME && (int32_t)clock >= 0)
        return -EINVAL;
    struct timespec_k ts;
    if (abi_timespec_from_user(uts, 0, wide, &ts))
        return -EFAULT;
    if (clock != CLOCK_REALTIME)
        return cpu_clock(clock) >= 0 ? -EPERM : -EINVAL;
    return settime(&ts, NULL);
}

sword_t sys_clock_settime(uint32_t clock, uaddr_t uts)
{
    return clock_settime_common(clock, uts, false);
}

sword_t sys_clock_settime64(uint32_t clock, uaddr_t uts)
{
    return clock_settime_common(clock, uts, true);
}

/* i386's stime: a 32-bit time_t, which Linux sets (CAP_SYS_TIME, else EPERM) without a word
   on whether it could. */
sword_t sys_stime(uaddr_t ut)
{
    int32_t sec;
    if (copy_from_user(&sec, ut, sizeof(sec)))
        return -EFAULT;
    if (!capable(CAP_SYS_TIME))
        return -EPERM;
    settime(&(struct timespec_k){.sec = sec}, NULL);
    return 0;
}

/* The time as struct timespec with 32-bit fields (clock_gettime) or 64-bit ones
   (clock_gettime64, which musl tries first). */
static int32_t clock_gettime_common(uint32_t clock, uaddr_t ts, bool wide)
{
    int64_t ns = time_clock_ns(clock);
    if (ns < 0)
        return -EINVAL;
    return timespec_to_user(ts, (uint64_t)ns, wide);
}

sword_t sys_clock_gettime(uint32_t clock, uaddr_t ts)
{
    return clock_gettime_common(clock, ts, false);
}

sword_t sys_clock_gettime64(uint32_t clock, uaddr_t ts)
{
    return clock_gettime_common(clock, ts, true);
}

#define TIMER_ABSTIME 1u

/* clock_nanosleep: relative or absolute (TIMER_ABSTIME) sleeps on the wall, monotonic and
   process CPU clocks (the last only ends by a signal: the sleeping app's CPU time stands
   still, as a single-threaded process's does on Linux). EINTR on a signal, with what is left
   of a relative sleep in rem. */
static int32_t clock_nanosleep_common(uint32_t clock, uint32_t flags, uaddr_t req, uaddr_t rem,
                                      bool wide)
{
    uint64_t ns;
    int32_t err = timespec_from_user(req, wide, &ns);
    if (err)
        return err;
    bool abs = flags & TIMER_ABSTIME;
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_TAI:
    case CLOCK_MONOTONIC:
    case CLOCK_BOOTTIME:
        break;
    case CLOCK_THREAD_CPUTIME_ID:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_REALTIME_COARSE:
    case CLOCK_MONOTONIC_COARSE:
        return -EOPNOTSUPP; /* Linux's clocks without nsleep */
    default:
        if (cpu_clock(clock) < 0 || (clock & 4)) /* unknown, or a thread's own CPU clock */
            return -EINVAL;
    }
    /* The deadline on the clock's own scale. A relative sleep on the wall clock is measured on
       CLOCK_MONOTONIC, as Linux's hrtimers do: a step of the wall clock (settimeofday, a leap
       second) neither lengthens nor shortens it. */
    if (!abs && (clock == CLOCK_REALTIME || clock == CLOCK_TAI))
        clock = CLOCK_MONOTONIC;
    int64_t now = time_clock_ns(clock), deadline = abs ? (int64_t)ns : now + (int64_t)ns;
    while (now < deadline) {
        if (sig_deliverable()) {
            if (abs || !rem)
                return -EINTR;
            err = timespec_to_user(rem, (uint64_t)(deadline - now), wide);
            return err ? err : -EINTR;
        }
        cputime_wait();
        now = time_clock_ns(clock);
    }
    return 0;
}

sword_t sys_nanosleep(uaddr_t req, uaddr_t rem)
{
    return clock_nanosleep_common(CLOCK_MONOTONIC, 0, req, rem, false);
}

sword_t sys_clock_nanosleep(uint32_t clock, uint32_t flags, uaddr_t req, uaddr_t rem)
{
    return clock_nanosleep_common(clock, flags, req, rem, false);
}

sword_t sys_clock_nanosleep_time64(uint32_t clock, uint32_t flags, uaddr_t req, uaddr_t rem)
{
    return clock_nanosleep_common(clock, flags, req, rem, true);
}
