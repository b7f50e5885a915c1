/* malloc_impl.h (internal): the block header that malloc, free and realloc share. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define MALLOC_ALIGN 16
#define MALLOC_MIN_SHIFT 4   /* smallest class: 16 bytes */
#define MALLOC_CLASSES 13    /* 16 B .. 64 KiB, powers of two */
#define MALLOC_MMAPPED 0xffu /* class of a block that has its own mapping */

/*
 * Every block is a 16-byte header followed by the payload, so payloads are 16-aligned.
 * Small blocks come from the brk heap in power-of-two classes and return to a per-class
 * free list; big ones get their own anonymous mapping and are unmapped on free.
 */
struct malloc_hdr {
    size_t size;    /* payload bytes the block can hold */
    uint32_t magic; /* MALLOC_LIVE or MALLOC_FREE: catches frees of junk and double frees */
    uint32_t cls;   /* class index, or MALLOC_MMAPPED */
} __attribute__((aligned(MALLOC_ALIGN)));

_Static_assert(sizeof(struct malloc_hdr) == MALLOC_ALIGN, "header keeps payloads aligned");

#define MALLOC_LIVE 0x6d6f6174u /* "moat" */
#define MALLOC_FREE 0x66726565u /* "free" */

/* The header of a payload from malloc; aborts on a pointer malloc did not hand out. */
struct malloc_hdr *__malloc_hdr(void *p);
