/* strncmp.c: compare at most n bytes of two strings. */
#include <string.h>

int strncmp(const char *a, const char *b, size_t n)
{
    if (!n)
        return 0;
    for (; --n && *a && *a == *b; a++, b++)
        ;
    return *(const unsigned char *)a - *(const unsigned char *)b;
}
