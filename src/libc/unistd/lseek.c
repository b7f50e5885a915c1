/* lseek.c: lseek(2) with the 32-bit off_t. */
#include "syscall.h"
#include <unistd.h>

off_t lseek(int fd, off_t off, int whence)
{
    return __syscall_ret((unsigned long)__syscall(SYS_lseek, fd, off, whence));
}
