/* dprintf.c: format straight onto an fd. */
#include <stdio.h>

int dprintf(int fd, const char *restrict fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vdprintf(fd, fmt, ap);
    va_end(ap);
    return r;
}
