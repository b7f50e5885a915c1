/* The GDT (Linux i386's layout) with its TLS slots (tls.c), and the TSS. */
#include "arch/x86/32/gdt.h"
#include "arch/x86/32/segments.h"
#include "arch/x86/cpu.h"
#include "arch/x86/tls.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/machine.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#include <stdbool.h>
#include <stddef.h>

/* A hardware task-state segment: the CPU reads ss0:esp0 on every entry from ring 3. */
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
};
_Static_assert(offsetof(struct tss, esp0) == 4, "tss esp0");
_Static_assert(sizeof(struct tss) == 104, "tss size");

/* In .bss.entry: with KPTI the app's page tables map these, for the CPU's own use. */
#define ENTRY_DATA __attribute__((section(".bss.entry")))
static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(8))) ENTRY_DATA;
static struct tss tss ENTRY_DATA;
/* The double-fault task: its own stack and state, so a kernel stack overflow (#PF on the
   guard page, then #DF with no stack to push on) still ends in a readable panic. Aligned to
   8: at its psABI alignment (4) -Oz clears it a byte at a time in gdt_init (76 instructions
   more at boot), at 8 a word at a time. */
static struct tss df_tss __attribute__((aligned(8))) ENTRY_DATA;

extern char __stack_guard[], kernel_stack_bottom[], kernel_stack_top[], df_stack_top[];
void double_fault_task(void);
void double_fault(void);

void double_fault(void)
{
    uint32_t esp = tss.esp, guard = (uint32_t)__stack_guard;
    if (esp >= guard && esp < guard + 4096 + 64)
        klog("PANIC: double fault: kernel stack overflow (esp=%p, in the guard page below "
             "the kernel stack %p-%p)",
             (void *)esp, (void *)kernel_stack_bottom, (void *)kernel_stack_top);
    else
        klog("PANIC: double fault (esp=%p)", (void *)esp);
    klog("eip=%p eax=%08x ebx=%08x ecx=%08x edx=%08x", (void *)tss.eip, tss.eax, tss.ebx, tss.ecx,
         tss.edx);
    klog("esi=%08x edi=%08x ebp=%08x eflags=%08x", tss.esi, tss.edi, tss.ebp, tss.eflags);
    klog("system halted");
    machine_exit(MACHINE_EXIT_PANIC);
}

void gdt_init(uint32_t stack_top)
{
    /* access: present, DPL, code/data, type; flags: 4 KiB granularity, 32-bit */
    gdt[GDT_ENTRY_KERNEL_CS] = gdt_desc(0, 0xFFFFF, 0x9A, 0xC);
    gdt[GDT_ENTRY_KERNEL_DS] = gdt_desc(0, 0xFFFFF, 0x92, 0xC);
    gdt[GDT_ENTRY_USER_CS] = gdt_desc(0, 0xFFFFF, 0xFA, 0xC);
    gdt[GDT_ENTRY_USER_DS] = gdt_desc(0, 0xFFFFF, 0xF2, 0xC);
    tss.ss0 = KERNEL_DS;
    tss.esp0 = stack_top;
    tss.iomap_base = sizeof(tss); /* no I/O bitmap: every port faults in ring 3 */
    gdt[GDT_ENTRY_TSS] = gdt_desc((uint32_t)&tss, sizeof(tss) - 1, 0x89, 0);
    df_tss = (struct tss){
        .esp0 = (uint32_t)df_stack_top,
        .ss0 = KERNEL_DS,
        .cr3 = read_cr3(),
        .eip = (uint32_t)double_fault_task,
        .eflags = 0x2,
        .esp = (uint32_t)df_stack_top,
        .es = USER_DS,
        .cs = KERNEL_CS,
        .ss = KERNEL_DS,
        .ds = USER_DS,
        .iomap_base = sizeof(struct tss),
    };
    gdt[GDT_ENTRY_DOUBLEFAULT_TSS] = gdt_desc((uint32_t)&df_tss, sizeof(df_tss) - 1, 0x89, 0);

    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) gdtr = {sizeof(gdt) - 1, (uint32_t)gdt};
    __asm__ volatile("lgdt %0\n\t"
                     "ljmp %1, $1f\n"
                     "1:\n\t"
                     "mov %2, %%ss\n\t"
                     "mov %3, %%ds\n\t"
                     "mov %3, %%es\n\t"
                     "mov %4, %%fs\n\t"
                     "mov %4, %%gs\n\t"
                     "ltr %w5\n\t"
                     "lldt %w4" /* no LDT: its selectors are invalid, not a table at 0 */
                     :
                     : "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(USER_DS), "r"(0), "r"(TSS_SEL)
                     : "memory");
}

void gdt_set_kernel_stack(uint32_t top)
{
    tss.esp0 = top;
}

uint64_t *gdt_tls_slots(uint32_t *first)
{
    *first = GDT_ENTRY_TLS_MIN;
    return &gdt[GDT_ENTRY_TLS_MIN];
}
