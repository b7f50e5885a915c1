/* vsnprintf.c: format into a buffer of n bytes, always NUL-terminated when n > 0. */
#include "format.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

struct buf_sink {
    struct fmt_sink base;
    char *buf;
    size_t room; /* bytes left for text, keeping one for the NUL */
};

static void buf_put(struct fmt_sink *sink, const char *s, size_t n)
{
    struct buf_sink *b = (struct buf_sink *)sink;
    size_t k = n < b->room ? n : b->room;

    memcpy(b->buf, s, k);
    b->buf += k;
    b->room -= k;
}

int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
{
    char dummy;
    struct buf_sink b = {{buf_put}, n ? buf : &dummy, n ? n - 1 : 0};
    int r;

    if (n > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    r = __fmt_format(&b.base, fmt, ap);
    *b.buf = 0;
    return r;
}
