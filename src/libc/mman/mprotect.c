/* mprotect.c: mprotect(2). */
#include "syscall.h"
#include <sys/mman.h>

int mprotect(void *addr, size_t len, int prot)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_mprotect, addr, len, prot));
}
