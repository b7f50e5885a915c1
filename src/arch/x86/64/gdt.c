/* The GDT (Linux x86_64's layout) with its TLS slots (tls.c: int $0x80's set_thread_area),
   the 64-bit TSS with its IST stacks, and the app's fs and gs bases (arch_prctl). */
#include "arch/x86/64/gdt.h"
#include "arch/x86/64/segments.h"
#include "arch/x86/cpu.h"
#include "arch/x86/tls.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/machine.h"
#include "kernel/panic.h"
#include <mode/layout.h>

#include <stddef.h>

/* The 64-bit task-state segment: only stacks are left in it. */
struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t ist[8]; /* ist[0] is reserved: IST slots count from 1 */
    uint64_t reserved2;
    uint16_t reserved3, iomap_base;
} __attribute__((packed));
_Static_assert(offsetof(struct tss, rsp) == 4 && offsetof(struct tss, ist) == 28, "tss stacks");
_Static_assert(sizeof(struct tss) == 104, "tss size");

/* In .bss.entry, with the rest of what entry and exit need. */
#define ENTRY_DATA __attribute__((section(".bss.entry")))
static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(8))) ENTRY_DATA;
static struct tss tss __attribute__((aligned(16))) ENTRY_DATA;

extern char df_stack_top[], nmi_stack_top[], mc_stack_top[];
extern char __stack_guard[], kernel_stack_bottom[], kernel_stack_top[];

/* #DF arrives on its own stack (IST), so a kernel stack overflow (#PF on the guard page, then
   #DF with no stack to push on) still ends in a readable panic. */
__attribute__((noreturn)) void double_fault(struct trap_frame *f);

void double_fault(struct trap_frame *f)
{
    uintptr_t guard = (uintptr_t)__stack_guard;
    if (f->rsp >= guard && f->rsp < guard + 4096 + 64)
        klog("PANIC: double fault: kernel stack overflow (rsp=%p, in the guard page below "
             "the kernel stack %p-%p)",
             (void *)f->rsp, (void *)kernel_stack_bottom, (void *)kernel_stack_top);
    else
        klog("PANIC: double fault (rsp=%p)", (void *)f->rsp);
    frame_dump_registers(f);
    klog("system halted");
    machine_exit(MACHINE_EXIT_PANIC);
}

uint64_t *gdt_tls_slots(uint32_t *first)
{
    *first = GDT_ENTRY_TLS_MIN;
    return &gdt[GDT_ENTRY_TLS_MIN];
}

void gdt_init(uintptr_t stack_top)
{
    /* access: present, DPL, code/data, type; flags: L (64-bit code) or 4 KiB granularity and
       32-bit for data, which long mode ignores but iret and sysret check nothing of. */
    gdt[GDT_ENTRY_KERNEL_CS] = gdt_desc(0, 0xFFFFF, 0x9A, 0xA);
    gdt[GDT_ENTRY_KERNEL_DS] = gdt_desc(0, 0xFFFFF, 0x92, 0xC);
    gdt[GDT_ENTRY_USER_DS] = gdt_desc(0, 0xFFFFF, 0xF2, 0xC);
    gdt[GDT_ENTRY_USER_CS] = gdt_desc(0, 0xFFFFF, 0xFA, 0xA);
    tss.rsp[0] = stack_top;
    tss.ist[IST_DF] = (uintptr_t)df_stack_top;
    tss.ist[IST_NMI] = (uintptr_t)nmi_stack_top;
    tss.ist[IST_MC] = (uintptr_t)mc_stack_top;
    tss.iomap_base = sizeof(tss); /* no I/O bitmap: every port faults in ring 3 */
    uintptr_t t = (uintptr_t)&tss;
    gdt[GDT_ENTRY_TSS] = gdt_desc((uint32_t)t, sizeof(tss) - 1, 0x89, 0);
    gdt[GDT_ENTRY_TSS + 1] = t >> 32;

    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) gdtr = {sizeof(gdt) - 1, (uintptr_t)gdt};
    uint64_t scratch;
    __asm__ volatile("lgdt %1\n\t"
                     "pushq %2\n\t"
                     "leaq 1f(%%rip), %0\n\t"
                     "pushq %0\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "mov %3, %%ss\n\t"
                     "mov %3, %%ds\n\t"
                     "mov %3, %%es\n\t"
                     "ltr %w4\n\t"
                     "lldt %w5" /* no LDT: its selectors are invalid, not a table at 0 */
                     : "=&r"(scratch)
                     : "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(TSS_SEL), "r"(0)
                     : "memory");
}

void gdt_set_kernel_stack(uintptr_t top)
{
    tss.rsp[0] = top;
}

#define MSR_FS_BASE 0xC0000100u
#define MSR_GS_BASE 0xC0000101u

/* The app's fs and gs bases (arch_prctl). The kernel never uses either segment, so they stay
   loaded across every entry and exit; an address outside user space is refused, since
   WRMSR would fault on a non-canonical one. */
int arch_set_fs_base(uint64_t base)
{
    if (base >= USER_TOP)
        return -EPERM;
    wrmsr(MSR_FS_BASE, base);
    return 0;
}

int arch_set_gs_base(uint64_t base)
{
    if (base >= USER_TOP)
        return -EPERM;
    wrmsr(MSR_GS_BASE, base);
    return 0;
}

uint64_t arch_fs_base(void)
{
    return rdmsr(MSR_FS_BASE);
}

uint64_t arch_gs_base(void)
{
    return rdmsr(MSR_GS_BASE);
}
