/* strncat.c: append at most n bytes of a string, always adding a NUL. */
#include <string.h>

char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
    char *d = dst + strlen(dst);

    for (; n && *src; n--)
        *d++ = *src++;
    *d = 0;
    return dst;
}
