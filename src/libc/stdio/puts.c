/* puts.c: write a string and a newline to stdout. */
#include <stdio.h>

int puts(const char *s)
{
    return fputs(s, stdout) < 0 || fputc('\n', stdout) < 0 ? EOF : 0;
}
