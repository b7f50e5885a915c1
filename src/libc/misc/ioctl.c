/* ioctl.c: ioctl(2), with the one optional argument passed through as a word. */
#include "syscall.h"
#include <stdarg.h>
#include <sys/ioctl.h>

int ioctl(int fd, int request, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, request);
    arg = va_arg(ap, void *);
    va_end(ap);
    return (int)__syscall_ret((unsigned long)__syscall(SYS_ioctl, fd, request, arg));
}
