/* Programs PIT channel 0 as the periodic timer (mode 2, about 1 kHz). */
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
