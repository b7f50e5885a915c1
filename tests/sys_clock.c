/* Proves clock_gettime (265): CLOCK_MONOTONIC and CLOCK_REALTIME advance while the app
 * spins, tv_nsec stays below 1e9, a bad clock id gives -EINVAL and bad pointers -EFAULT. */
#include "raw.h"

static int valid(const struct r_timespec *t)
{
    return t->tv_sec >= 0 && t->tv_nsec >= 0 && t->tv_nsec < 1000000000;
}

static void check_clock(const char *name, int32_t id)
{
    struct r_timespec a, b;
    put(name);
    put(":\n");
    show("  first read", sys2(__NR_clock_gettime, id, &a));
    /* Spin until at least 20 ms have passed on this clock, or give up after many reads. */
    int64_t t0 = (int64_t)a.tv_sec * 1000000000 + a.tv_nsec, t1 = t0;
    int valid_all = valid(&a);
    for (uint32_t i = 0; i < 50000000 && t1 - t0 < 20000000; i++) {
        sys2(__NR_clock_gettime, id, &b);
        valid_all &= valid(&b);
        int64_t t = (int64_t)b.tv_sec * 1000000000 + b.tv_nsec;
        if (t < t1 && id == R_CLOCK_MONOTONIC)
            put("  went backwards\n");
        t1 = t;
    }
    fact("  advanced by 20 ms", t1 - t0 >= 20000000);
    fact("  tv_nsec always in [0, 1e9)", valid_all);
}

int main(void)
{
    check_clock("CLOCK_MONOTONIC", R_CLOCK_MONOTONIC);
    check_clock("CLOCK_REALTIME", R_CLOCK_REALTIME);
    struct r_timespec t;
    show("clock_gettime(99, &t)", sys2(__NR_clock_gettime, 99, &t));
    show("clock_gettime(MONOTONIC, NULL)", sys2(__NR_clock_gettime, R_CLOCK_MONOTONIC, 0));
    show("clock_gettime(MONOTONIC, 0xc0000000)",
         sys2(__NR_clock_gettime, R_CLOCK_MONOTONIC, KERNEL_LO));
    show("clock_gettime(REALTIME, 0xfffffffc) (wraps)",
         sys2(__NR_clock_gettime, R_CLOCK_REALTIME, 0xfffffffcu));
    uint8_t *ro = map_pages(1, R_PROT_READ);
    show("clock_gettime(MONOTONIC, read-only page)",
         sys2(__NR_clock_gettime, R_CLOCK_MONOTONIC, ro));
    return 0;
}
