/* The app's page mappings: the arch-neutral interface to the page tables. */
#pragma once

#include <mode/layout.h>
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

/* Linux's PROT_* values. PROT_NONE pages stay mapped but give the app no access. */
#define PROT_NONE 0u
#define PROT_READ 1u
#define PROT_WRITE 2u
#define PROT_EXEC 4u
#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)
/* Beside PROT_*, two marks a page keeps through vm_protect. VM_NOWRITE: the page may never be
   made writable, a shared mapping of a file not open for writing (Linux clears VM_MAYWRITE),
   so vm_protect refuses PROT_WRITE. VM_PAST_END: a file's page wholly past its end, never
   present: an access its protection allows is SIGBUS (BUS_ADRERR), as Linux's fault past the
   file's size, and the kernel's copies get -EFAULT. */
#define VM_NOWRITE 0x10u
#define VM_PAST_END 0x20u
/* VM_SHARED: the frame is not the mapping's own but a System V segment's (kernel/ipc_shm.c):
   unmapping the page leaves the frame be, and the page is never moved. */
#define VM_SHARED 0x40u
/* VM_LOCKED: mlock's mark (kernel/mm.c). moat has no swap, so a lock keeps nothing resident
   that would not be; it is what Linux counts (VmLck, RLIMIT_MEMLOCK) and keeps through
   mprotect and mremap. */
#define VM_LOCKED 0x80u

static inline void *phys_to_virt(paddr_t phys)
{
    return (void *)(uintptr_t)(phys + KERNEL_BASE);
}

static inline paddr_t virt_to_phys(const void *virt)
{
    return (uintptr_t)virt - KERNEL_BASE;
}

static inline uaddr_t page_round_up(uaddr_t v)
{
    return (v + PAGE_SIZE - 1) & PAGE_MASK;
}

/* Slots of the kernel's window onto any frame (those beyond the direct map included). Each
   user owns its slots; a mapping lasts until its slot is mapped again. */
enum vm_kmap_slot {
    KMAP_ZERO, /* pmm: zeroing a new user frame */
    KMAP_COPY, /* the ELF loader: writing a segment's frame */
    KMAP_BOOT, /* boot: reading the loader's data and the module, KMAP_BOOT_PAGES */
    KMAP_BOOT_PAGES = 16,
};

/* Install the window (the kernel runs on the boot page tables until vm_init). */
void vm_kmap_init(void);
/* Map `pages` frames from pa (page-aligned) at slot and on: their virtual address. */
void *vm_kmap_pages(unsigned slot, paddr_t pa, unsigned pages);
static inline void *vm_kmap(unsigned slot, paddr_t pa)
{
    return vm_kmap_pages(slot, pa, 1);
}
/* The frame at pa through the direct map if it is there, else through slot. */
static inline void *vm_frame(unsigned slot, paddr_t pa)
{
    return pa < KERNEL_DIRECT_MAP_SIZE ? phys_to_virt(pa) : vm_kmap(slot, pa);
}

/* Map a device's registers (the 2 MiB around pa, uncached) at the top of the kernel's half,
   which the direct map leaves free: their virtual address. */
volatile void *vm_map_mmio(paddr_t pa);
/* Build the app's (empty) half of the address space and drop the boot identity map. */
void vm_init(void);
/* Map one user page at va to the frame pa; -ENOMEM if a page table cannot be allocated,
   -EINVAL outside user space. */
int vm_map(uaddr_t va, paddr_t pa, uint32_t prot);
/* Unmap one user page; returns its frame, or 0 when nothing was mapped (*shared: whether it
   was VM_SHARED). */
paddr_t vm_unmap(uaddr_t va, bool *shared);
/* Move one mapped page's entry (its frame, protection and marks) from va to the unmapped
   page to, whose page table exists (vm_make_tables). */
void vm_move(uaddr_t va, uaddr_t to);
/* Set (lock: VM_LOCKED) or clear (0) one mapped page's VM_LOCKED. */
void vm_lock(uaddr_t va, uint32_t lock);
/* Make the page tables that cover [va, va + len): false when memory runs out. */
bool vm_make_tables(uaddr_t va, word_t len);
/* Change one mapped page's protection (its marks stay); -ENOMEM when it is not mapped,
   -EACCES when PROT_WRITE is asked of a VM_NOWRITE page. */
int vm_protect(uaddr_t va, uint32_t prot);
/* The first page in [va, end) that a page table covers (which may be mapped: vm_mapped says),
   or end if none: whole empty tables are skipped, so a walk over a sparse range costs its
   tables, not its pages (on x86_64 a range may span 2^35 pages). va is page-aligned. */
uaddr_t vm_next_covered(uaddr_t va, uaddr_t end);
/* Free the page tables of the app's half, once nothing is mapped there (execve): a new
   program's layout, randomised anew, would otherwise leave the old tables behind. */
void vm_free_user_tables(void);
/* Is va mapped (present, PROT_NONE, or past a file's end)? Never outside [USER_MIN, USER_TOP). */
bool vm_mapped(uaddr_t va);
/* Is va mapped? If so, its frame and protection. */
bool vm_query(uaddr_t va, paddr_t *pa, uint32_t *prot);
/* The same, the protection with VM_SHARED and VM_LOCKED where it is marked so (prot must not
   be NULL): the marks cost the app's every copy a test when vm_query gives them, so only those
   that ask pay. */
bool vm_query_marks(uaddr_t va, paddr_t *pa, uint32_t *prot);
