/* syscall_ret.c: the one place a raw syscall result (-errno) becomes errno and -1. */
#include "syscall.h"
#include <errno.h>

long __syscall_ret(unsigned long r)
{
    if (r > -4096UL) {
        errno = (int)-r;
        return -1;
    }
    return (long)r;
}
