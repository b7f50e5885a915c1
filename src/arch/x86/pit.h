/* The 8254 PIT: the kernel's periodic tick. */
#pragma once

#include <stdint.h>

/* 1193182 Hz / 1193 = 1000.15 Hz: one tick every 999,847 ns. */
#define PIT_HZ_INPUT 1193182u
#define PIT_DIVISOR 1193u
#define TICK_NS 999847u

void pit_init(void);
