/* mmap.c: mmap(): mmap2(2) on i386, whose offset counts 4096-byte pages; mmap(2) on x86_64. */
#include "syscall.h"
#include <errno.h>
#include <sys/mman.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (off & 4095) {
        errno = EINVAL;
        return MAP_FAILED;
    }
#ifdef SYS_mmap2
    return (void *)__syscall_ret(
        (unsigned long)__syscall(SYS_mmap2, addr, len, prot, flags, fd, off >> 12));
#else
    return (void *)__syscall_ret(
        (unsigned long)__syscall(SYS_mmap, addr, len, prot, flags, fd, off));
#endif
}
