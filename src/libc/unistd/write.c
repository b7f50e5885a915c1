/* write.c: write(2). */
#include "syscall.h"
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n)
{
    return __syscall_ret((unsigned long)__syscall(SYS_write, fd, buf, n));
}
