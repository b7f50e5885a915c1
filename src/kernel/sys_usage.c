/* What the app has used: times, getrusage and sysinfo. */
#include "kernel/app.h"
#include "kernel/cputime.h"
#include "kernel/errno.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define USER_HZ 100u /* clock_t's unit, AT_CLKTCK */
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_SELF 0
#define RUSAGE_THREAD 1

static uint32_t to_clock_t(uint64_t ns)
{
    return (uint32_t)(ns / (NSEC_PER_SEC / USER_HZ));
}

sword_t sys_times(uaddr_t buf)
{
    uint64_t utime, stime;
    cputime_split(&utime, &stime);
    uint32_t tms[4] = {to_clock_t(utime), to_clock_t(stime), 0, 0}; /* no children */
    if (buf && copy_to_user(buf, tms, sizeof(tms)))
        return -EFAULT;
    /* clock_t since boot (Linux counts from an arbitrary point: only differences matter) */
    return (int32_t)(to_clock_t(time_monotonic_ns()) & 0x7FFFFFFFu);
}

/* Pages the app holds, in KiB: what the kernel had free before loading it, less what is free. */
static uint32_t resident_kib(void)
{
    uint32_t free = pmm_free_count();
    return app.pages_at_start > free ? (app.pages_at_start - free) * 4 : 0;
}

sword_t sys_getrusage(word_t who, uaddr_t ru)
{
    struct {
        int32_t utime[2], stime[2];
        int32_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
        int32_t inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
    } r;
    _Static_assert(sizeof(r) == 72, "struct rusage layout");
    int32_t w = (int32_t)who;
    if (w != RUSAGE_SELF && w != RUSAGE_CHILDREN && w != RUSAGE_THREAD)
        return -EINVAL;
    memset(&r, 0, sizeof(r));
    if (w != RUSAGE_CHILDREN) {
        uint64_t utime, stime;
        cputime_split(&utime, &stime);
        r.utime[0] = (int32_t)(utime / NSEC_PER_SEC);
        r.utime[1] = (int32_t)(utime % NSEC_PER_SEC / 1000);
        r.stime[0] = (int32_t)(stime / NSEC_PER_SEC);
        r.stime[1] = (int32_t)(stime % NSEC_PER_SEC / 1000);
        uint32_t rss = resident_kib();
        if (rss > app.maxrss_kib)
            app.maxrss_kib = rss;
        r.maxrss = (int32_t)app.maxrss_kib;
    }
    return copy_to_user(ru, &r, sizeof(r));
}

sword_t sys_sysinfo(uaddr_t info)
{
    struct {
        int32_t uptime;
        uint32_t loads[3];
        uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
        uint16_t procs, pad;
        uint32_t totalhigh, freehigh, mem_unit;
        char f[8];
    } s;
    _Static_assert(sizeof(s) == 64, "struct sysinfo layout");
    memset(&s, 0, sizeof(s));
    uint64_t up = time_monotonic_ns();
    s.uptime = (int32_t)(up / NSEC_PER_SEC + (up % NSEC_PER_SEC ? 1 : 0)); /* as Linux rounds */
    s.totalram = app.pages_at_start * 4096u;
    s.freeram = pmm_free_count() * 4096u;
    s.procs = 1;
    s.mem_unit = 1;
    return copy_to_user(info, &s, sizeof(s));
}
