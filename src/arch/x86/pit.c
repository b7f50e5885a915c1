/* Programs PIT channel 0 as the periodic timer (mode 2, about 1 kHz), and reads where in its
   period the counter is; before that, at boot, as a single count through 55 ms. */
#include "arch/x86/pit.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pic.h"

void pit_init(void)
{
    outb(0x43, 0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator) */
    outb(0x40, PIT_DIVISOR & 0xFF);
    outb(0x40, PIT_DIVISOR >> 8);
    pic_unmask(IRQ_TIMER);
}

uint32_t pit_position(void)
{
    outb(0x43, 0x00); /* latch channel 0's count */
    uint32_t lo = inb(0x40), hi = inb(0x40);
    uint32_t count = lo | hi << 8; /* PIT_DIVISOR down to 1, then reloaded */
    return count && count <= PIT_DIVISOR ? PIT_DIVISOR - count : 0;
}

void pit_count_start(void)
{
    outb(0x43, 0x30); /* channel 0, lobyte/hibyte, mode 0 (interrupt on terminal count) */
    outb(0x40, 0);
    outb(0x40, 0); /* 0: 65536 clocks */
}

uint32_t pit_count_elapsed(void)
{
    outb(0x43, 0xC2); /* read-back: channel 0's status and count, latched together */
    uint32_t status = inb(0x40), lo = inb(0x40), hi = inb(0x40);
    if (status & 0x80) /* OUT high: the count reached 0 */
        return PIT_COUNT_OVER;
    if (status & 0x40) /* null count: the count is not loaded yet */
        return 0;
    return (0x10000 - (lo | hi << 8)) & 0xFFFF;
}
