/* fprintf.c: format onto a stream. */
#include <stdio.h>

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}
