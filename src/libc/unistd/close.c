/* close.c: close(2). */
#include "syscall.h"
#include <unistd.h>

int close(int fd)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_close, fd));
}
