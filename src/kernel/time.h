/* Kernel time: the periodic tick, and nanoseconds from the TSC calibrated against it. */
#pragma once

#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull

void time_init(void);
/* Called on every timer interrupt. */
void time_tick(void);
/* Timer ticks since boot (about 1 kHz): cheap, for coarse intervals. */
uint64_t time_ticks(void);
/* Nanoseconds since boot: monotonic, TSC-interpolated once calibrated. */
uint64_t time_monotonic_ns(void);
/* Nanoseconds since the Unix epoch. */
uint64_t time_realtime_ns(void);
/* Fire ITIMER_REAL if it is due (from the tick). */
void itimer_tick(void);
