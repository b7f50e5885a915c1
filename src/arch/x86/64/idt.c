/* Fills the IDT from entry.S's per-vector stub addresses, and points syscall at entry.S. */
#include "arch/x86/64/idt.h"
#include "arch/x86/64/gdt.h"
#include "arch/x86/64/segments.h"
#include "arch/x86/arch.h"
#include "arch/x86/cpu.h"
#include "arch/x86/uart.h"
#include <mode/exit_work.h>

#include <stddef.h>
#include <stdint.h>

/* A 64-bit interrupt gate: its handler's address in three parts, and its IST slot. */
struct gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t access; /* present, DPL, type */
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
};
_Static_assert(sizeof(struct gate) == 16 && offsetof(struct gate, access) == 5, "IDT layout");

/* The exceptions' stubs, 6 bytes each from vector 31 down to 0, and the interrupts', 5 bytes
   each from vector 32 up (entry.S). */
extern const char exception_stubs[], irq_stubs[];
static struct gate idt[256] __attribute__((aligned(16), section(".bss.entry")));

/* As on Linux (with IA32 emulation), only int3, into (#UD in 64-bit mode) and int $0x80 (the
   i386 system calls: entry.S) may be raised by the app; any other `int n` from ring 3 meets
   a DPL-0 gate and becomes #GP. */
#define GATE_KERNEL 0x8E /* present 64-bit interrupt gate, DPL 0 */
#define GATE_USER 0xEE   /* the same, DPL 3 */

void idt_init(void)
{
    /* The stubs lie in the top 2 GiB (-mcmodel=kernel): each address's high half is all ones.
       Every gate as an interrupt's first (5 bytes a stub, an add a gate), then the exceptions'
       pointed at their own stubs. */
    uint32_t addr = (uint32_t)(uintptr_t)irq_stubs - 5 * 32;
    for (unsigned v = 0; v < 256; v++, addr += 5)
        idt[v] = (struct gate){(uint16_t)addr,         KERNEL_CS,   0, GATE_KERNEL,
                               (uint16_t)(addr >> 16), 0xFFFFFFFFu, 0};
    for (unsigned v = 0; v < 32; v++) {
        addr = (uint32_t)(uintptr_t)exception_stubs + 6 * (31 - v);
        idt[v].offset_lo = (uint16_t)addr, idt[v].offset_mid = (uint16_t)(addr >> 16);
    }
    idt[3].access = idt[4].access = idt[0x80].access = GATE_USER;
    /* The exceptions that may find the kernel stack unusable run on stacks of their own. */
    idt[8].ist = IST_DF;
    idt[2].ist = IST_NMI;
    idt[18].ist = IST_MC;
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr = {sizeof(idt) - 1, (uintptr_t)idt};
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

#define MSR_STAR 0xC0000081u
#define MSR_LSTAR 0xC0000082u
#define MSR_CSTAR 0xC0000083u
#define MSR_FMASK 0xC0000084u
#define EFER_SCE 1u
#define CR4_FSGSBASE (1u << 16)

/* syscall enters at syscall_entry with KERNEL_CS, and sysret would leave with USER_CS and
   USER_DS (STAR's bases: +16 and +8 from USER32_CS for 64-bit code). FMASK clears what the
   kernel must not inherit: IF (the kernel runs with interrupts off), TF (no single-step
   inside it), DF, AC (SMAP) and NT. */
void syscall_entry_init(void)
{
    extern char syscall_compat_entry[];
    wrmsr(MSR_STAR, ((uint64_t)(USER32_CS & ~3u) << 48) | ((uint64_t)KERNEL_CS << 32));
    syscall_entry_select(); /* user_enter() chooses again, with the exit work final */
    wrmsr(MSR_CSTAR, (uintptr_t)syscall_compat_entry);
    wrmsr(MSR_FMASK, EFLAGS_IF | EFLAGS_TF | EFLAGS_DF | EFLAGS_AC | 0x4000u /* NT */);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    /* The app may read and write its own fs and gs bases (rdfsbase ...), as Linux 5.9+ lets
       it: the kernel uses neither segment, so nothing of the kernel's can be redirected. */
    if (cpu.fsgsbase)
        write_cr4(read_cr4() | CR4_FSGSBASE);
}

/* The syscall entry for the exit work, which the command line and the CPU have set by the
   app's first instruction: syscall_entry, whose exit may be sysretq, when there is none;
   otherwise one that leaves through trap_return's KPTI and MDS steps, syscall_entry_pti
   switching page tables on the way in. */
void syscall_entry_select(void)
{
    extern char syscall_entry[], syscall_entry_pti[], syscall_entry_work[];
    char *entry = exit_work & EXIT_PTI ? syscall_entry_pti
                  : exit_work          ? syscall_entry_work
                                       : syscall_entry;
    wrmsr(MSR_LSTAR, (uintptr_t)entry);
}

void arch_early_init(void)
{
    extern char kernel_stack_top[];
    uart_init();
    gdt_init((uintptr_t)kernel_stack_top);
    idt_init();
}
