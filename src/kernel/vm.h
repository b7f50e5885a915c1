/* The app's page mappings: the arch-neutral interface to the page tables. */
#pragma once

#include <mode/layout.h>
#include <stdbool.h>
#include <stdint.h>

/* Linux's PROT_* values. PROT_NONE pages stay mapped but give the app no access. */
#define PROT_NONE 0u
#define PROT_READ 1u
#define PROT_WRITE 2u
#define PROT_EXEC 4u

static inline void *phys_to_virt(uint32_t phys)
{
    return (void *)(uintptr_t)(phys + KERNEL_BASE);
}

static inline uint32_t virt_to_phys(const void *virt)
{
    return (uint32_t)(uintptr_t)virt - KERNEL_BASE;
}

static inline uint32_t page_round_up(uint32_t v)
{
    return (v + PAGE_SIZE - 1) & PAGE_MASK;
}

/* Map a device's registers (the 2 MiB around pa, uncached) at the top of the kernel's half,
   which the direct map leaves free: their virtual address. */
volatile void *vm_map_mmio(uint32_t pa);
/* Build the app's (empty) half of the address space and drop the boot identity map. */
void vm_init(void);
/* Map one user page at va to the frame pa; -ENOMEM if a page table cannot be allocated,
   -EINVAL outside user space. */
int vm_map(uint32_t va, uint32_t pa, uint32_t prot);
/* Unmap one user page; returns its frame, or 0 when nothing was mapped. */
uint32_t vm_unmap(uint32_t va);
/* Change one mapped page's protection; -ENOMEM when it is not mapped. */
int vm_protect(uint32_t va, uint32_t prot);
/* Is va mapped? If so, its frame and protection. */
bool vm_query(uint32_t va, uint32_t *pa, uint32_t *prot);
