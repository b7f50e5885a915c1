/* fgetc.c: read one byte from a stream, refilling its buffer with read() (getc too). */
#include "stdio_impl.h"
#include <errno.h>
#include <unistd.h>

int fgetc(FILE *f)
{
    ssize_t n;
    int c;

    if (f->unget) {
        c = f->unget - 1;
        f->unget = 0;
        return c;
    }
    if (f->rpos < f->rlen)
        return f->buf[f->rpos++];
    if (f->flags & F_EOF)
        return EOF;
    do
        n = read(f->fd, f->buf, f->size);
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        f->flags |= n ? F_ERR : F_EOF;
        return EOF;
    }
    f->rlen = (size_t)n;
    f->rpos = 1;
    return f->buf[0];
}

int getc(FILE *f)
{
    return fgetc(f);
}
