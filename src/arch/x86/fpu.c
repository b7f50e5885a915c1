/* The app's FPU, SSE and AVX registers: XSAVE where the CPU has it (XCR0 set as Linux i386
   sets it), else FXSAVE/FXRSTOR, else FSAVE/FRSTOR. */
#include "arch/x86/fpu.h"
#include "arch/x86/cpu.h"
#include "kernel/console.h"

struct fxsave_area fpu_init_fxsave;
static uint32_t mxcsr_mask = 0xFFBF; /* the SDM's default when the CPU reports 0 */
struct fpu_xstate fpu_xstate;
uint8_t fpu_init_xsave[XSAVE_HEADER_OFFSET + sizeof(struct xsave_header)]
    __attribute__((aligned(64)));

/* x87, SSE, AVX and AVX-512's three (opmask, ZMM_Hi256, Hi16_ZMM), as Linux i386 enables them
   (no MPX since Linux 5.6; PKRU is 64-bit only). */
#define XFEATURES_LINUX_I386 0xE7ull
#define CPUID_1_ECX_XSAVE (1u << 26)
#define CR4_OSXSAVE (1u << 18)

static void xsave_init_cpu(void)
{
    uint32_t r[4];
    cpuid(1, 0, r);
    if (!(r[2] & CPUID_1_ECX_XSAVE))
        return;
    cpuid(0xD, 0, r);
    uint64_t mask = ((uint64_t)r[3] << 32 | r[0]) & XFEATURES_LINUX_I386;
    if ((mask & 3) != 3)
        return;
    write_cr4(read_cr4() | CR4_OSXSAVE);
    __asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32)));
    cpuid(0xD, 0, r);       /* EBX: the area's size for XCR0 as now set */
    if (r[1] > XSAVE_MAX) { /* a component moat has no room for: keep to x87, SSE, AVX */
        mask &= 7;
        __asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)mask), "d"(0));
        cpuid(0xD, 0, r);
    }
    fpu_xstate = (struct fpu_xstate){.on = true, .mask = mask, .size = r[1]};
    klog("fpu: xsave on, xcr0 0x%x, %u-byte area", (uint32_t)mask, r[1]);
    struct fxsave_area *legacy = (struct fxsave_area *)fpu_init_xsave;
    legacy->fcw = 0x37F;
    legacy->mxcsr = 0x1F80;
}

void fpu_init(void)
{
    if (!cpu.fxsr)
        return;
    /* static: fxsave needs 16-byte alignment. Zero as the loader leaves .bss (fpu_init runs
       once, at boot), so a CPU that leaves MXCSR_MASK unwritten reads as 0 there. */
    static struct fxsave_area probe;
    __asm__ volatile("fxsave %0" : "=m"(probe));
    if (probe.mxcsr_mask)
        mxcsr_mask = probe.mxcsr_mask;
    fpu_init_fxsave.fcw = 0x37F;
    fpu_init_fxsave.mxcsr = 0x1F80;
    xsave_init_cpu();
}

void fpu_xrstor(const void *area)
{
    __asm__ volatile("xrstor %0"
                     :
                     : "m"(*(const uint8_t *)area), "a"(fpu_xstate.mask_lo), "d"(fpu_xstate.mask_hi)
                     : "memory");
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
    if (fpu_xstate.on) /* every component, AVX's upper halves too, to its initial state */
        fpu_xrstor(fpu_init_xsave);
    else if (sizeof(void *) == 8 || cpu.fxsr) /* long mode always has FXSR: no need to ask */
        __asm__ volatile("fxrstor %0" : : "m"(fpu_init_fxsave));
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
