/* What the app has used: times, getrusage and sysinfo. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cputime.h"
#include "kernel/errno.h"
#include "kernel/pmm.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"

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
    struct tms_k t = {.utime = to_clock_t(utime), .stime = to_clock_t(stime)}; /* no children */
    if (buf && abi_tms_to_user(buf, &t))
        return -EFAULT;
    /* clock_t since boot (Linux counts from an arbitrary point: only differences matter), as
       a 32-bit kernel keeps it clear of the error range */
    return (sword_t)(to_clock_t(time_monotonic_ns()) & ((word_t)-1 >> 1));
}

/* Pages the app holds, in KiB: what the kernel had free before loading it, less what is free. */
static uint32_t resident_kib(void)
{
    uint32_t free = pmm_free_count();
    return app.pages_at_start > free ? (app.pages_at_start - free) * 4 : 0;
}

sword_t sys_getrusage(uint32_t who, uaddr_t ru)
{
    struct rusage_k r = {{0, 0}, {0, 0}, 0}; /* RUSAGE_CHILDREN: there are none */
    int32_t w = (int32_t)who;
    if (w != RUSAGE_SELF && w != RUSAGE_CHILDREN && w != RUSAGE_THREAD)
        return -EINVAL;
    if (w != RUSAGE_CHILDREN) {
        uint64_t utime, stime;
        cputime_split(&utime, &stime);
        r.utime = time_timeval(utime);
        r.stime = time_timeval(stime);
        uint32_t rss = resident_kib();
        if (rss > app.maxrss_kib)
            app.maxrss_kib = rss;
        r.maxrss = (sword_t)app.maxrss_kib;
    }
    return abi_rusage_to_user(ru, &r);
}

sword_t sys_sysinfo(uaddr_t info)
{
    uint64_t up = time_monotonic_ns();
    struct sysinfo_k s = {
        .uptime = (sword_t)((up + NSEC_PER_SEC - 1) / NSEC_PER_SEC), /* up, as Linux rounds */
        .totalram = app.pages_at_start * 4096u,
        .freeram = pmm_free_count() * 4096u,
        .procs = 1,
        .mem_unit = 1};
    return abi_sysinfo_to_user(info, &s);
}
