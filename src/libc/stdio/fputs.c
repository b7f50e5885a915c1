/* fputs.c: write a string to a stream, with no newline added. */
#include "stdio_impl.h"
#include <string.h>

int fputs(const char *restrict s, FILE *restrict f)
{
    size_t n = strlen(s);

    return __fwritex((const unsigned char *)s, n, f) == n ? 0 : EOF;
}
