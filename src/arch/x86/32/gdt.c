/* The GDT (Linux i386's layout), the TSS, and set_thread_area's TLS descriptors. */
#include "arch/x86/32/gdt.h"
#include "arch/x86/32/segments.h"
#include "arch/x86/cpu.h"
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
   guard page, then #DF with no stack to push on) still ends in a readable panic. */
static struct tss df_tss ENTRY_DATA;

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

static uint64_t gdt_desc(uint32_t base, uint32_t limit, uint32_t access, uint32_t flags)
{
    return (uint64_t)(limit & 0xFFFF) | ((uint64_t)(base & 0xFFFFFF) << 16) |
           ((uint64_t)access << 40) | ((uint64_t)((limit >> 16) & 0xF) << 48) |
           ((uint64_t)flags << 52) | ((uint64_t)(base >> 24) << 56);
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

/* Linux's struct user_desc, as set_thread_area takes it. */
struct user_desc {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
        seg_not_present : 1, useable : 1;
};

/* Linux's two ways to say "no segment": the "empty" descriptor (only read_exec_only and
   seg_not_present set) and, as many programs assume, the all-zero one. */
static bool tls_desc_clears(const struct user_desc *d)
{
    if (d->base_addr || d->limit || d->contents || d->seg_32bit || d->limit_in_pages || d->useable)
        return false;
    return d->read_exec_only == d->seg_not_present;
}

/* What Linux's tls_desc_okay() accepts besides those: present 32-bit data only. A 16-bit
   segment as ss would make iret restore only the low half of esp, leaving the kernel's high
   half in the app's (Linux needs espfix for that, and allows it only in the LDT); code and
   not-present segments have no use in the TLS slots. */
static bool tls_desc_ok(const struct user_desc *d)
{
    return tls_desc_clears(d) || (d->seg_32bit && d->contents <= 1 && !d->seg_not_present);
}

/* set_thread_area: an i386 app's TLS is a GDT descriptor of its own making. */
sword_t sys_set_thread_area(uaddr_t user_ptr)
{
    struct user_desc d;
    if (copy_from_user(&d, user_ptr, sizeof(d)))
        return -EFAULT;
    if (!tls_desc_ok(&d))
        return -EINVAL; /* before a slot is chosen, as on Linux */
    uint32_t idx = d.entry_number;
    if (idx == 0xFFFFFFFFu) {
        for (idx = GDT_ENTRY_TLS_MIN; idx < GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES; idx++)
            if (gdt[idx] == 0)
                break;
        if (idx == GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES)
            return -ESRCH;
        d.entry_number = idx;
        if (copy_to_user(user_ptr, &d, sizeof(d.entry_number)))
            return -EFAULT;
    }
    if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES)
        return -EINVAL;
    if (tls_desc_clears(&d)) {
        gdt[idx] = 0;
        return 0;
    }
    /* Always DPL 3 data, accessed already (as Linux's fill_ldt() sets it). */
    uint32_t type = 1 | (d.contents << 2) | ((d.read_exec_only ^ 1) << 1);
    uint32_t access = 0x80 | 0x60 | 0x10 | type;
    uint32_t flags = (d.seg_32bit << 2) | (d.limit_in_pages << 3) | d.useable;
    gdt[idx] = gdt_desc(d.base_addr, d.limit, access, flags);
    return 0;
}
