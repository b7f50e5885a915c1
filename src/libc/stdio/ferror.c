/* ferror.c: a stream's error and end-of-file state, and its fd. */
#include "stdio_impl.h"

int feof(FILE *f)
{
    return !!(f->flags & F_EOF);
}

int ferror(FILE *f)
{
    return !!(f->flags & F_ERR);
}

void clearerr(FILE *f)
{
    f->flags &= ~(F_EOF | F_ERR);
}

int fileno(FILE *f)
{
    return f->fd;
}
