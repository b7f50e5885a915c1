/* vfprintf.c: format onto a stream. */
#include "format.h"
#include "stdio_impl.h"

struct file_sink {
    struct fmt_sink base;
    FILE *f;
};

static void file_put(struct fmt_sink *sink, const char *s, size_t n)
{
    __fwritex((const unsigned char *)s, n, ((struct file_sink *)sink)->f);
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
    struct file_sink sink = {{file_put}, f};
    unsigned char tmp[80]; /* musl's size, so long lines split the same way */
    unsigned old_err = f->flags & F_ERR;
    int r;

    /* An unbuffered stream borrows a buffer for the call, so one printf is one write(). */
    if (!f->size) {
        f->buf = tmp;
        f->size = sizeof tmp;
    }
    f->flags &= ~F_ERR;
    r = __fmt_format(&sink.base, fmt, ap);
    if (f->buf == tmp) {
        __stdio_flush(f);
        f->buf = NULL;
        f->size = 0;
    }
    if (f->flags & F_ERR)
        r = -1;
    f->flags |= old_err;
    return r;
}
