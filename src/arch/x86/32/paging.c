/* PAE page tables: the kernel's direct map of the first 1020 MiB in 2 MiB pages (PDPT slot 3),
   a window of 4 KiB slots onto any other frame (PAE reaches 64 GiB), and the app's 4 KiB pages
   in slots 0-2, whose page directories are allocated once at boot. */
#include "arch/x86/32/gdt.h"
#include "arch/x86/32/idt.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pte.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"
#include <mode/exit_work.h>

extern uint64_t kernel_pdpt[4];
extern char __stack_guard[], __df_stack_guard[];

/* The directory entry for user va: the three page directories are always there (vm_init). */
static uint64_t *pde_of(uint32_t va)
{
    uint64_t *pd = phys_to_virt((uint32_t)(kernel_pdpt[va >> 30] & PTE_ADDR));
    return &pd[(va >> 21) & 511];
}

/* The entry for va in the page table that the directory entry pde (present) points to. A
   page table lies in the direct map, so the entry's low half holds its whole address. */
static uint64_t *pte_in(uint64_t *pde, uint32_t va)
{
    uint64_t *pt = phys_to_virt((uint32_t)*pde & (uint32_t)PTE_ADDR);
    return &pt[(va >> 12) & 511];
}

/* A new page table for the empty directory entry pde: va's entry in it, or NULL. Out of
   line (a tail call), so that the usual pte_make saves no registers for it. */
__attribute__((noinline)) static uint64_t *pte_in_new_table(uint64_t *pde, uint32_t va)
{
    uintptr_t pt = pmm_alloc_kernel();
    if (!pt)
        return 0;
    *pde = pt | PTE_P | PTE_W | PTE_U; /* the leaf entries decide the real rights */
    return pte_in(pde, va);
}

/* Inline: every page fault from the app asks it (vm_accessible_or_none), and LTO may then
   fold it into the fault path. */
inline uint64_t *pte_of(uint32_t va)
{
    uint64_t *pde = pde_of(va);
    return (uint32_t)*pde & (uint32_t)PTE_P ? pte_in(pde, va) : 0;
}

uint64_t *pte_make(uint32_t va)
{
    uint64_t *pde = pde_of(va);
    if (__builtin_expect((uint32_t)*pde & (uint32_t)PTE_P, 1)) /* usually a table covers va */
        return pte_in(pde, va);
    return pte_in_new_table(pde, va);
}

/* KPTI (pti=on): the app's own top-level table, whose kernel quarter maps only what entry
   and exit need. */
static uint64_t pti_pdpt[4] __attribute__((aligned(32)));
static uint64_t pti_pd[512] __attribute__((aligned(4096)));
static uint64_t pti_pt[512] __attribute__((aligned(4096)));
extern char __entry_text_start[], __entry_text_end[];
extern char __entry_bss_start[], __entry_bss_end[], entry_stack_top[];
extern uint32_t pti_kernel_cr3, pti_user_cr3;

static bool in(uint32_t va, const char *start, const char *end)
{
    return va >= (uint32_t)start && va < (uint32_t)end;
}

static void pti_init(void)
{
    for (uint32_t i = 0; i < 512; i++) {
        uint32_t va = KERNEL_BASE + i * PAGE_SIZE;
        if (in(va, __entry_text_start, __entry_text_end) ||
            in(va, __entry_bss_start, __entry_bss_end))
            pti_pt[i] = low_pt[i];
    }
    pti_pd[0] = virt_to_phys(pti_pt) | PTE_P | PTE_W;
    for (int i = 0; i < 3; i++)
        pti_pdpt[i] = kernel_pdpt[i]; /* the app's page directories are shared */
    pti_pdpt[3] = virt_to_phys(pti_pd) | PTE_P;
    pti_kernel_cr3 = (uint32_t)virt_to_phys(kernel_pdpt); /* CR3: below 4 GiB */
    pti_user_cr3 = (uint32_t)virt_to_phys(pti_pdpt);
    gdt_set_kernel_stack((uint32_t)entry_stack_top);
    if (cpu.sep) /* sysenter too arrives on the entry stack */
        wrmsr(MSR_SYSENTER_ESP, (uint32_t)entry_stack_top);
    idt_pti_entries();
    exit_work |= EXIT_PTI;
    klog("pti: on: the app's page tables map only the kernel's entry code, descriptor "
         "tables and entry stack");
}

void vm_init(void)
{
    bool pti = cmdline_has("pti=on");
    nx_bit = cpu.nx ? PTE_NX : 0;
    static const char *const guards[] = {__stack_guard, __df_stack_guard};
    pte_map_kernel(pti, guards, sizeof(guards) / sizeof(guards[0]));
    for (int i = 0; i < 3; i++) {
        uintptr_t pd = pmm_alloc_kernel();
        if (!pd)
            panic("no memory for the page directories");
        kernel_pdpt[i] = pd | PTE_P;
    }
    write_cr3(read_cr3()); /* PAE reloads the PDPT only here */
    if (cpu.pge) {         /* drop the boot mappings' global TLB entries too */
        write_cr4(read_cr4() & ~CR4_PGE);
        write_cr4(read_cr4() | CR4_PGE);
    }
    if (pti)
        pti_init();
}

uint32_t vm_next_covered(uint32_t va, uint32_t end)
{
    for (; va < end && va >= USER_MIN && va < USER_TOP; va = (va | 0x1FFFFFu) + 1)
        if (*pde_of(va) & PTE_P)
            return va;
    return va < end && va < USER_MIN ? va : end;
}

__attribute__((cold)) void vm_free_user_tables(void)
{
    for (uint32_t va = 0; va < USER_TOP; va += 1u << 21) {
        uint64_t *pde = pde_of(va);
        if ((uint32_t)*pde & (uint32_t)PTE_P) {
            pmm_free((uint32_t)*pde & (uint32_t)PTE_ADDR);
            *pde = 0;
        }
    }
    write_cr3(read_cr3());
}
