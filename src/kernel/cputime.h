/* The app's CPU time: how long it ran (everything but the kernel's waits), split into user
   and system time by sampling each timer tick, as Linux's tick accounting does. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* The app starts running now. */
void cputime_start(void);
/* Wait for an interrupt; the time spent waiting is not the app's. */
void cputime_wait(void);
/* A timer tick interrupted ring 3 (user) or the kernel. */
void cputime_tick(bool user);
/* Nanoseconds the app has run (Linux's sum_exec_runtime). */
uint64_t cputime_ns(void);
/* The ticks' samples in ns: user time, and user plus system time. */
uint64_t cputime_user_sampled_ns(void);
uint64_t cputime_prof_sampled_ns(void);
/* User and system time: the run time split in the ratio of the samples (cputime_adjust). */
void cputime_split(uint64_t *utime, uint64_t *stime);
/* itimer_cpu.c: ITIMER_VIRTUAL and ITIMER_PROF count down one tick of CPU time. */
void itimer_cpu_tick(bool user);
