/* mmap.c: mmap() on mmap2(2), whose offset counts 4096-byte pages. */
#include "syscall.h"
#include <errno.h>
#include <sys/mman.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (off & 4095) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    return (void *)__syscall_ret(
        (unsigned long)__syscall(SYS_mmap2, addr, len, prot, flags, fd, off >> 12));
}
