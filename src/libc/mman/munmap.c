/* munmap.c: munmap(2). */
#include "syscall.h"
#include <sys/mman.h>

int munmap(void *addr, size_t len)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_munmap, addr, len));
}
