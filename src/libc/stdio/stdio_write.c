/* stdio_write.c: write a whole buffer to a stream's fd, retrying short writes. */
#include "stdio_impl.h"
#include <errno.h>
#include <unistd.h>

int __stdio_write(FILE *f, const void *p, size_t n)
{
    const char *s = p;
    ssize_t r;

    while (n) {
        r = write(f->fd, s, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            f->flags |= F_ERR;
            return -1;
        }
        s += r;
        n -= (size_t)r;
    }
    return 0;
}
