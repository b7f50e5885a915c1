/* The i386 address-space layout: Linux's 3G/1G split. */
#pragma once

#define KERNEL_BASE 0xC0000000u            /* physical memory is mapped here, up to... */
#define KERNEL_DIRECT_MAP_SIZE 0x3FC00000u /* ...1 GiB less the 4 MiB below */
#define KERNEL_KMAP_BASE 0xFFC00000u /* 2 MiB of 4 KiB slots for frames beyond the direct map */
#define KERNEL_MMIO_BASE 0xFFE00000u
#define USER_TOP KERNEL_BASE /* the app owns [USER_MIN, USER_TOP) */
#define USER_MIN 0x00010000u /* the lowest 64 KiB are never mapped */
#define PAGE_SIZE 4096u
#define STACK_RND_PAGES 2048u /* the stack top's randomisation: Linux's STACK_RND_MASK, 8 MiB */
#define MMAP_RND_PAGES 256u   /* the mmap base's: 2^mmap_rnd_bits (8), 1 MiB */
#define PAGE_MASK (~(PAGE_SIZE - 1))
