/* writev.c: writev(2). */
#include "syscall.h"
#include <sys/uio.h>

ssize_t writev(int fd, const struct iovec *iov, int count)
{
    return __syscall_ret((unsigned long)__syscall(SYS_writev, fd, iov, count));
}
