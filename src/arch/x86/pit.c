/* Programs PIT channel 0 as the periodic timer (mode 2, about 1 kHz), and reads where in its
   period the counter is. */
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
