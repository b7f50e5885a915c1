/* The x86_64 vDSO: clock_gettime, gettimeofday and time read the kernel's clock page
   (kernel/time.h) and the TSC in ring 3, as the kernel itself would compute them, so they
   never enter the kernel; a clock the page does not give (the CPU-time clocks), or no TSC
   rate, falls back to the system call. getcpu: the one CPU. */
#include "kernel/time.h"

#include <stddef.h>

/* Linux's clock id and system call numbers, as the x86_64 ABI has them. */
#define CLOCK_REALTIME 0
#define NR_gettimeofday 96
#define NR_time 201
#define NR_clock_gettime 228

struct timespec_64 {
    int64_t sec, nsec;
};
struct timeval_64 {
    int64_t sec, usec;
};
struct timezone_64 {
    int32_t minuteswest, dsttime;
};

extern const volatile struct clock_page vdso_clock __attribute__((visibility("hidden")));

static long syscall2(long nr, long a, long b)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return r;
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

/* The clock's nanoseconds, read consistently; false when the page does not give it (a CPU-time
   clock, or no TSC rate: the kernel then counts ticks, which only it can see). Inlined: a call
   would cost clock_gettime a tenth of its instructions (issue 13: no more than Linux's). */
static inline __attribute__((always_inline)) bool clock_read(uint32_t id, uint64_t *ns)
{
    const volatile struct clock_page *c = &vdso_clock;
    uint32_t seq;
    do {
        while ((seq = c->seq) & 1)
            ;
        __asm__ volatile("" ::: "memory");
        uint64_t mult = c->clock[id].mult;
        if (!mult)
            return false;
        *ns = c->clock[id].base_ns + mul_shr32(rdtsc() - c->clock[id].base_tsc, mult);
        __asm__ volatile("" ::: "memory");
    } while (c->seq != seq);
    return true;
}

int __vdso_clock_gettime(int clock, struct timespec_64 *ts);
int __vdso_clock_gettime(int clock, struct timespec_64 *ts)
{
    uint64_t ns;
    if ((uint32_t)clock >= CLOCK_IDS || !clock_read((uint32_t)clock, &ns))
        return (int)syscall2(NR_clock_gettime, clock, (long)ts);
    ts->sec = (int64_t)(ns / NSEC_PER_SEC);
    ts->nsec = (int64_t)(ns % NSEC_PER_SEC);
    return 0;
}

int __vdso_gettimeofday(struct timeval_64 *tv, struct timezone_64 *tz);
int __vdso_gettimeofday(struct timeval_64 *tv, struct timezone_64 *tz)
{
    uint64_t ns;
    if (!clock_read(CLOCK_REALTIME, &ns))
        return (int)syscall2(NR_gettimeofday, (long)tv, (long)tz);
    if (tv) {
        tv->sec = (int64_t)(ns / NSEC_PER_SEC);
        tv->usec = (int64_t)(ns % NSEC_PER_SEC / 1000);
    }
    if (tz) { /* what settimeofday set, as the system call says (Linux's vDSO reads it too) */
        tz->minuteswest = vdso_clock.tz_minuteswest;
        tz->dsttime = vdso_clock.tz_dsttime;
    }
    return 0;
}

long __vdso_time(long *t);
long __vdso_time(long *t)
{
    uint64_t ns;
    if (!clock_read(CLOCK_REALTIME, &ns))
        return syscall2(NR_time, (long)t, 0);
    long now = (long)(ns / NSEC_PER_SEC);
    if (t)
        *t = now;
    return now;
}

int __vdso_getcpu(unsigned *cpu, unsigned *node, void *cache);
int __vdso_getcpu(unsigned *cpu, unsigned *node, void *cache)
{
    if (cpu)
        *cpu = 0;
    if (node)
        *node = 0;
    return 0;
}

int clock_gettime(int, struct timespec_64 *) __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct timeval_64 *, struct timezone_64 *)
    __attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
int getcpu(unsigned *, unsigned *, void *) __attribute__((weak, alias("__vdso_getcpu")));
