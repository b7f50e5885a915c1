/* Proves setting the clock behaves as Linux's: settimeofday checks the time (EINVAL for a
 * negative one or usec past a second), then the timezone (EINVAL past 15 hours; kept even when
 * the time is refused), which gettimeofday then gives; clock_settime sets CLOCK_REALTIME alone
 * (EINVAL for the others, EPERM for a CPU clock of the caller's named by its negative id) from
 * a time Linux takes (not before the
 * boot, nor past KTIME_SEC_MAX less 30 years); i386's stime sets it and says nothing of a time
 * it refuses. The new time shows through clock_gettime (the vDSO's on x86_64), time and
 * gettimeofday at once; CLOCK_MONOTONIC does not jump. moat only: on Linux it would set the
 * host's clock (its output was checked on Debian's Linux i386 in QEMU). */
#define _GNU_SOURCE
#include "report.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define Y2030 1893456000LL /* 2030-01-01 00:00:00 UTC */

/* The ABI's own timeval (Linux's __kernel_old_timeval: C longs), which musl's 64-bit time_t
   is not on i386. */
struct old_timeval {
    long sec, usec;
};

/* musl names i386's calls of 32-bit time so. */
#ifdef SYS_settimeofday_time32
#define SYS_settimeofday SYS_settimeofday_time32
#define SYS_gettimeofday SYS_gettimeofday_time32
#endif

/* Raw calls: the libcs' wrappers may check or convert on their own. */
static long settod(const void *tv, const void *tz)
{
    return syscall(SYS_settimeofday, tv, tz);
}

static long settime(long clock, const struct timespec *ts)
{
#ifdef SYS_clock_settime64
    return syscall(SYS_clock_settime64, clock, ts); /* i386's: 64-bit fields, as musl's */
#else
    return syscall(SYS_clock_settime, clock, ts);
#endif
}

/* The system call's timezone (musl's gettimeofday gives none; the x86_64 vDSO's: vdso_tz). */
static void zone(const char *what)
{
    struct timezone tz = {123, 456};
    syscall(SYS_gettimeofday, 0, &tz);
    printf("%s: timezone %d %d\n", what, tz.tz_minuteswest, tz.tz_dsttime);
}

/* Every way of reading the realtime clock, against the time just set. */
static void now_is(const char *what, long long sec)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct timeval tv;
    gettimeofday(&tv, 0);
    time_t t = time(0);
    printf("%s: clock_gettime %s, gettimeofday %s, time %s\n", what,
           ts.tv_sec - sec >= 0 && ts.tv_sec - sec < 2 ? "ok" : "wrong",
           tv.tv_sec - sec >= 0 && tv.tv_sec - sec < 2 ? "ok" : "wrong",
           t - sec >= 0 && t - sec < 2 ? "ok" : "wrong");
}

int main(void)
{
    struct timespec mono0, mono1;
    clock_gettime(CLOCK_MONOTONIC, &mono0);
    zone("at first");

    printf("-- settimeofday\n");
    struct timezone tz = {-60, 1};
    T(settod(0, &tz));
    zone("set");
    struct old_timeval bad_usec = {(long)Y2030, 1000000}, neg = {-1, 0};
    struct timezone far = {901, 0}, far_east = {-901, 0};
    T(settod(&bad_usec, 0));
    T(settod(&neg, 0));
    T(settod(&bad_usec, (void *)8));
    T(settod((void *)8, &tz));
    T(settod(0, &far));
    T(settod(0, &far_east));
    struct old_timeval before_boot = {0, 0};
    struct timezone utc = {0, 0};
    T(settod(&before_boot, &utc));
    zone("kept although the time was refused");
    struct old_timeval tv = {(long)Y2030, 500000};
    T(settod(&tv, 0));
    now_is("2030", Y2030);
    T(settod(0, 0));

    printf("-- clock_settime\n");
    struct timespec ts = {Y2030 + 86400, 0};
    T(settime(CLOCK_MONOTONIC, &ts));
    T(settime(CLOCK_REALTIME_COARSE, &ts));
    T(settime(CLOCK_BOOTTIME, &ts));
    T(settime(CLOCK_TAI, &ts));
    T(settime(CLOCK_PROCESS_CPUTIME_ID, &ts));
    T(settime(CLOCK_THREAD_CPUTIME_ID, &ts));
    T(settime(99, &ts));
    T(settime(~0 << 3 | 2, &ts));       /* the caller's own CPU clock */
    T(settime(~0 << 3 | 2, (void *)8)); /* read first */
    T(settime(~12345 << 3 | 2, &ts));   /* no such process */
    T(settime(CLOCK_MONOTONIC, (void *)8));
    T(settime(CLOCK_REALTIME, (void *)8));
    struct timespec ts_bad = {Y2030, 1000000000}, ts_neg = {-5, 0}, ts_zero = {0, 0};
    struct timespec ts_far = {8277292036LL, 0}, ts_last = {8277292035LL, 0};
    T(settime(CLOCK_REALTIME, &ts_bad));
    T(settime(CLOCK_REALTIME, &ts_neg));
    T(settime(CLOCK_REALTIME, &ts_zero));
    T(settime(CLOCK_REALTIME, &ts_far));
    T(settime(CLOCK_REALTIME, &ts_last));
    now_is("the last second Linux takes", 8277292035LL);
    T(settime(CLOCK_REALTIME, &ts));
    now_is("a day later", Y2030 + 86400);

#ifdef SYS_stime
    printf("-- stime\n");
    int32_t t = (int32_t)Y2030;
    T(syscall(SYS_stime, &t));
    now_is("stime", Y2030);
    t = -1;
    T(syscall(SYS_stime, &t));
    now_is("stime refused in silence", Y2030);
    T(syscall(SYS_stime, (void *)8));
#else
    printf("-- stime\nsyscall(SYS_stime, &t) = 0\nstime: clock_gettime ok, gettimeofday ok, time "
           "ok\nsyscall(SYS_stime, &t) = 0\nstime refused in silence: clock_gettime ok, "
           "gettimeofday ok, time ok\nsyscall(SYS_stime, (void *)8) = -1 EFAULT\n");
#endif

    clock_gettime(CLOCK_MONOTONIC, &mono1);
    long long dt = (mono1.tv_sec - mono0.tv_sec) * 1000000000LL + (mono1.tv_nsec - mono0.tv_nsec);
    printf("CLOCK_MONOTONIC went on: %s\n", dt >= 0 && dt < 1000000000LL ? "yes" : "no");
    return 0;
}
