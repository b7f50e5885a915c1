/* The x86_64 address-space layout: the app owns the lower canonical half, as on Linux; the
   kernel is linked in the top 2 GiB (-mcmodel=kernel) at KERNEL_BASE + its physical address,
   and that same offset maps physical memory, so one KERNEL_BASE serves both, as on i386. */
#pragma once

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##ul
#endif

#define KERNEL_BASE UL(0xFFFFFFFF80000000)      /* physical memory is mapped here, up to... */
#define KERNEL_DIRECT_MAP_SIZE UL(0x3FC00000)   /* ...1 GiB less the 4 MiB below */
#define KERNEL_KMAP_BASE UL(0xFFFFFFFFBFC00000) /* 2 MiB of 4 KiB slots for frames beyond it */
#define KERNEL_MMIO_BASE UL(0xFFFFFFFFBFE00000)
#define USER_TOP UL(0x00007FFFFFFFF000) /* the app owns [USER_MIN, USER_TOP): Linux's TASK_SIZE */
#define USER_MIN UL(0x00010000)         /* the lowest 64 KiB are never mapped */
#define PAGE_SIZE 4096u
#define STACK_RND_PAGES                                                                            \
    0x400000u /* the stack top's randomisation: Linux's STACK_RND_MASK, 16 GiB */
#define MMAP_RND_PAGES (1u << 28) /* the mmap base's: 2^mmap_rnd_bits (28), 1 TiB */
#define PAGE_MASK (~(UL(4096) - 1))
