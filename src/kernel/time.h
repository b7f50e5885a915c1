/* Kernel time: the periodic tick, and nanoseconds from the TSC calibrated against it. */
#pragma once

#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull

/* The clocks as the x86_64 vDSO reads them, on a page of their own: by Linux's clock id (0,
   CLOCK_REALTIME, to 11, CLOCK_TAI), nanoseconds are base_ns + mul_shr32(tsc - base_tsc, mult),
   and a mult of 0 says the page does not give that clock (a CPU-time clock, or no TSC rate yet:
   the kernel counts ticks). seq is odd while the kernel changes them. */
#define CLOCK_IDS 12
struct clock_page {
    uint32_t seq, unused;
    struct {
        uint64_t base_tsc, base_ns, mult;
    } clock[CLOCK_IDS];
    int32_t tz_minuteswest, tz_dsttime; /* settimeofday's timezone, which gettimeofday gives */
};

/* (a * b) >> 32, without losing the product's upper half. */
static inline uint64_t mul_shr32(uint64_t a, uint64_t b)
{
#ifdef __x86_64__
    return (uint64_t)(((unsigned __int128)a * b) >> 32);
#else
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    return (al * bl >> 32) + al * bh + ah * bl + (ah * bh << 32);
#endif
}

/* From now on, keep a copy of the clock at page (a whole page, which nothing else uses). */
void time_publish_to(void *page);

/* A clock's value in ns (sys_time.c: clock_gettime's clocks, the CPU clocks too), or -1 for an
   unknown clock. */
int64_t time_clock_ns(uint32_t clock);
/* A user's struct timespec (old_timespec32, or __kernel_timespec if wide) as ns (at most
   INT64_MAX, as Linux's ktime_t): 0, -EFAULT, or -EINVAL for a negative part or nsec past a
   second. */
int32_t timespec_from_user(uaddr_t uts, bool wide, uint64_t *ns);
/* Write ns as a user's timespec: 0 or -EFAULT. */
int32_t timespec_to_user(uaddr_t uts, uint64_t ns, bool wide);
/* A user's struct itimerspec (two such timespecs, the interval first): 0, -EFAULT for either
   unreadable, else -EINVAL for either invalid; and writing one (0 or -EFAULT). */
int32_t itimerspec_from_user(uaddr_t u, bool wide, uint64_t *interval, uint64_t *value);
int32_t itimerspec_to_user(uaddr_t u, uint64_t interval, uint64_t left, bool wide);

/* Boot, once the CPU's features are known: the RTC's time, and the start of the span that
   gives the TSC's first rate. */
void time_init(void);
/* Last thing before the app starts: the TSC's rate over the boot since time_init, then the
   periodic tick. */
void time_start(void);
/* Called on every timer interrupt. */
void time_tick(void);
/* Timer ticks since boot (1 kHz, caught up with the clock at each tick): cheap, for coarse
   intervals. */
uint64_t time_ticks(void);
/* Nanoseconds since boot: monotonic, TSC-interpolated once calibrated; steered by adjtimex,
   or raw (CLOCK_MONOTONIC_RAW). */
uint64_t time_monotonic_ns(void);
uint64_t time_raw_ns(void);
/* CLOCK_MONOTONIC's rate from now on: the raw rate times 1 + steer / 2^32. */
void time_steer(int64_t steer);
/* CLOCK_TAI's offset from CLOCK_REALTIME. */
void time_set_tai(int32_t seconds);
/* Nanoseconds since the Unix epoch. */
uint64_t time_realtime_ns(void);
/* CLOCK_REALTIME less CLOCK_MONOTONIC: what a set of the clock changes (timerfd's cancel). */
uint64_t time_epoch_ns(void);
/* CLOCK_TAI: that, and the TAI offset adjtimex sets. */
uint64_t time_tai_ns(void);
/* Set it (settimeofday, clock_settime, adjtimex's ADJ_SETOFFSET): 0, or -EINVAL for a time
   before the boot, which Linux refuses too (its wall_to_monotonic would turn positive), or from
   TIME_SET_MAX_SEC on (KTIME_SEC_MAX less 30 years of uptime: Linux's timespec64_valid_settod).
   Either way adjtimex's state is cleared (ntp_clear), as Linux's TK_CLEAR_NTP. */
#define TIME_SET_MAX_SEC 8277292036ll
int time_set_realtime(uint64_t ns);
/* The timezone settimeofday keeps for gettimeofday: minutes west of Greenwich, and DST. */
void time_set_timezone(int32_t minuteswest, int32_t dsttime);
void time_timezone(int32_t *minuteswest, int32_t *dsttime);
/* ns as a struct timeval (microseconds, cut): one copy for getitimer, setitimer, alarm,
   gettimeofday and getrusage (out of line: i386 divides 64 bits by a call). */
struct timeval_k;
struct timeval_k time_timeval(uint64_t ns);
/* Fire ITIMER_REAL if it is due (from the tick). */
void itimer_tick(void);
