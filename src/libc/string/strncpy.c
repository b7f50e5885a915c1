/* strncpy.c: copy at most n bytes of a string, padding the rest of dst with NULs. */
#include <string.h>

char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
    size_t i = 0;

    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = 0;
    return dst;
}
