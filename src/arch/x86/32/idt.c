/* Fills the IDT from entry.S's per-vector stub addresses, and points sysenter at entry.S. */
#include "arch/x86/32/idt.h"
#include "arch/x86/cpu.h"
#include "arch/x86/32/segments.h"

#include <stdint.h>

extern const uint32_t __vectors_start[256];
static uint64_t idt[256] __attribute__((aligned(8), section(".bss.entry"))); /* KPTI maps it */

/* As on Linux, only int3, into and int $0x80 may be raised by the app; any other `int n`
   from ring 3 meets a DPL-0 gate and becomes #GP. */
static int gate_dpl(unsigned vector)
{
    return vector == 3 || vector == 4 || vector == 0x80 ? 3 : 0;
}

void idt_init(void)
{
    for (unsigned v = 0; v < 256; v++) {
        uint32_t addr = __vectors_start[v];
        uint32_t access = 0x8E | (uint32_t)(gate_dpl(v) << 5); /* present 32-bit interrupt gate */
        idt[v] = (uint64_t)(addr & 0xFFFF) | ((uint64_t)KERNEL_CS << 16) |
                 ((uint64_t)access << 40) | ((uint64_t)(addr >> 16) << 48);
    }
    /* #DF switches to its own task (gdt.c): the faulting stack may be unusable. */
    idt[8] = ((uint64_t)DOUBLEFAULT_TSS_SEL << 16) | ((uint64_t)0x85 << 40);
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) idtr = {sizeof(idt) - 1, (uint32_t)idt};
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

void syscall_entry_init(void)
{
    extern char sysenter_entry[], kernel_stack_top[];
    if (!cpu.sep)
        return;
    wrmsr(MSR_SYSENTER_CS, KERNEL_CS);
    wrmsr(MSR_SYSENTER_ESP, (uint32_t)kernel_stack_top);
    wrmsr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry);
}
