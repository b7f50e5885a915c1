/* qsort.c: heapsort: O(n log n) always, no recursion, no extra memory (not stable). */
#include <stdlib.h>

static void swap(char *a, char *b, size_t size)
{
    char t;

    for (; size; size--, a++, b++) {
        t = *a;
        *a = *b;
        *b = t;
    }
}

/* Moves element i down the max-heap of n elements until both children are smaller. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
                      int (*cmp)(const void *, const void *))
{
    size_t child;

    while ((child = 2 * i + 1) < n) {
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + i * size, base + child * size) >= 0)
            return;
        swap(base + i * size, base + child * size, size);
        i = child;
    }
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char *b = base;
    size_t i;

    if (n < 2 || !size)
        return;
    for (i = n / 2; i-- > 0;)
        sift_down(b, i, n, size, cmp);
    for (i = n - 1; i > 0; i--) {
        swap(b, b + i * size, size);
        sift_down(b, 0, i, size, cmp);
    }
}
