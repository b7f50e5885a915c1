/* The interval timers: ITIMER_REAL in itimer.c, the CPU-time ones in itimer_cpu.c. */
#pragma once

#include <stdint.h>

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* ITIMER_VIRTUAL or ITIMER_PROF, in ns: what is left, and the interval. */
void itimer_cpu_get(int which, uint64_t *value, uint64_t *interval);
void itimer_cpu_set(int which, uint64_t value, uint64_t interval);
