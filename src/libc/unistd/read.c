/* read.c: read(2). */
#include "syscall.h"
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t n)
{
    return __syscall_ret((unsigned long)__syscall(SYS_read, fd, buf, n));
}
