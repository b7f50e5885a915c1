/* vdprintf.c: format straight onto an fd, through an unbuffered stack FILE. */
#include "stdio_impl.h"

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
    /* Unbuffered: vfprintf lends it a small buffer for the call, as musl does. */
    FILE f = {.fd = fd, .line_buffered = 0};

    return vfprintf(&f, fmt, ap);
}
