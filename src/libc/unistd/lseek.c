/* lseek.c: lseek(2) with off_t a long (32-bit on i386, 64-bit on x86_64). */
#include "syscall.h"
#include <unistd.h>

off_t lseek(int fd, off_t off, int whence)
{
    return __syscall_ret((unsigned long)__syscall(SYS_lseek, fd, off, whence));
}
