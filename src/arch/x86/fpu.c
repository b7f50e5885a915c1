/* FXSAVE/FXRSTOR (or FSAVE/FRSTOR without FXSR) of the app's FPU and SSE registers. */
#include "arch/x86/fpu.h"
#include "arch/x86/cpu.h"
#include "kernel/string.h"

static struct fxsave_area init_state;
static uint32_t mxcsr_mask = 0xFFBF; /* the SDM's default when the CPU reports 0 */

void fpu_init(void)
{
    if (!cpu.fxsr)
        return;
    static struct fxsave_area probe; /* static: fxsave needs 16-byte alignment */
    memset(&probe, 0, sizeof(probe));
    __asm__ volatile("fxsave %0" : "=m"(probe));
    if (probe.mxcsr_mask)
        mxcsr_mask = probe.mxcsr_mask;
    init_state.fcw = 0x37F;
    init_state.mxcsr = 0x1F80;
}

uint32_t fpu_mxcsr_mask(void)
{
    return mxcsr_mask;
}

void fpu_restore(struct fxsave_area *fx)
{
    fx->mxcsr &= mxcsr_mask;
    __asm__ volatile("fxrstor %0" : : "m"(*fx));
}


void fpu_reset(void)
{
    if (cpu.fxsr)
        __asm__ volatile("fxrstor %0" : : "m"(init_state));
    else
        __asm__ volatile("fninit");
}

int fpu_exception_code(bool simd)
{
    uint32_t err;
    if (simd) {
        uint32_t mxcsr;
        __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
        err = ~(mxcsr >> 7) & mxcsr; /* raised and unmasked */
    } else {
        uint16_t sw, cw;
        __asm__ volatile("fnstsw %0\n\tfnstcw %1" : "=m"(sw), "=m"(cw));
        err = (uint32_t)(sw & ~cw);
    }
    if (err & 0x01)
        return 7; /* FPE_FLTINV */
    if (err & 0x04)
        return 3; /* FPE_FLTDIV */
    if (err & 0x08)
        return 4; /* FPE_FLTOVF */
    if (err & 0x12)
        return 5; /* FPE_FLTUND */
    if (err & 0x20)
        return 6; /* FPE_FLTRES */
    return 0;
}
