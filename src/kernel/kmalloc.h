/* The kernel's small-object allocator, for the file tree's nodes, names and open files. */
#pragma once

#include <stddef.h>

/* n bytes (at most 4096), zero-filled, or NULL when memory is exhausted. */
void *kmalloc(size_t n);
/* Give back an object kmalloc(n) returned, with the same n. */
void kfree(void *p, size_t n);
