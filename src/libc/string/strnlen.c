/* strnlen.c: length of a string, looking at no more than max bytes. */
#include <string.h>

size_t strnlen(const char *s, size_t max)
{
    const char *end = memchr(s, 0, max);

    return end ? (size_t)(end - s) : max;
}
