/* The physical frame allocator. */
#pragma once

#include <mode/layout.h>
#include <stdint.h>

/* Frames are tracked up to this physical address (the kernel's direct map). */
#define PMM_MAX_PHYS KERNEL_DIRECT_MAP_SIZE

void pmm_add_free(uint64_t base, uint64_t len);
void pmm_reserve(uint64_t base, uint64_t len);
/* A frame's physical address, or 0 when memory is exhausted. */
uint32_t pmm_alloc(void);
/* A zero-filled frame, or 0. */
uint32_t pmm_alloc_zeroed(void);
void pmm_free(uint32_t phys);
uint32_t pmm_free_count(void);
