/* clock_gettime (32- and 64-bit time) and nanosleep. */
#include "arch/x86/cpu.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define NSEC_PER_SEC 1000000000ull

/* The clock's value in ns, or -1 for an unknown clock. The app is all that runs, so its CPU
   clocks are the time since boot. */
static int64_t clock_ns(uint32_t clock)
{
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        return (int64_t)time_realtime_ns();
    case CLOCK_MONOTONIC:
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        return (int64_t)time_monotonic_ns();
    default:
        return -1;
    }
}

/* The time as struct timespec with 32-bit fields (clock_gettime) or 64-bit ones
   (clock_gettime64, which musl tries first). */
static int32_t clock_gettime_common(uint32_t clock, uint32_t ts, bool wide)
{
    int64_t ns = clock_ns(clock);
    if (ns < 0)
        return -EINVAL;
    uint64_t sec = (uint64_t)ns / NSEC_PER_SEC, nsec = (uint64_t)ns % NSEC_PER_SEC;
    int64_t t64[2] = {(int64_t)sec, (int64_t)nsec};
    int32_t t32[2] = {(int32_t)sec, (int32_t)nsec};
    return wide ? copy_to_user(ts, t64, sizeof(t64)) : copy_to_user(ts, t32, sizeof(t32));
}

int32_t sys_clock_gettime(uint32_t clock, uint32_t ts)
{
    return clock_gettime_common(clock, ts, false);
}

int32_t sys_clock_gettime64(uint32_t clock, uint32_t ts)
{
    return clock_gettime_common(clock, ts, true);
}

int32_t sys_nanosleep(uint32_t req, uint32_t rem)
{
    int32_t t[2];
    if (copy_from_user(t, req, sizeof(t)))
        return -EFAULT;
    if (t[0] < 0 || t[1] < 0 || (uint32_t)t[1] >= NSEC_PER_SEC)
        return -EINVAL;
    uint64_t now, deadline = time_monotonic_ns() + (uint64_t)t[0] * NSEC_PER_SEC + (uint32_t)t[1];
    while ((now = time_monotonic_ns()) < deadline) {
        if (sig_deliverable()) {
            uint64_t left = deadline - now;
            int32_t r[2] = {(int32_t)(left / NSEC_PER_SEC), (int32_t)(left % NSEC_PER_SEC)};
            if (rem && copy_to_user(rem, r, sizeof(r)))
                return -EFAULT;
            return -EINTR;
        }
        cpu_wait();
    }
    return 0;
}
