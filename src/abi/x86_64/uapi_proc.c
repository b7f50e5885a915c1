/* The process calls' structures, between the kernel's forms and Linux x86_64's: tms, rusage,
   sysinfo, new_utsname (whose machine is "x86_64"), rlimit, rlimit64 and the robust futex
   list's head. */
#include "abi/x86_64/ia32.h"
#include "abi/x86_64/uapi.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/errno.h"
#include "kernel/rlimit.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

word_t abi_robust_list_head_size(void)
{
    IA32_CONVERT(robust_list_head_size);
    return sizeof(struct robust_list_head_64);
}

int abi_tms_to_user(uaddr_t ubuf, const struct tms_k *t)
{
    IA32_CONVERT(tms_to_user, ubuf, t);
    struct tms_64 e = {.utime = (int64_t)t->utime,
                       .stime = (int64_t)t->stime,
                       .cutime = (int64_t)t->cutime,
                       .cstime = (int64_t)t->cstime};
    return copy_to_user(ubuf, &e, sizeof(e));
}

int abi_rusage_to_user(uaddr_t ubuf, const struct rusage_k *r)
{
    IA32_CONVERT(rusage_to_user, ubuf, r);
    struct rusage_64 e = {.utime = {r->utime.sec, r->utime.usec},
                          .stime = {r->stime.sec, r->stime.usec},
                          .maxrss = r->maxrss};
    return copy_to_user(ubuf, &e, sizeof(e));
}

int abi_sysinfo_to_user(uaddr_t ubuf, const struct sysinfo_k *s)
{
    IA32_CONVERT(sysinfo_to_user, ubuf, s);
    struct sysinfo_64 e = {.uptime = s->uptime,
                           .totalram = s->totalram,
                           .freeram = s->freeram,
                           .procs = s->procs,
                           .mem_unit = s->mem_unit};
    return copy_to_user(ubuf, &e, sizeof(e));
}

int abi_utsname_to_user(uaddr_t ubuf, const struct utsname_k *u)
{
    struct new_utsname_64 e;
    memset(&e, 0, sizeof(e));
    strlcpy(e.sysname, u->sysname, sizeof(e.sysname));
    strlcpy(e.nodename, u->nodename, sizeof(e.nodename));
    strlcpy(e.release, u->release, sizeof(e.release));
    strlcpy(e.version, u->version, sizeof(e.version));
    /* Linux x86_64's UTS_MACHINE, or its compat one under PER_LINUX32 (override_architecture) */
    strlcpy(e.machine, (app.personality & 0xFF) == PER_LINUX32 ? "i686" : "x86_64",
            sizeof(e.machine));
    strlcpy(e.domainname, u->domainname, sizeof(e.domainname));
    return copy_to_user(ubuf, &e, sizeof(e));
}

/* The app's "no limit" is ~0UL; the kernel's is RLIM_INFINITY (kernel/rlimit.h), which may be
   narrower: a limit at or above it is no limit, as Linux's compat getrlimit clamps. */
static word_t limit_from_user(uint64_t v)
{
    return v >= RLIM_INFINITY ? RLIM_INFINITY : (word_t)v;
}

static uint64_t limit_to_user(word_t v)
{
    return v == RLIM_INFINITY ? RLIM_INFINITY_64 : v;
}

int abi_rlimit_from_user(uaddr_t ubuf, struct rlimit_k *r)
{
    IA32_CONVERT(rlimit_from_user, ubuf, r);
    struct rlimit_64 e;
    if (copy_from_user(&e, ubuf, sizeof(e)))
        return -EFAULT;
    *r = (struct rlimit_k){.cur = limit_from_user(e.cur), .max = limit_from_user(e.max)};
    return 0;
}

int abi_rlimit_to_user(uaddr_t ubuf, const struct rlimit_k *r)
{
    IA32_CONVERT(rlimit_to_user, ubuf, r);
    struct rlimit_64 e = {.cur = limit_to_user(r->cur), .max = limit_to_user(r->max)};
    return copy_to_user(ubuf, &e, sizeof(e));
}

/* struct rlimit64 is struct rlimit's bytes on x86_64; its values are the kernel's own. */
int abi_rlimit64_from_user(uaddr_t ubuf, struct rlimit64_k *r)
{
    IA32_CONVERT(rlimit64_from_user, ubuf, r);
    struct rlimit_64 e;
    if (copy_from_user(&e, ubuf, sizeof(e)))
        return -EFAULT;
    *r = (struct rlimit64_k){.cur = e.cur, .max = e.max};
    return 0;
}

int abi_rlimit64_to_user(uaddr_t ubuf, const struct rlimit64_k *r)
{
    IA32_CONVERT(rlimit64_to_user, ubuf, r);
    struct rlimit_64 e = {.cur = r->cur, .max = r->max};
    return copy_to_user(ubuf, &e, sizeof(e));
}
