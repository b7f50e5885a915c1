/* Reads the CMOS RTC and converts its calendar time to seconds since 1970. */
#include "arch/x86/rtc.h"
#include "arch/x86/cpu.h"

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static uint32_t bcd(uint8_t v, int binary)
{
    return binary ? v : (uint32_t)((v >> 4) * 10 + (v & 15));
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
    y -= m <= 2;
    uint32_t era = y / 400, yoe = y - era * 400;
    uint32_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

uint32_t rtc_read_epoch(void)
{
    /* Wait out an update in progress, but not forever: a machine without a CMOS clock
       (QEMU's microvm with rtc=off) reads 0xff everywhere. */
    for (int tries = 0; tries < 100000 && (cmos(0x0A) & 0x80); tries++)
        ;
    uint8_t b = cmos(0x0B);
    if (b == 0xFF)
        return 0;
    int binary = b & 4;
    uint32_t s = bcd(cmos(0x00), binary), mi = bcd(cmos(0x02), binary);
    uint8_t hr = cmos(0x04);
    uint32_t h = bcd(hr & 0x7F, binary);
    if (!(b & 2) && (hr & 0x80)) /* 12-hour clock, PM */
        h = (h % 12) + 12;
    uint32_t d = bcd(cmos(0x07), binary), mo = bcd(cmos(0x08), binary);
    uint32_t y = bcd(cmos(0x09), binary) + 2000;
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}
