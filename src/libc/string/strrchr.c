/* strrchr.c: last occurrence of a char in a string (the NUL itself can be found). */
#include <string.h>

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}
