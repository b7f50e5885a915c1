/* 4-level page tables: the kernel's direct map of the first 1020 MiB in 2 MiB pages at
   KERNEL_BASE (the top 2 GiB, PML4 slot 511), a window of 4 KiB slots onto any other frame,
   and the app's 4 KiB pages in the lower half (PML4 slots 0-255), whose tables are
   allocated as the app's mappings need them. */
#include "arch/x86/64/gdt.h"
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

extern uint64_t kernel_pml4[512], kernel_pdpt[512];
extern char __stack_guard[], __df_stack_guard[], __nmi_stack_guard[], __mc_stack_guard[];

/* The entry for va at level `shift` (30, 21, 12) in the table that the entry e (present)
   points to. */
static uint64_t *entry_in(const uint64_t *e, uint64_t va, unsigned shift)
{
    uint64_t *table = phys_to_virt(*e & PTE_ADDR);
    return &table[(va >> shift) & 511];
}

/* The same, the table made when e is empty; NULL when there is no memory for it. */
static uint64_t *entry_below_made(uint64_t *e, uint64_t va, unsigned shift)
{
    if (!(*e & PTE_P)) {
        uintptr_t table = pmm_alloc_kernel();
        if (!table)
            return 0;
        *e = table | PTE_P | PTE_W | PTE_U; /* the leaf entries decide the real rights */
    }
    return entry_in(e, va, shift);
}

/* KPTI (pti=on): the app's own top-level table, whose user half is the kernel's (kept equal
   as the kernel's gains entries) and whose kernel half maps only what entry and exit need. */
static uint64_t pti_pml4[512] __attribute__((aligned(4096)));
static uint64_t pti_pdpt[512] __attribute__((aligned(4096)));
static uint64_t pti_pd[512] __attribute__((aligned(4096)));
static uint64_t pti_pt[512] __attribute__((aligned(4096)));
extern char __entry_text_start[], __entry_text_end[];
extern char __entry_bss_start[], __entry_bss_end[], entry_stack_top[];
extern uint64_t pti_kernel_cr3, pti_user_cr3;

/* Inline and unrolled: every page fault from the app asks it (vm_accessible_or_none), and
   LTO may then fold it into the fault path. */
inline uint64_t *pte_of(uint64_t va)
{
    uint64_t *e = &kernel_pml4[(va >> 39) & 511];
#pragma GCC unroll 3
    for (unsigned shift = 30; shift >= 12; shift -= 9) {
        if (!(*e & PTE_P))
            return 0;
        e = entry_in(e, va, shift);
    }
    return e;
}

uint64_t *pte_make(uint64_t va)
{
    unsigned top = (va >> 39) & 511;
    uint64_t *e = &kernel_pml4[top];
    for (unsigned shift = 30; e && shift >= 12; shift -= 9)
        e = entry_below_made(e, va, shift);
    pti_pml4[top] = kernel_pml4[top]; /* the app's own table sees the same user half */
    return e;
}

__attribute__((cold)) static bool in(uintptr_t va, const char *start, const char *end)
{
    return va >= (uintptr_t)start && va < (uintptr_t)end;
}

/* The app's page tables map, of the kernel, its entry code and the data entry and exit read
   (the descriptor tables, the TSS, the entry stack, the IST stacks: kernel.ld). */
__attribute__((cold)) static void pti_init(void)
{
    for (uint32_t i = 0; i < 512; i++) {
        uintptr_t va = KERNEL_BASE + i * PAGE_SIZE;
        if (in(va, __entry_text_start, __entry_text_end) ||
            in(va, __entry_bss_start, __entry_bss_end))
            pti_pt[i] = low_pt[i];
    }
    pti_pd[0] = virt_to_phys(pti_pt) | PTE_P | PTE_W;
    pti_pdpt[510] = virt_to_phys(pti_pd) | PTE_P | PTE_W;
    pti_pml4[511] = virt_to_phys(pti_pdpt) | PTE_P | PTE_W;
    pti_kernel_cr3 = virt_to_phys(kernel_pml4);
    pti_user_cr3 = virt_to_phys(pti_pml4);
    gdt_set_kernel_stack((uintptr_t)entry_stack_top);
    exit_work |= EXIT_PTI;
    klog("pti: on: the app's page tables map only the kernel's entry code, descriptor "
         "tables, entry stack and exception stacks");
}

__attribute__((cold)) void vm_init(void)
{
    bool pti = cmdline_has("pti=on");
    nx_bit = cpu.nx ? PTE_NX : 0;
    static const char *const guards[] = {__stack_guard, __df_stack_guard, __nmi_stack_guard,
                                         __mc_stack_guard};
    pte_map_kernel(pti, guards, sizeof(guards) / sizeof(guards[0]));
    kernel_pml4[0] = 0; /* the boot identity map: the app's half starts empty */
    write_cr3(read_cr3());
    if (cpu.pge) { /* drop the boot mappings' global TLB entries too */
        write_cr4(read_cr4() & ~CR4_PGE);
        write_cr4(read_cr4() | CR4_PGE);
    }
    if (pti)
        pti_init();
}

__attribute__((cold)) uint64_t vm_next_covered(uint64_t va, uint64_t end)
{
    while (va < end && va < USER_TOP) {
        uint64_t *table = kernel_pml4;
        unsigned shift = 39;
        for (; shift > 12; shift -= 9) { /* down to the entry that points at a page table */
            uint64_t e = table[(va >> shift) & 511];
            if (!(e & PTE_P))
                break;
            table = phys_to_virt(e & PTE_ADDR);
        }
        if (shift == 12)
            return va;
        va = (va | ((1ull << shift) - 1)) + 1; /* past the empty entry's span */
    }
    return end;
}

/* Each level's tables below entry e (at level `shift`), then the one e points to. */
static void free_table(uint64_t e, unsigned shift)
{
    uint64_t *table = phys_to_virt(e & PTE_ADDR);
    for (unsigned i = 0; shift > 21 && i < 512; i++)
        if (table[i] & PTE_P)
            free_table(table[i], shift - 9);
    pmm_free(e & PTE_ADDR);
}

__attribute__((cold)) void vm_free_user_tables(void)
{
    for (unsigned i = 0; i < 256; i++)
        if (kernel_pml4[i] & PTE_P) {
            free_table(kernel_pml4[i], 39);
            kernel_pml4[i] = pti_pml4[i] = 0;
        }
    write_cr3(read_cr3());
}
