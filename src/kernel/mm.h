/* The app's address space: its stack, heap (brk) and anonymous mappings. */
#pragma once

#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define STACK_MAX (8u << 20)       /* the stack may grow to 8 MiB, as Linux's default rlimit */
#define STACK_GUARD_GAP (1u << 20) /* never mapped by mmap's own placement, below the stack */

/* A run of the program's pages that its file backs, from off in the file (/proc/self/maps). */
#define MM_IMAGE_RUNS 8
struct mm_image_run {
    uaddr_t start, end;
    uint64_t off;
};

struct mm {
    uaddr_t brk_start, brk;
    uaddr_t stack_top, stack_floor; /* the stack grows on demand down to stack_floor */
    uaddr_t mmap_base;              /* mmap places mappings below this, top-down */
    uint32_t pages;                 /* pages mapped through mm_map_zero: RLIMIT_AS's count */
    uaddr_t mmap_full;              /* [mmap_full, mmap_base) is all mapped: searches start here */
    uaddr_t arg_start, arg_end;     /* the program's argument strings, on its stack, */
    uaddr_t env_start, env_end;     /* and its environment's (/proc/self/cmdline, environ) */
    struct mm_image_run image[MM_IMAGE_RUNS]; /* the loader's: a segment's file part each */
    uaddr_t start_code, end_code; /* Linux's for /proc/self/stat: the executable segments' */
    uaddr_t start_data, end_data; /* span, the highest segment's start and file end, */
    uaddr_t start_stack;          /* and where argc lies */
    word_t saved_auxv[2 * 24];    /* the auxiliary vector as exec built it (/proc/self/auxv) */
    uint32_t lock_new;            /* mlockall's MCL_FUTURE: VM_LOCKED for mmap's and brk's */
};
extern struct mm mm;

/* Map zero-filled pages over [va, va + len), which must be unmapped; -ENOMEM undoes it all. */
int mm_map_zero(uaddr_t va, word_t len, uint32_t prot);
/* Unmap [va, va + len) and free its frames (not a System V segment's, which stay its own). */
void mm_unmap(uaddr_t va, word_t len);
/* shmat's mapping of the file n's frames (a System V segment's), VM_SHARED, of len bytes at
   *addr (fixed: exactly there, replacing what lies there), or where mmap would put it
   (*addr: where): 0, or -errno as mmap's. */
struct vnode;
int mm_map_shared(uaddr_t *addr, word_t len, uint32_t prot, bool fixed, struct vnode *n);
/* The app's locked pages (/proc/self/status's VmLck). */
word_t mm_locked(void);
/* Grow the stack to cover va if va lies in its reserve and nothing is mapped there: 0, or
   -EFAULT/-ENOMEM. */
int mm_grow_stack(uaddr_t va);
