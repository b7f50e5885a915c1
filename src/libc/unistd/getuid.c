/* getuid.c: the user and group ids (the 32-bit-id syscalls, as musl uses); none can fail. */
#include "syscall.h"
#include <unistd.h>

/* i386 has 16-bit ids under the old numbers; x86_64's ids are 32-bit under the plain names. */
#ifndef SYS_getuid32
#define SYS_getuid32 SYS_getuid
#define SYS_geteuid32 SYS_geteuid
#define SYS_getgid32 SYS_getgid
#define SYS_getegid32 SYS_getegid
#endif

uid_t getuid(void)
{
    return (uid_t)__syscall(SYS_getuid32);
}

uid_t geteuid(void)
{
    return (uid_t)__syscall(SYS_geteuid32);
}

gid_t getgid(void)
{
    return (gid_t)__syscall(SYS_getgid32);
}

gid_t getegid(void)
{
    return (gid_t)__syscall(SYS_getegid32);
}
