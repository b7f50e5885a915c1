/* Power-of-two size classes from 16 bytes to a page, each a free list and the rest of its newest
   frame from the frame allocator. Pages of the small classes are never returned; whole pages
   are. */
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
static uint8_t *fresh[CLASSES]; /* the class's newest page, never handed out from here on */

static int class_of(size_t n)
{
    int c = 0;
    while (((size_t)1 << (c + MIN_SHIFT)) < n)
        c++;
    return c;
}

/* Objects come from the free list, else from the newest page, which is handed out in turn
   rather than threaded onto the list (boot would pay for 256 links in a page of 16-byte
   objects). A fresh object is zero already: pmm_alloc_kernel cleared its page. */
void *kmalloc(size_t n)
{
    if (n == 0 || n > PAGE_SIZE)
        return NULL;
    int c = class_of(n);
    size_t size = (size_t)1 << (c + MIN_SHIFT);
    struct free_obj *o = free_list[c];
    if (o) {
        free_list[c] = o->next;
        memset(o, 0, size);
        return o;
    }
    if (!fresh[c]) {
        uintptr_t pa = pmm_alloc_kernel();
        if (!pa)
            return NULL;
        fresh[c] = phys_to_virt(pa);
    }
    void *p = fresh[c];
    fresh[c] += size;
    if (((uintptr_t)fresh[c] & ~PAGE_MASK) == 0) /* the page is used up */
        fresh[c] = 0;
    return p;
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
