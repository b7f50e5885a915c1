/* CPU feature detection and the control-register set-up for the kernel and the app's FPU/SSE. */
#include "arch/x86/cpu.h"
#include "arch/x86/acpi.h"
#include "arch/x86/fpu.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/machine.h"
#include "kernel/uaccess.h"
#include <mode/exit_work.h>

struct cpu_features cpu;

/* Without SMAP, stac and clac are invalid: turn every site into a 3-byte NOP. The kernel's
   text is still writable here (vm_init maps it read-execute later). */
static void patch_smap_sites(void)
{
    extern const int32_t __smap_sites_start[], __smap_sites_end[];
    for (const int32_t *at = __smap_sites_start; at < __smap_sites_end; at++) {
        uint8_t *site = (uint8_t *)rel32_target(at);
        site[0] = 0x0F, site[1] = 0x1F, site[2] = 0x00;
    }
}

/* Out of line: one copy of the pick for the flags the boot's cpu lines print. */
static __attribute__((noinline)) const char *on(bool b)
{
    return b ? "on" : "missing";
}

void cpu_init(void)
{
    /* The flags of cpu that CPUID gives, each read in line (a loop over a table of them was 48
       bytes smaller but 300 instructions longer at boot); a leaf past the CPU's last leaves its
       flags false, but leaf 1's, which are read as cpu.hwcap is. */
    uint32_t r[4];
    cpuid(1, 0, r);
    cpu.hwcap = r[3];
    cpu.tsc = r[3] & (1u << 4);
    cpu.pge = r[3] & (1u << 13);
    cpu.fxsr = r[3] & (1u << 24);
    cpu.sse = r[3] & (1u << 25);
    cpu.rdrand = r[2] & (1u << 30);
    cpu.sep = r[3] & (1u << 11);
    cpu.apic = r[3] & (1u << 9);
    cpuid(0, 0, r);
    if (r[0] >= 7) {
        cpuid(7, 0, r);
        cpu.fsgsbase = r[1] & 1;
        cpu.smep = r[1] & (1u << 7);
        cpu.rdseed = r[1] & (1u << 18);
        cpu.smap = r[1] & (1u << 20);
        cpu.umip = r[2] & (1u << 2);
        cpu.md_clear = r[3] & (1u << 10);
    }
    /* Without CPUID leaf 0x80000008, PSE-36 means 36 address bits (QEMU's qemu32 has PAE
       alone, and 32). */
    cpu.phys_bits = cpu.hwcap & (1u << 17) ? 36 : 32;
    cpuid(0x80000000, 0, r);
    uint32_t max_ext = r[0];
    if (max_ext >= 0x80000001) {
        cpuid(0x80000001, 0, r);
        cpu.nx = r[3] & (1u << 20);
    }
    if (max_ext >= 0x80000008) {
        cpuid(0x80000008, 0, r);
        cpu.phys_bits = r[0] & 0xFF;
    }

    /* The app owns the FPU: the kernel's C never uses it (-mgeneral-regs-only), so its state
       survives every trap untouched (the signal frames' block moves use xmm0 only once it
       is saved in the frame: fpu.h). */
    uintptr_t cr0 = read_cr0();
    cr0 &= ~(CR0_EM | CR0_TS);
    cr0 |= CR0_MP | CR0_NE | CR0_AM; /* AM: like Linux, an app that sets EFLAGS.AC gets #AC */
    write_cr0(cr0);
    __asm__ volatile("fninit");

    uintptr_t cr4 = read_cr4();
    if (cpu.fxsr)
        cr4 |= CR4_OSFXSR;
    if (cpu.sse)
        cr4 |= CR4_OSXMMEXCPT;
    if (cpu.pge)
        cr4 |= CR4_PGE;
    /* The kernel never runs (SMEP) or touches (SMAP, outside uaccess_copy) user pages; the
       app cannot read the descriptor tables' addresses (UMIP: sgdt, sidt, sldt, smsw, str
       fault, and moat does not emulate them). */
    if (cpu.smep)
        cr4 |= CR4_SMEP;
    if (cpu.smap)
        cr4 |= CR4_SMAP;
    else
        patch_smap_sites();
    if (cpu.umip)
        cr4 |= CR4_UMIP;
    write_cr4(cr4);
    if (cpu.nx)
        wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    fpu_init();
    syscall_entry_init();
}

/* Options read from the kernel command line, after cpu_init. */
void cpu_apply_options(void)
{
    bool mds = (cpu.md_clear && !cmdline_has("mds=off")) || cmdline_has("mds=full");
    if (mds) {
        exit_work |= EXIT_MDS;
        klog("mds: verw clears CPU buffers on every return to the app");
    }

#ifdef __x86_64__
    klog("cpu: syscall on, fxsr %s", on(cpu.fxsr)); /* long mode always has syscall */
#else
    klog("cpu: sysenter %s, fxsr %s", on(cpu.sep), on(cpu.fxsr));
#endif
    klog("cpu protections: nx %s, smep %s, smap %s, umip %s, md_clear %s", on(cpu.nx), on(cpu.smep),
         on(cpu.smap), on(cpu.umip), on(cpu.md_clear));
    if (!cpu.nx || !cpu.smep || !cpu.smap || !cpu.umip)
        klog("cpu: this CPU lacks some protections; moat runs without them");
}

/* Reset: the FADT's reset register, else the keyboard controller's reset line, else a
   triple fault (no IDT). */
static void machine_reset(void)
{
    acpi_reset();
    outb(0x64, 0xFE);
    static const struct __attribute__((packed)) {
        uint16_t limit;
        uintptr_t base;
    } no_idt = {0, 0};
    __asm__ volatile("lidt %0; int3" : : "m"(no_idt));
}

static enum machine_end end_as;

void machine_end_as(enum machine_end how)
{
    end_as = how;
}

void machine_exit(uint32_t code)
{
    outl(0xF4, code); /* QEMU's isa-debug-exit: the test runner's exit code */
    enum machine_end how = end_as;
    if (how == MACHINE_END_ONEXIT)
        how = cmdline_has("onexit=reboot") ? MACHINE_END_RESET
              : cmdline_has("onexit=halt") ? MACHINE_END_HALT
                                           : MACHINE_END_POWEROFF;
    if (code != MACHINE_EXIT_PANIC) {
        if (how == MACHINE_END_RESET)
            machine_reset();
        else if (how == MACHINE_END_POWEROFF)
            acpi_poweroff();
    }
    for (;;)
        __asm__ volatile("cli; hlt");
}

uint32_t cpu_random_u32(void)
{
    uint32_t v;
    if (cpu.rdrand) {
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
