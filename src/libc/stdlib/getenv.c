/* getenv.c: look a name up in environ. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *getenv(const char *name)
{
    size_t n = strlen(name);
    char **e;

    if (!environ || !n || strchr(name, '='))
        return NULL;
    for (e = environ; *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}
