/* vprintf.c: format onto stdout. */
#include <stdio.h>

int vprintf(const char *restrict fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}
