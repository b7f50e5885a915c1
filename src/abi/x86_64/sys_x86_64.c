/* The system calls whose x86_64 form differs from i386's only in how the arguments arrive: a
   64-bit offset or length in one register (i386 splits it in two, or has a page offset), or
   struct statfs's size implied (i386's statfs64 passes it). Each calls the generic handler. */
#include "abi/x86_64/sys_x86_64.h"
#include "abi/x86_64/uapi.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include <mode/layout.h>

/* The generic handlers' two words of a 64-bit value. fds and flags are ints (unsigned int
   fd, as Linux takes them): their upper halves are not part of the call. */
#define LO(v) ((v)&0xFFFFFFFFu)
#define HI(v) ((v) >> 32)

/* As Linux x86_64's mmap: the offset in bytes, page-aligned, or -EINVAL. */
sword_t sys_x86_64_mmap(uaddr_t addr, word_t len, word_t prot, word_t flags, word_t fd, word_t off)
{
    if (off & ~PAGE_MASK)
        return -EINVAL;
    return sys_mmap2(addr, len, prot, (uint32_t)flags, (uint32_t)fd, off / PAGE_SIZE);
}

/* pos is a loff_t: a negative one is -EINVAL, as the generic handlers check. */
sword_t sys_x86_64_pread64(word_t fd, uaddr_t buf, word_t count, word_t pos)
{
    return sys_pread64((uint32_t)fd, buf, count, LO(pos), HI(pos));
}

sword_t sys_x86_64_pwrite64(word_t fd, uaddr_t buf, word_t count, word_t pos)
{
    return sys_pwrite64((uint32_t)fd, buf, count, LO(pos), HI(pos));
}

sword_t sys_x86_64_truncate(uaddr_t path, word_t len)
{
    return sys_truncate64(path, LO(len), HI(len));
}

sword_t sys_x86_64_ftruncate(word_t fd, word_t len)
{
    return sys_ftruncate64((uint32_t)fd, LO(len), HI(len));
}

sword_t sys_x86_64_fallocate(word_t fd, word_t mode, word_t off, word_t len)
{
    return sys_fallocate((uint32_t)fd, (uint32_t)mode, LO(off), HI(off), LO(len), HI(len));
}

sword_t sys_x86_64_statfs(uaddr_t path, uaddr_t buf)
{
    return sys_statfs64(path, sizeof(struct statfs_64), buf);
}

sword_t sys_x86_64_fstatfs(word_t fd, uaddr_t buf)
{
    return sys_fstatfs64((uint32_t)fd, sizeof(struct statfs_64), buf);
}
