/* The CMOS real-time clock (an MC146818): read at boot for CLOCK_REALTIME, and read and set
   through /dev/rtc0. */
#pragma once

#include "kernel/abi.h" /* struct rtc_time_k */
#include <stdbool.h>
#include <stdint.h>

/* The clock's time, UTC, as Linux's struct rtc_time has it (years since 1900, the month 0-11;
   the week day, the year's day and isdst 0), which /dev/rtc0's ioctls pass as they are: false
   on a machine without one (QEMU's microvm with rtc=off). Two digits of year are 1970-2069,
   as Linux's mc146818_get_time reads them. */
bool rtc_read_tm(struct rtc_time_k *t);
/* Set it (the year 1970-2069, the caller checked the rest): false without a clock. */
bool rtc_write_tm(const struct rtc_time_k *t);
/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
uint32_t rtc_days_from_civil(uint32_t y, uint32_t m, uint32_t d);
/* Seconds since the Unix epoch, from the CMOS clock (taken as UTC); 0 without one. */
uint32_t rtc_read_epoch(void);
