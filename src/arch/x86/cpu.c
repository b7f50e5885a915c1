/* CPU feature detection and the control-register set-up for the kernel and the app's FPU/SSE. */
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "kernel/console.h"
#include "kernel/machine.h"

struct cpu_features cpu;

void cpu_init(void)
{
    uint32_t r[4];
    cpuid(1, 0, r);
    cpu.hwcap = r[3];
    cpu.tsc = r[3] & (1u << 4);
    cpu.pge = r[3] & (1u << 13);
    cpu.fxsr = r[3] & (1u << 24);
    cpu.sse = r[3] & (1u << 25);
    cpuid(0x80000000, 0, r);
    if (r[0] >= 0x80000001) {
        cpuid(0x80000001, 0, r);
        cpu.nx = r[3] & (1u << 20);
    }

    /* The app owns the FPU: the kernel never uses it (-mgeneral-regs-only), so its state
       survives every trap untouched. */
    uint32_t cr0 = read_cr0();
    cr0 &= ~(CR0_EM | CR0_TS);
    cr0 |= CR0_MP | CR0_NE;
    write_cr0(cr0);
    __asm__ volatile("fninit");

    uint32_t cr4 = read_cr4();
    if (cpu.fxsr)
        cr4 |= CR4_OSFXSR;
    if (cpu.sse)
        cr4 |= CR4_OSXMMEXCPT;
    if (cpu.pge)
        cr4 |= CR4_PGE;
    write_cr4(cr4);
    if (cpu.nx)
        wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    fpu_init();

    klog("cpu: %s%s%s%s", cpu.nx ? "nx " : "no-nx ", cpu.sse ? "sse " : "no-sse ",
         cpu.pge ? "pge " : "", cpu.tsc ? "tsc" : "no-tsc");
}

void machine_exit(uint32_t code)
{
    outl(0xF4, code); /* QEMU's isa-debug-exit; elsewhere nothing happens, and we halt */
    for (;;)
        __asm__ volatile("cli; hlt");
}

uint32_t cpu_random_u32(void)
{
    uint32_t r[4], v;
    cpuid(1, 0, r);
    if (r[2] & (1u << 30)) { /* RDRAND */
        for (int tries = 0; tries < 10; tries++) {
            uint8_t ok;
            __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
            if (ok)
                return v;
        }
    }
    /* No RDRAND: the TSC's low bits jitter with interrupt timing; mix them well. */
    static uint32_t state = 0x9E3779B9u;
    state ^= (uint32_t)rdtsc();
    state ^= state << 13, state ^= state >> 17, state ^= state << 5;
    return state * 0x2545F491u;
}
