/* open.c: open(2); the mode argument is read only when the flags can create a file. */
#include "syscall.h"
#include <fcntl.h>
#include <stdarg.h>

int open(const char *path, int flags, ...)
{
    unsigned mode = 0;
    va_list ap;

    if (flags & O_CREAT) {
        va_start(ap, flags);
        mode = va_arg(ap, unsigned);
        va_end(ap);
    }
    return (int)__syscall_ret((unsigned long)__syscall(SYS_open, path, flags | O_LARGEFILE, mode));
}
