/* ungetc.c: push one byte back onto an input stream (one byte of push-back). */
#include "stdio_impl.h"

int ungetc(int c, FILE *f)
{
    if (c == EOF || f->unget)
        return EOF;
    f->unget = (unsigned char)c + 1;
    f->flags &= ~F_EOF;
    return (unsigned char)c;
}
