/* strcmp.c: compare two strings as unsigned chars. */
#include <string.h>

int strcmp(const char *a, const char *b)
{
    for (; *a && *a == *b; a++, b++)
        ;
    return *(const unsigned char *)a - *(const unsigned char *)b;
}
