/* The CMOS real-time clock (an MC146818): read at boot for CLOCK_REALTIME, and read and set
   through /dev/rtc0. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* A calendar time as the clock keeps it: the full year, the month 1-12, UTC. */
struct rtc_tm {
    uint32_t year, mon, mday, hour, min, sec;
};

/* The clock's time: false on a machine without one (QEMU's microvm with rtc=off). Two digits
   of year are 1970-2069, as Linux's mc146818_get_time reads them. */
bool rtc_read_tm(struct rtc_tm *t);
/* Set it (the year 1970-2069, the caller checked the rest): false without a clock. */
bool rtc_write_tm(const struct rtc_tm *t);
/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
uint32_t rtc_days_from_civil(uint32_t y, uint32_t m, uint32_t d);
/* Seconds since the Unix epoch, from the CMOS clock (taken as UTC); 0 without one. */
uint32_t rtc_read_epoch(void);
