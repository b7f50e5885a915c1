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
extern char __text_start[], __text_end[], __rodata_start[], __data_start[];
extern char __stack_guard[], __df_stack_guard[], __nmi_stack_guard[], __mc_stack_guard[];

/* The first 2 MiB, which hold the kernel image, in 4 KiB pages with per-section rights. */
static uint64_t low_pt[512] __attribute__((aligned(4096)));

/* The entry at level `shift` (39, 30, 21) under the table entry e, whose next table is made
   when missing and create is set; NULL when there is none. */
static uint64_t *next_level(uint64_t *e, uint64_t va, unsigned shift, int create)
{
    if (!(*e & PTE_P)) {
        if (!create)
            return 0;
        uintptr_t table = pmm_alloc_kernel();
        if (!table)
            return 0;
        *e = table | PTE_P | PTE_W | PTE_U; /* the leaf entries decide the real rights */
    }
    uint64_t *table = phys_to_virt(*e & PTE_ADDR);
    return &table[(va >> shift) & 511];
}

/* KPTI (pti=on): the app's own top-level table, whose user half is the kernel's (kept equal
   as the kernel's gains entries) and whose kernel half maps only what entry and exit need. */
static uint64_t pti_pml4[512] __attribute__((aligned(4096)));
static uint64_t pti_pdpt[512] __attribute__((aligned(4096)));
static uint64_t pti_pd[512] __attribute__((aligned(4096)));
static uint64_t pti_pt[512] __attribute__((aligned(4096)));
extern char __entry_text_start[], __entry_text_end[], __entry_data_start[], __entry_data_end[];
extern char __entry_bss_start[], __entry_bss_end[], entry_stack_top[];
extern uint64_t pti_kernel_cr3, pti_user_cr3;

/* The page-table entry for user va, or NULL when no page table covers it (and !create). */
uint64_t *pte_of(uint64_t va, int create)
{
    unsigned top = (va >> 39) & 511;
    uint64_t *e = &kernel_pml4[top];
    for (unsigned shift = 30; e && shift >= 12; shift -= 9)
        e = next_level(e, va, shift, create);
    pti_pml4[top] = kernel_pml4[top]; /* the app's own table sees the same user half */
    return e;
}

/* n entries from e on: first, then each step bytes of address on. */
static void fill(uint64_t *e, uint32_t n, uint64_t first, uint64_t step)
{
    for (uint64_t *end = e + n; e < end; e++, first += step)
        *e = first;
}

/* Low page-table entries for the kernel's virtual [from, to), page by page. */
static void map_low(const char *from, const char *to, uint64_t bits)
{
    uint64_t i = page_round_up((uintptr_t)from - KERNEL_BASE) / PAGE_SIZE;
    uint64_t end = page_round_up((uintptr_t)to - KERNEL_BASE) / PAGE_SIZE;
    fill(&low_pt[i], (uint32_t)(end - i), i * PAGE_SIZE | bits, PAGE_SIZE);
}

static void unmap_guard(const char *guard)
{
    low_pt[((uintptr_t)guard - KERNEL_BASE) / PAGE_SIZE] = 0;
}

static bool in(uintptr_t va, const char *start, const char *end)
{
    return va >= (uintptr_t)start && va < (uintptr_t)end;
}

/* The app's page tables map, of the kernel, its entry code and the data entry and exit read
   (the descriptor tables, the TSS, the entry stack, the IST stacks: kernel.ld). */
static void pti_init(void)
{
    for (uint32_t i = 0; i < 512; i++) {
        uintptr_t va = KERNEL_BASE + i * PAGE_SIZE;
        if (in(va, __entry_text_start, __entry_text_end) ||
            in(va, __entry_data_start, __entry_data_end) ||
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

/* W^X for the kernel: text is read-execute, read-only data is read-only, and everything
   else (data, stacks, the rest of the direct map) is never executable. Only the kernel's
   mappings are global, and with KPTI not even those. */
static void map_kernel(bool pti)
{
    uint64_t g = cpu.pge && !pti ? PTE_G : 0, rw = PTE_P | PTE_W | g | nx_bit;
    char *base = (char *)KERNEL_BASE, *low_end = base + 512 * PAGE_SIZE;
    map_low(base, __text_start, rw);
    map_low(__text_start, __text_end, PTE_P | g);
    map_low(__text_end, __rodata_start, rw);
    map_low(__rodata_start, __data_start, PTE_P | g | nx_bit);
    map_low(__data_start, low_end, rw);
    unmap_guard(__stack_guard);
    unmap_guard(__df_stack_guard);
    unmap_guard(__nmi_stack_guard);
    unmap_guard(__mc_stack_guard);
    fill(&kernel_pd[1], KMAP_PDE - 1, (1u << 21) | PTE_P | PTE_W | PTE_PS | g | nx_bit,
         1u << 21); /* the direct map's 2 MiB pages */
    /* Boot's mappings in the window were made before NX was on; it used no other slots. */
    memset(kmap_pt, 0, (KMAP_BOOT + KMAP_BOOT_PAGES) * sizeof(kmap_pt[0]));
    kernel_pd[KMAP_PDE] |= nx_bit;
    kernel_pd[511] = 0; /* KERNEL_MMIO_BASE: devices only (vm_map_mmio) */
    kernel_pd[0] = virt_to_phys(low_pt) | PTE_P | PTE_W;
}

void vm_init(void)
{
    bool pti = cmdline_has("pti=on");
    nx_bit = cpu.nx ? PTE_NX : 0;
    map_kernel(pti);
    kernel_pml4[0] = 0; /* the boot identity map: the app's half starts empty */
    write_cr3(read_cr3());
    if (cpu.pge) { /* drop the boot mappings' global TLB entries too */
        write_cr4(read_cr4() & ~CR4_PGE);
        write_cr4(read_cr4() | CR4_PGE);
    }
    if (pti)
        pti_init();
}

uint64_t vm_next_covered(uint64_t va, uint64_t end)
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
