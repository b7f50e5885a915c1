/* The app's address space: its stack, heap (brk) and anonymous mappings. */
#pragma once

#include <stdint.h>

#define STACK_MAX (8u << 20)        /* the stack may grow to 8 MiB, as Linux's default rlimit */
#define STACK_GUARD_GAP (1u << 20)  /* never mapped by mmap's own placement, below the stack */

struct mm {
    uint32_t brk_start, brk;
    uint32_t stack_top, stack_floor; /* the stack grows on demand down to stack_floor */
    uint32_t mmap_base;              /* mmap places mappings below this, top-down */
    uint32_t pages;                  /* pages mapped through mm_map_zero: RLIMIT_AS's count */
    uint32_t mmap_full;              /* [mmap_full, mmap_base) is all mapped: searches start here */
};
extern struct mm mm;

/* Map zero-filled pages over [va, va + len), which must be unmapped; -ENOMEM undoes it all. */
int mm_map_zero(uint32_t va, uint32_t len, uint32_t prot);
/* Unmap [va, va + len) and free its frames. */
void mm_unmap(uint32_t va, uint32_t len);
/* Grow the stack to cover va if va lies in its reserve and nothing is mapped there: 0, or
   -EFAULT/-ENOMEM. */
int mm_grow_stack(uint32_t va);
