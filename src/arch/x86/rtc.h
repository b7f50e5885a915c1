/* The CMOS real-time clock, read once at boot for CLOCK_REALTIME. */
#pragma once

#include <stdint.h>

/* Seconds since the Unix epoch, from the CMOS clock (taken as UTC). */
uint32_t rtc_read_epoch(void);
