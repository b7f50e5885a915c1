/* memcpy.c: copy n bytes between buffers that do not overlap. */
#include <stdint.h>
#include <string.h>

/* may_alias: the word copy reads and writes through a type other than the buffers' own. */
typedef size_t __attribute__((__may_alias__)) word_t;

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    /* Word copies when both are aligned alike: most copies are, and it is 4x fewer steps. */
    if ((((uintptr_t)d ^ (uintptr_t)s) & (sizeof(word_t) - 1)) == 0) {
        for (; n && ((uintptr_t)d & (sizeof(word_t) - 1)); n--)
            *d++ = *s++;
        for (; n >= sizeof(word_t); n -= sizeof(word_t)) {
            *(word_t *)(void *)d = *(const word_t *)(const void *)s;
            d += sizeof(word_t);
            s += sizeof(word_t);
        }
    }
    for (; n; n--)
        *d++ = *s++;
    return dst;
}
