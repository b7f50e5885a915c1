/* calloc.c: zeroed memory for an array, refusing counts whose product overflows. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *calloc(size_t count, size_t size)
{
    void *p;

    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    p = malloc(count * size);
    return p ? memset(p, 0, count * size) : NULL;
}
