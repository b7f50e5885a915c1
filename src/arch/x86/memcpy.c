/* memcpy and memset with the string instructions, whole words first: each iteration counts
   once, so a word at a time is four times fewer (the compiler may also emit calls to them). */
#include "kernel/string.h"

#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n)
{
    void *d = dst;
    size_t words = n / 4, bytes = n % 4;
    __asm__ volatile("rep movsl\n\tmov %3, %%ecx\n\trep movsb"
                     : "+D"(d), "+S"(src), "+c"(words)
                     : "r"(bytes)
                     : "memory");
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    void *d = dst;
    size_t words = n / 4, bytes = n % 4;
    uint32_t v = (uint8_t)c * 0x01010101u;
    __asm__ volatile("rep stosl\n\tmov %3, %%ecx\n\trep stosb"
                     : "+D"(d), "+c"(words)
                     : "a"(v), "r"(bytes)
                     : "memory");
    return dst;
}
