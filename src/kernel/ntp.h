/* The kernel's clock discipline, as Linux's NTP core (kernel/time/ntp.c): what adjtimex and
   clock_adjtime read and set, and how it steers CLOCK_MONOTONIC and CLOCK_REALTIME. */
#pragma once

#include <stdint.h>

/* Once per second of CLOCK_REALTIME, secs the second just begun: the next second's rate, and
   a leap second's step (-1 inserts one: the clock goes back a second; 1 deletes one). */
int ntp_second(int64_t secs);
/* The clock was set (settimeofday, clock_settime, ADJ_SETOFFSET): what NTP knew is stale. */
void ntp_clear(void);
