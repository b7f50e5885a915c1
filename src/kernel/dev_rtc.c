/* /dev/rtc0's ioctls: the CMOS clock (arch/x86/rtc.c) read and set as a calendar time. A rare
   call, built for size. */
#include "arch/x86/rtc.h"
#include "kernel/abi.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"

#define RTC_RD_TIME 0x80247009u
#define RTC_SET_TIME 0x4024700Au

/* A time the clock can hold, as Linux's rtc_valid_tm and then mc146818_set_time (years
   1970-2069); month days from the civil calendar. */
static bool rtc_valid(const struct rtc_time_k *t)
{
    static const uint8_t days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    uint32_t year = (uint32_t)t->year + 1900, mon = (uint32_t)t->mon;
    bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return t->year >= 70 && t->year <= 169 && mon < 12 && t->mday >= 1 &&
           t->mday <= days[mon] - (mon == 1 && !leap) && (uint32_t)t->hour < 24 &&
           (uint32_t)t->min < 60 && (uint32_t)t->sec < 60;
}

/* /dev/rtc0's ioctls, as Linux's rtc_dev_ioctl: RTC_RD_TIME (with the week day and the year's
   day), and RTC_SET_TIME (CAP_SYS_TIME, checked first: EACCES). */
int32_t dev_rtc_ioctl(uint32_t request, word_t arg)
{
    struct rtc_time_k t;
    switch (request) {
    case RTC_RD_TIME: {
        if (!rtc_read_tm(&t))
            return -EIO;
        uint32_t year = (uint32_t)t.year + 1900;
        uint32_t day = rtc_days_from_civil(year, (uint32_t)t.mon + 1, (uint32_t)t.mday);
        t.wday = (int32_t)((day + 4) % 7); /* 1970-01-01: Thursday */
        t.yday = (int32_t)(day - rtc_days_from_civil(year, 1, 1));
        return abi_rtc_time_to_user(arg, &t);
    }
    case RTC_SET_TIME:
        if (!capable(CAP_SYS_TIME))
            return -EACCES;
        if (abi_rtc_time_from_user(arg, &t))
            return -EFAULT;
        if (!rtc_valid(&t))
            return -EINVAL;
        return rtc_write_tm(&t) ? 0 : -EIO;
    }
    return -ENOTTY;
}
