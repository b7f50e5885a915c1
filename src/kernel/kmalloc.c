/* Power-of-two size classes from 16 bytes to a page, each a free list carved from frames of the
   frame allocator. Pages of the small classes are never returned; whole pages are. */
#include "kernel/kmalloc.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"
#include <stdint.h>

#define MIN_SHIFT 4
#define CLASSES 9 /* 16 .. 4096 */

struct free_obj {
    struct free_obj *next;
};
static struct free_obj *free_list[CLASSES];

static int class_of(size_t n)
{
    int c = 0;
    while (((size_t)1 << (c + MIN_SHIFT)) < n)
        c++;
    return c;
}

void *kmalloc(size_t n)
{
    if (n == 0 || n > PAGE_SIZE)
        return NULL;
    int c = class_of(n);
    size_t size = (size_t)1 << (c + MIN_SHIFT);
    if (!free_list[c]) {
        uint32_t pa = pmm_alloc_kernel();
        if (!pa)
            return NULL;
        uint8_t *page = phys_to_virt(pa);
        for (size_t off = 0; off < PAGE_SIZE; off += size) {
            struct free_obj *o = (struct free_obj *)(page + off);
            o->next = free_list[c];
            free_list[c] = o;
        }
    }
    struct free_obj *o = free_list[c];
    free_list[c] = o->next;
    memset(o, 0, size);
    return o;
}

void kfree(void *p, size_t n)
{
    if (!p)
        return;
    if (n > PAGE_SIZE / 2) {
        pmm_free(virt_to_phys(p));
        return;
    }
    int c = class_of(n);
    struct free_obj *o = p;
    o->next = free_list[c];
    free_list[c] = o;
}
