/* The 8254 PIT: the kernel's periodic tick. */
#pragma once

#include <stdint.h>

/* 1193182 Hz / 1193 = 1000.15 Hz: one tick every 999,847 ns. */
#define PIT_HZ_INPUT 1193182u
#define PIT_DIVISOR 1193u
#define TICK_NS 999847u

void pit_init(void);
/* Boot, before pit_init: channel 0 counts down once through 65536 clocks (about 55 ms). */
void pit_count_start(void);
/* Input clocks since pit_count_start, or PIT_COUNT_OVER once the count has run out. */
#define PIT_COUNT_OVER 0xFFFFFFFFu
uint32_t pit_count_elapsed(void);
/* Input clocks since channel 0's current period began (0 to PIT_DIVISOR - 1): a reading that
   does not depend on whether tick interrupts were taken. */
uint32_t pit_position(void);
