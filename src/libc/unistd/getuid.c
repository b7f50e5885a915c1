/* getuid.c: the user and group ids (the 32-bit-id syscalls, as musl uses); none can fail. */
#include "syscall.h"
#include <unistd.h>

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
