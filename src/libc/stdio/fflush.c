/* fflush.c: write out a stream's buffered bytes (all streams for NULL). */
#include "stdio_impl.h"

int __stdio_flush(FILE *f)
{
    size_t n = f->wlen;

    f->wlen = 0;
    return n && __stdio_write(f, f->buf, n) ? EOF : 0;
}

int fflush(FILE *f)
{
    if (f)
        return __stdio_flush(f);
    /* Only output streams hold bytes; stderr is unbuffered. */
    return __stdio_flush(stdout);
}
