/* getauxval.c: look up a tag in the auxv the loader left above envp. */
#include "libc.h"
#include <errno.h>
#include <sys/auxv.h>

unsigned long getauxval(unsigned long type)
{
    size_t *a;

    for (a = __auxv; a && a[0] != AT_NULL; a += 2)
        if (a[0] == type)
            return a[1];
    errno = ENOENT;
    return 0;
}
