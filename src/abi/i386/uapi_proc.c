/* The process calls' structures, between the kernel's forms and Linux i386's: tms, rusage,
   sysinfo, new_utsname (whose machine is "i686"), rlimit, rlimit64 and the robust futex
   list's head. */
#include "abi/i386/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/rlimit.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

word_t abi_robust_list_head_size(void)
{
    return sizeof(struct robust_list_head_32);
}

int abi_tms_to_user(uaddr_t ubuf, const struct tms_k *t)
{
    struct tms_32 e = {.utime = (int32_t)t->utime,
                       .stime = (int32_t)t->stime,
                       .cutime = (int32_t)t->cutime,
                       .cstime = (int32_t)t->cstime};
    return copy_to_user(ubuf, &e, sizeof(e));
}

int abi_rusage_to_user(uaddr_t ubuf, const struct rusage_k *r)
{
    struct rusage_32 e = {.utime = {(int32_t)r->utime.sec, (int32_t)r->utime.usec},
                          .stime = {(int32_t)r->stime.sec, (int32_t)r->stime.usec},
                          .maxrss = (int32_t)r->maxrss};
    return copy_to_user(ubuf, &e, sizeof(e));
}

int abi_sysinfo_to_user(uaddr_t ubuf, const struct sysinfo_k *s)
{
    struct sysinfo_32 e = {.uptime = (int32_t)s->uptime,
                           .totalram = (uint32_t)s->totalram,
                           .freeram = (uint32_t)s->freeram,
                           .procs = s->procs,
                           .mem_unit = s->mem_unit};
    return copy_to_user(ubuf, &e, sizeof(e));
}

int abi_utsname_to_user(uaddr_t ubuf, const struct utsname_k *u)
{
    struct new_utsname_32 e;
    memset(&e, 0, sizeof(e));
    strlcpy(e.sysname, u->sysname, sizeof(e.sysname));
    strlcpy(e.nodename, u->nodename, sizeof(e.nodename));
    strlcpy(e.release, u->release, sizeof(e.release));
    strlcpy(e.version, u->version, sizeof(e.version));
    strlcpy(e.machine, "i686", sizeof(e.machine)); /* Linux i386's UTS_MACHINE */
    strlcpy(e.domainname, u->domainname, sizeof(e.domainname));
    return copy_to_user(ubuf, &e, sizeof(e));
}

/* i386's rlim_t is 32 bits and its ~0 means no limit: under a 64-bit kernel (int $0x80) that
   is RLIM_INFINITY, and a limit past 32 bits reads as ~0, as Linux's compat calls have it. */
static word_t rlim_from_32(uint32_t v)
{
    return v == 0xFFFFFFFFu ? RLIM_INFINITY : v;
}

static uint32_t rlim_to_32(uint64_t v)
{
    return v > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)v;
}

int abi_rlimit_from_user(uaddr_t ubuf, struct rlimit_k *r)
{
    struct rlimit_32 e;
    if (copy_from_user(&e, ubuf, sizeof(e)))
        return -EFAULT;
    *r = (struct rlimit_k){.cur = rlim_from_32(e.cur), .max = rlim_from_32(e.max)};
    return 0;
}

int abi_rlimit_to_user(uaddr_t ubuf, const struct rlimit_k *r)
{
    struct rlimit_32 e = {.cur = rlim_to_32(r->cur), .max = rlim_to_32(r->max)};
    return copy_to_user(ubuf, &e, sizeof(e));
}

int abi_rlimit64_from_user(uaddr_t ubuf, struct rlimit64_k *r)
{
    struct rlimit64_32 e;
    if (copy_from_user(&e, ubuf, sizeof(e)))
        return -EFAULT;
    *r = (struct rlimit64_k){.cur = e.cur, .max = e.max};
    return 0;
}

int abi_rlimit64_to_user(uaddr_t ubuf, const struct rlimit64_k *r)
{
    struct rlimit64_32 e = {.cur = r->cur, .max = r->max};
    return copy_to_user(ubuf, &e, sizeof(e));
}
