/* Reads and sets the CMOS RTC, in BCD or binary and in 12- or 24-hour form as its status
   register B says, and converts its calendar time to seconds since 1970. */
#include "arch/x86/rtc.h"
#include "arch/x86/cpu.h"

#define REG_A 0x0A
#define REG_B 0x0B
#define UIP 0x80    /* A: an update is in progress */
#define SET 0x80    /* B: the clock stops counting while it is set */
#define BINARY 0x04 /* B: binary, not BCD */
#define H24 0x02    /* B: 24-hour */
#define PM 0x80     /* the hour's bit in 12-hour form */

static const uint8_t regs[6] = {0x09, 0x08, 0x07, 0x04, 0x02, 0x00}; /* year .. second */

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static void cmos_set(uint8_t reg, uint8_t v)
{
    outb(0x70, reg);
    outb(0x71, v);
}

/* Register B, once no update is in progress (not waiting forever: a machine without a CMOS
   clock reads 0xff everywhere): 0xff for none. */
static uint8_t settled(void)
{
    for (int tries = 0; tries < 100000 && (cmos(REG_A) & UIP); tries++)
        ;
    return cmos(REG_B);
}

bool rtc_read_tm(struct rtc_time_k *t)
{
    uint8_t b = settled();
    if (b == 0xFF)
        return false;
    uint32_t v[6];
    for (int i = 0; i < 6; i++) {
        uint8_t raw = cmos(regs[i]);
        if (i == 3)
            raw &= (uint8_t)~PM;
        v[i] = b & BINARY ? raw : (uint32_t)((raw >> 4) * 10 + (raw & 15));
    }
    if (!(b & H24) && (cmos(regs[3]) & PM)) /* 12-hour clock, PM */
        v[3] = v[3] % 12 + 12;
    else if (!(b & H24) && v[3] == 12)
        v[3] = 0;
    *t = (struct rtc_time_k){.year = (int32_t)(v[0] + (v[0] <= 69 ? 100 : 0)),
                             .mon = (int32_t)v[1] - 1,
                             .mday = (int32_t)v[2],
                             .hour = (int32_t)v[3],
                             .min = (int32_t)v[4],
                             .sec = (int32_t)v[5]};
    return true;
}

bool rtc_write_tm(const struct rtc_time_k *t)
{
    uint8_t b = settled();
    if (b == 0xFF)
        return false;
    uint32_t v[6] = {(uint32_t)t->year % 100, (uint32_t)t->mon + 1, (uint32_t)t->mday,
                     (uint32_t)t->hour,       (uint32_t)t->min,     (uint32_t)t->sec};
    bool pm = !(b & H24) && v[3] >= 12;
    if (!(b & H24))
        v[3] = v[3] % 12 ? v[3] % 12 : 12;
    cmos_set(REG_B, b | SET);
    for (int i = 0; i < 6; i++) {
        uint8_t raw = b & BINARY ? (uint8_t)v[i] : (uint8_t)(v[i] / 10 << 4 | v[i] % 10);
        cmos_set(regs[i], i == 3 && pm ? raw | PM : raw);
    }
    cmos_set(REG_B, b & (uint8_t)~SET);
    return true;
}

uint32_t rtc_days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
    y -= m <= 2;
    uint32_t era = y / 400, yoe = y - era * 400;
    uint32_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

uint32_t rtc_read_epoch(void)
{
    struct rtc_time_k t;
    if (!rtc_read_tm(&t))
        return 0;
    return rtc_days_from_civil((uint32_t)t.year + 1900, (uint32_t)t.mon + 1, (uint32_t)t.mday) *
               86400 +
           (uint32_t)(t.hour * 3600 + t.min * 60 + t.sec);
}
