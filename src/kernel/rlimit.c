/* getrlimit, ugetrlimit, setrlimit and prlimit64, with Linux's defaults and rules: a soft
   limit never above the hard one, and only CAP_SYS_RESOURCE raises a hard limit. */
#include "kernel/rlimit.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"

#define NR_OPEN 1048576u         /* Linux's fs.nr_open: RLIMIT_NOFILE's ceiling */
#define SIGPENDING_DEFAULT 1024u /* Linux's is max_threads / 2: this is a small machine's */
#define RLIM64_INFINITY 0xFFFFFFFFFFFFFFFFull

/* Linux's INIT_RLIMITS, with fork_init's NPROC and SIGPENDING. */
struct rlimit_k rlimits[RLIM_NLIMITS] = {
    [RLIMIT_CPU] = {RLIM_INFINITY, RLIM_INFINITY},
    [RLIMIT_FSIZE] = {RLIM_INFINITY, RLIM_INFINITY},
    [RLIMIT_DATA] = {RLIM_INFINITY, RLIM_INFINITY},
    [RLIMIT_STACK] = {8u << 20, RLIM_INFINITY},
    [RLIMIT_CORE] = {0, RLIM_INFINITY},
    [RLIMIT_RSS] = {RLIM_INFINITY, RLIM_INFINITY},
    [RLIMIT_NPROC] = {SIGPENDING_DEFAULT, SIGPENDING_DEFAULT},
    [RLIMIT_NOFILE] = {1024, 4096},
    [RLIMIT_MEMLOCK] = {8u << 20, 8u << 20},
    [RLIMIT_AS] = {RLIM_INFINITY, RLIM_INFINITY},
    [RLIMIT_LOCKS] = {RLIM_INFINITY, RLIM_INFINITY},
    [RLIMIT_SIGPENDING] = {SIGPENDING_DEFAULT, SIGPENDING_DEFAULT},
    [RLIMIT_MSGQUEUE] = {819200, 819200},
    [RLIMIT_NICE] = {0, 0},
    [RLIMIT_RTPRIO] = {0, 0},
    [RLIMIT_RTTIME] = {RLIM_INFINITY, RLIM_INFINITY},
};

/* Linux's do_prlimit: read the old limits into *old and set the new ones, either may be 0. */
static int32_t prlimit(uint32_t resource, const struct rlimit_k *new, struct rlimit_k *old)
{
    if (resource >= RLIM_NLIMITS)
        return -EINVAL;
    if (new) {
        if (new->cur > new->max)
            return -EINVAL;
        if (resource == RLIMIT_NOFILE && new->max > NR_OPEN)
            return -EPERM;
    }
    if (new &&new->max > rlimits[resource].max && !capable(CAP_SYS_RESOURCE))
        return -EPERM;
    if (old)
        *old = rlimits[resource];
    if (new)
        rlimits[resource] = *new;
    return 0;
}

/* getrlimit and ugetrlimit: the limits, each cut to at most most (ugetrlimit's
   RLIM_INFINITY cuts nothing). */
static sword_t get_rlimit(uint32_t resource, uaddr_t rlim, word_t most)
{
    struct rlimit_k r;
    int32_t err = prlimit(resource, 0, &r);
    if (err)
        return err;
    if (r.cur > most)
        r.cur = most;
    if (r.max > most)
        r.max = most;
    return abi_rlimit_to_user(rlim, &r);
}

sword_t sys_ugetrlimit(uint32_t resource, uaddr_t rlim)
{
    return get_rlimit(resource, rlim, RLIM_INFINITY);
}

sword_t sys_getrlimit(uint32_t resource, uaddr_t rlim)
{
    /* The old call: limits are signed there, so "none" reads as 0x7fffffff. */
    return get_rlimit(resource, rlim, 0x7FFFFFFFu);
}

sword_t sys_setrlimit(uint32_t resource, uaddr_t rlim)
{
    struct rlimit_k r;
    if (abi_rlimit_from_user(rlim, &r))
        return -EFAULT;
    return prlimit(resource, &r, 0);
}

static word_t from64(uint64_t v)
{
    return v >= RLIM_INFINITY ? RLIM_INFINITY : (word_t)v;
}

static uint64_t to64(word_t v)
{
    return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

sword_t sys_prlimit64(uint32_t pid, uint32_t resource, uaddr_t new_rlim, uaddr_t old_rlim)
{
    struct rlimit_k new, old;
    if (new_rlim) {
        struct rlimit64_k n;
        if (abi_rlimit64_from_user(new_rlim, &n))
            return -EFAULT;
        new = (struct rlimit_k){from64(n.cur), from64(n.max)};
    }
    if (pid && pid != APP_PID)
        return -ESRCH;
    int32_t err = prlimit(resource, new_rlim ? &new : 0, old_rlim ? &old : 0);
    if (err || !old_rlim)
        return err;
    struct rlimit64_k o = {to64(old.cur), to64(old.max)};
    return abi_rlimit64_to_user(old_rlim, &o);
}
