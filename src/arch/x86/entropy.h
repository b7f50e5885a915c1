/* The CPU's own entropy: RDSEED (the conditioned noise source) or RDRAND (its DRBG). */
#pragma once

#include "arch/x86/cpu.h"
#include <stdbool.h>
#include <stdint.h>

enum entropy_source { ENTROPY_NONE, ENTROPY_RDRAND, ENTROPY_RDSEED };

static inline enum entropy_source entropy_detect(void)
{
    return cpu.rdseed ? ENTROPY_RDSEED : cpu.rdrand ? ENTROPY_RDRAND : ENTROPY_NONE;
}

/* 32 bits from the source, retrying as Intel advises; false if it keeps failing. */
static inline bool entropy_u32(enum entropy_source src, uint32_t *v)
{
    for (int tries = 0; tries < 10; tries++) {
        uint8_t ok = 0;
        if (src == ENTROPY_RDSEED)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
        else if (src == ENTROPY_RDRAND)
            __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
        else
            return false;
        if (ok)
            return true;
    }
    return false;
}
