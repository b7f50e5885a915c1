/* Page-table entries as both widths hold them (PAE's and long mode's are the same 64-bit
   format), and what each width's paging.c lends the calls both share (arch/x86/pte.c): the
   walk to a user page's entry, the NX bit, the kernel's directory and the window's table. */
#pragma once

#include <mode/layout.h>
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_U (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_PS (1ull << 7)
#define PTE_G (1ull << 8)
#define PTE_PROTNONE (1ull << 9)  /* software: a PROT_NONE page, not present */
#define PTE_NOWRITE (1ull << 10)  /* software: VM_NOWRITE */
#define PTE_PAST_END (1ull << 11) /* software: VM_PAST_END, not present */
#define PTE_PAST_END_PROT 52      /* where a VM_PAST_END entry keeps its PROT_* (not present) */
/* VM_SHARED: bit 11 in a present entry (a PAST_END one never is), bit 58 in a PROT_NONE one
   (which is not present: the bits above the frame are free; PAE reserves them when present) */
#define PTE_SHARED (1ull << 11)
#define PTE_SHARED_NONE (1ull << 58)
/* VM_LOCKED: bit 9 in a present entry (PTE_PROTNONE's in one that is not), bit 57 in the rest */
#define PTE_LOCKED (1ull << 9)
#define PTE_LOCKED_NONE (1ull << 57)
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000FFFFFFFFFF000ull

/* The width's walk (paging.c): the entry for user va (in [USER_MIN, USER_TOP)), or NULL
   when no page table covers it; pte_make makes the tables it needs (NULL when out of memory). */
uint64_t *pte_of(uaddr_t va);
uint64_t *pte_make(uaddr_t va);
/* Does the entry map a page (present, or not present with its frame: PROT_NONE, past end)? */
static inline bool pte_mapped(uint64_t e)
{
    return (uint32_t)e & (uint32_t)(PTE_P | PTE_PROTNONE | PTE_PAST_END); /* the low half */
}
/* The app's entry for va: 0 outside [USER_MIN, USER_TOP) or where no table covers it. */
uint64_t vm_entry(uaddr_t va);
/* Is va mapped present, or PROT_NONE (a page past a file's end is neither)? Inline, as
   pte_of, in the caller's file: the app's page faults ask it, to tell SEGV_ACCERR from the
   rest (pte.c is built for size). */
static inline bool vm_accessible_or_none(uaddr_t va)
{
    uint64_t *pte = va >= USER_MIN && va < USER_TOP ? pte_of(va) : 0;
    return pte && ((uint32_t)*pte & (uint32_t)(PTE_P | PTE_PROTNONE));
}

/* PTE_NX where the CPU has NX, else 0 (vm_init sets it). */
extern uint64_t nx_bit;
/* The kernel's 1 GiB page directory (boot.S) and the window at KERNEL_KMAP_BASE (pte.c). */
extern uint64_t kernel_pd[512], kmap_pt[512];
#define KMAP_PDE ((KERNEL_KMAP_BASE >> 21) & 511)
/* The first 2 MiB in 4 KiB pages (pte.c): what KPTI's tables copy entries from. */
extern uint64_t low_pt[512];

/* The kernel's half, shared by both widths: W^X for the kernel (text read-execute, read-only
   data read-only, everything else, the direct map too, never executable), guards (each a
   page under a stack) left unmapped, the window and the device slot cleared. Only the
   kernel's mappings are global, and with KPTI not even those. */
void pte_map_kernel(bool pti, const char *const guards[], unsigned nguards);
