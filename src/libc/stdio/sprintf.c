/* sprintf.c: format into a buffer the caller promises is big enough. */
#include <stdio.h>

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsprintf(buf, fmt, ap);
    va_end(ap);
    return r;
}
