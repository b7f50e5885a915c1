/* The interval timers: ITIMER_REAL in itimer.c, the CPU-time ones in itimer_cpu.c; and the
   POSIX timers (ptimer.c). */
#pragma once

#include "kernel/signal.h"
#include <stdint.h>

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* ITIMER_VIRTUAL or ITIMER_PROF, in ns: what is left, and the interval. */
void itimer_cpu_get(int which, uint64_t *value, uint64_t *interval);
void itimer_cpu_set(int which, uint64_t value, uint64_t interval);
/* The POSIX timers: the tick's look at them, a timer signal's dequeue (its si_overrun, and a
   periodic timer going on), and execve's end of them all. */
void ptimer_tick(void);
void ptimer_dequeued(struct sig_info *info);
void ptimer_exec(void);
