/* Fills the IDT from entry.S's per-vector stub addresses, and points sysenter at entry.S. */
#include "arch/x86/32/idt.h"
#include "arch/x86/32/gdt.h"
#include "arch/x86/32/segments.h"
#include "arch/x86/arch.h"
#include "arch/x86/cpu.h"
#include "arch/x86/uart.h"

#include <stddef.h>
#include <stdint.h>

/* An IDT entry as the CPU reads it: an interrupt gate (its handler's address in two halves)
   or a task gate (a TSS selector alone). */
struct gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t zero;
    uint8_t access; /* present, DPL, type */
    uint16_t offset_hi;
};
_Static_assert(sizeof(struct gate) == 8 && offsetof(struct gate, access) == 5, "IDT layout");

/* Each vector's stub, as its offset from the first of its kind (entry.S). */
extern const uint16_t __vectors_start[256], __vectors_pti_start[256];
extern const char vector_stubs[], vector_stubs_pti[];
static struct gate idt[256] __attribute__((aligned(8), section(".bss.entry"))); /* KPTI maps it */

/* As on Linux, only int3, into and int $0x80 may be raised by the app; any other `int n`
   from ring 3 meets a DPL-0 gate and becomes #GP. */
#define GATE_KERNEL 0x8E /* present 32-bit interrupt gate, DPL 0 */
#define GATE_USER 0xEE   /* the same, DPL 3 */

static void idt_fill(const uint16_t *vectors, const char *stubs)
{
    for (unsigned v = 0; v < 256; v++) {
        uint32_t addr = (uint32_t)(stubs + vectors[v]);
        idt[v] = (struct gate){(uint16_t)addr, KERNEL_CS, 0, GATE_KERNEL, (uint16_t)(addr >> 16)};
    }
    idt[3].access = idt[4].access = idt[0x80].access = GATE_USER;
    /* #DF switches to its own task (gdt.c): the faulting stack may be unusable. */
    idt[8] = (struct gate){0, DOUBLEFAULT_TSS_SEL, 0, 0x85, 0};
}

void idt_init(void)
{
    idt_fill(__vectors_start, vector_stubs);
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

void idt_pti_entries(void)
{
    extern char sysenter_entry_pti[];
    idt_fill(__vectors_pti_start, vector_stubs_pti);
    if (cpu.sep)
        wrmsr(MSR_SYSENTER_EIP, (uint32_t)sysenter_entry_pti);
}

void arch_early_init(void)
{
    extern char kernel_stack_top[];
    uart_init();
    gdt_init((uint32_t)kernel_stack_top);
    idt_init();
}
