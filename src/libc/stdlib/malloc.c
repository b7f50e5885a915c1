/* malloc.c: malloc, free and realloc: size classes on brk, a mapping each for big blocks. */
#include "malloc_impl.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HEAP_STEP (64 * 1024) /* grow the break in steps this big */
#define PAGE 4096u

static void *free_lists[MALLOC_CLASSES];
static uintptr_t heap_top, heap_end; /* unused tail of the current heap chunk */

/* Carves n bytes from the heap, growing the break, or mapping a chunk if brk refuses. */
static void *heap_take(size_t n)
{
    uintptr_t grow, p;
    void *chunk;

    if (heap_end - heap_top < n) {
        grow = (n + HEAP_STEP - 1) & ~(uintptr_t)(HEAP_STEP - 1);
        chunk = sbrk((intptr_t)grow);
        if (chunk == (void *)-1) {
            chunk = mmap(NULL, grow, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (chunk == MAP_FAILED)
                return NULL;
        }
        /* Contiguous with the old chunk unless someone else moved the break meanwhile. */
        if ((uintptr_t)chunk != heap_end)
            heap_top = ((uintptr_t)chunk + MALLOC_ALIGN - 1) & ~(uintptr_t)(MALLOC_ALIGN - 1);
        heap_end = (uintptr_t)chunk + grow;
        if (heap_end - heap_top < n)
            return heap_take(n);
    }
    p = heap_top;
    heap_top += n;
    return (void *)p;
}

static void *alloc_small(unsigned cls)
{
    size_t size = (size_t)1 << (cls + MALLOC_MIN_SHIFT);
    struct malloc_hdr *h = free_lists[cls];

    if (h) {
        free_lists[cls] = *(void **)(h + 1);
    } else {
        h = heap_take(sizeof *h + size);
        if (!h)
            return NULL;
        h->size = size;
        h->cls = cls;
    }
    h->magic = MALLOC_LIVE;
    return h + 1;
}

static void *alloc_mapped(size_t n)
{
    size_t len = (sizeof(struct malloc_hdr) + n + PAGE - 1) & ~(size_t)(PAGE - 1);
    struct malloc_hdr *h;

    h = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (h == MAP_FAILED)
        return NULL;
    h->size = len - sizeof *h;
    h->cls = MALLOC_MMAPPED;
    h->magic = MALLOC_LIVE;
    return h + 1;
}

void *malloc(size_t n)
{
    unsigned cls = 0;
    void *p;

    if (n > SIZE_MAX / 2) {
        errno = ENOMEM;
        return NULL;
    }
    while (cls < MALLOC_CLASSES && ((size_t)1 << (cls + MALLOC_MIN_SHIFT)) < n)
        cls++;
    p = cls < MALLOC_CLASSES ? alloc_small(cls) : alloc_mapped(n);
    if (!p)
        errno = ENOMEM;
    return p;
}

struct malloc_hdr *__malloc_hdr(void *p)
{
    struct malloc_hdr *h = (struct malloc_hdr *)p - 1;

    if ((uintptr_t)p % MALLOC_ALIGN || h->magic != MALLOC_LIVE)
        abort(); /* a double free or a pointer malloc never returned */
    return h;
}

void free(void *p)
{
    struct malloc_hdr *h;

    if (!p)
        return;
    h = __malloc_hdr(p);
    h->magic = MALLOC_FREE;
    if (h->cls == MALLOC_MMAPPED) {
        munmap(h, sizeof *h + h->size);
        return;
    }
    *(void **)p = free_lists[h->cls];
    free_lists[h->cls] = h;
}

void *realloc(void *p, size_t n)
{
    struct malloc_hdr *h;
    void *q;

    if (!p)
        return malloc(n);
    h = __malloc_hdr(p);
    if (n <= h->size)
        return p;
    q = malloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, h->size);
    free(p);
    return q;
}
