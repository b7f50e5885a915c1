/* Kernel time: the periodic tick, and nanoseconds from the TSC calibrated against it. */
#pragma once

#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull

/* The clock, as the kernel keeps it and the x86_64 vDSO reads it: nanoseconds since boot are
   base_ns + (tsc - base_tsc) * tick_ns / tsc_per_tick (no TSC rate yet: tsc_per_tick 0), and
   since the Unix epoch epoch_ns more. seq is odd while the kernel changes it. */
struct clock_page {
    uint32_t seq, tick_ns;
    uint64_t base_ns, base_tsc, tsc_per_tick, epoch_ns;
    int32_t tz_minuteswest, tz_dsttime; /* settimeofday's timezone, which gettimeofday gives */
};
/* From now on, keep a copy of the clock at page (a whole page, which nothing else uses). */
void time_publish_to(void *page);

/* A user's struct timespec (old_timespec32, or __kernel_timespec if wide) as ns: 0, -EFAULT,
   or -EINVAL for a negative part or nsec past a second. */
int32_t timespec_from_user(uaddr_t uts, bool wide, uint64_t *ns);
/* Write ns as a user's timespec: 0 or -EFAULT. */
int32_t timespec_to_user(uaddr_t uts, uint64_t ns, bool wide);

/* Boot, once the CPU's features are known: the RTC's time, and the start of the span that
   gives the TSC's first rate. */
void time_init(void);
/* Last thing before the app starts: the TSC's rate over the boot since time_init, then the
   periodic tick. */
void time_start(void);
/* Called on every timer interrupt. */
void time_tick(void);
/* Timer ticks since boot (about 1 kHz): cheap, for coarse intervals. */
uint64_t time_ticks(void);
/* Nanoseconds since boot: monotonic, TSC-interpolated once calibrated. */
uint64_t time_monotonic_ns(void);
/* Nanoseconds since the Unix epoch. */
uint64_t time_realtime_ns(void);
/* Set it (settimeofday, clock_settime): 0, or -EINVAL for a time before the boot, which Linux
   refuses too (its wall_to_monotonic would turn positive). */
int time_set_realtime(uint64_t ns);
/* The timezone settimeofday keeps for gettimeofday: minutes west of Greenwich, and DST. */
void time_set_timezone(int32_t minuteswest, int32_t dsttime);
void time_timezone(int32_t *minuteswest, int32_t *dsttime);
/* Fire ITIMER_REAL if it is due (from the tick). */
void itimer_tick(void);
