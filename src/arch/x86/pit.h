/* The 8254 PIT: the kernel's periodic tick. */
#pragma once

#include <stdint.h>

/* 1193182 Hz / 1193 = 1000.15 Hz: one tick every 999,847 ns. */
#define PIT_HZ_INPUT 1193182u
#define PIT_DIVISOR 1193u
#define TICK_NS 999847u

void pit_init(void);
/* Input clocks since channel 0's current period began (0 to PIT_DIVISOR - 1): a reading that
   does not depend on whether tick interrupts were taken. */
uint32_t pit_position(void);
