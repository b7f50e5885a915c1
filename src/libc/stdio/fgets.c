/* fgets.c: read a line (up to n-1 bytes, keeping the '\n') from a stream. */
#include <stdio.h>

char *fgets(char *restrict s, int n, FILE *restrict f)
{
    int i = 0, c = 0;

    if (n <= 0)
        return NULL;
    while (i < n - 1 && c != '\n') {
        c = fgetc(f);
        if (c == EOF)
            break;
        s[i++] = (char)c;
    }
    if (!i && n > 1)
        return NULL;
    s[i] = 0;
    return s;
}
