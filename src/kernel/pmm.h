/* The physical frame allocator. */
#pragma once

#include <mode/layout.h>
#include <mode/types.h>
#include <stdint.h>

/* Frames below this address are in the kernel's direct map (phys_to_virt reaches them). */
#define PMM_LOW_LIMIT KERNEL_DIRECT_MAP_SIZE
/* At most 4 GiB of frames are tracked: the app's 3 GiB of user space, its page tables and the
   kernel fit with room to spare, whatever the machine has beyond. */
#define PMM_MAX_FRAMES (1u << 20)

/* Free RAM [base, base + len), whole frames only; anywhere below 64 GiB. */
void pmm_add_free(paddr_t base, uint64_t len);
/* The same for RAM the loader has zeroed (the kernel's .bss), handed out before the rest:
   its frames are not cleared again until they have been used. */
void pmm_add_zeroed(paddr_t base, uint64_t len);
/* A zero-filled frame in the direct map, for the kernel's own use (page tables), or 0: its
   physical address, which a pointer-sized word holds (the direct map reaches it). */
uintptr_t pmm_alloc_kernel(void);
/* A zero-filled frame for the app's pages, anywhere (above 4 GiB too), or 0. */
paddr_t pmm_alloc_user(void);
/* Boot only, before anything is freed: `frames` contiguous frames in the direct map, or 0. */
uintptr_t pmm_alloc_low_range(uint32_t frames);
void pmm_free(paddr_t phys);
/* Give back a range the kernel kept: frames it was handed are freed, and a range the
   allocator never had (reserved at boot) becomes free RAM. */
void pmm_give_back(paddr_t base, uint64_t len);
uint32_t pmm_free_count(void);
