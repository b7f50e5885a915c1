/* i386's first id calls, with 16-bit ids (Linux's kernel/uid16.c): the 32-bit calls behind
   them, a 16-bit -1 widened to -1, and an id above 65535 reported as the overflow id, 65534. */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include <stddef.h>

/* The 16-bit id widened, 0xFFFF to -1: one more, its low 16 bits, one less, without a branch
   (7 bytes at each of its 19 uses where a compare took 14). */
static uint32_t high(uint32_t id)
{
    return ((id + 1) & 0xFFFF) - 1;
}

sword_t sys_chown16(word_t upath, uint32_t uid, uint32_t gid)
{
    return sys_chown32(upath, high(uid), high(gid));
}

sword_t sys_lchown16(word_t upath, uint32_t uid, uint32_t gid)
{
    return sys_lchown32(upath, high(uid), high(gid));
}

sword_t sys_fchown16(uint32_t fd, uint32_t uid, uint32_t gid)
{
    return sys_fchown32(fd, high(uid), high(gid));
}

sword_t sys_setuid16(uint32_t uid)
{
    return sys_setuid(high(uid));
}

sword_t sys_setgid16(uint32_t gid)
{
    return sys_setgid(high(gid));
}

sword_t sys_setreuid16(uint32_t ruid, uint32_t euid)
{
    return sys_setreuid(high(ruid), high(euid));
}

sword_t sys_setregid16(uint32_t rgid, uint32_t egid)
{
    return sys_setregid(high(rgid), high(egid));
}

sword_t sys_setresuid16(uint32_t ruid, uint32_t euid, uint32_t suid)
{
    return sys_setresuid(high(ruid), high(euid), high(suid));
}

sword_t sys_setresgid16(uint32_t rgid, uint32_t egid, uint32_t sgid)
{
    return sys_setresgid(high(rgid), high(egid), high(sgid));
}

/* The old id as it is, above 65535 too, as Linux's (it does not narrow it). */
sword_t sys_setfsuid16(uint32_t uid)
{
    return sys_setfsuid(high(uid));
}

sword_t sys_setfsgid16(uint32_t gid)
{
    return sys_setfsgid(high(gid));
}

/* The id at off in cred, as the 16-bit calls see it: one copy of the narrowing for the four
   get*id16, each of which passes only its id's place. */
static __attribute__((noinline)) sword_t id16(size_t off)
{
    return (sword_t)cred_id16(*(const uint32_t *)((const char *)&cred + off));
}

sword_t sys_getuid16(void)
{
    return id16(offsetof(struct cred, uid));
}

sword_t sys_geteuid16(void)
{
    return id16(offsetof(struct cred, euid));
}

sword_t sys_getgid16(void)
{
    return id16(offsetof(struct cred, gid));
}

sword_t sys_getegid16(void)
{
    return id16(offsetof(struct cred, egid));
}

sword_t sys_getresuid16(uaddr_t ruid, uaddr_t euid, uaddr_t suid)
{
    return cred_get_res(false, ruid, euid, suid, true);
}

sword_t sys_getresgid16(uaddr_t rgid, uaddr_t egid, uaddr_t sgid)
{
    return cred_get_res(true, rgid, egid, sgid, true);
}

sword_t sys_getgroups16(uint32_t size, uaddr_t list)
{
    return cred_get_groups(size, list, true);
}

sword_t sys_setgroups16(uint32_t size, uaddr_t list)
{
    return cred_set_groups(size, list, true);
}
