/* fputc.c: write one byte to a stream (putc is the same function). */
#include "stdio_impl.h"

int fputc(int c, FILE *f)
{
    unsigned char b = (unsigned char)c;

    return __fwritex(&b, 1, f) == 1 ? b : EOF;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}
