/* Proves nanosleep (162) sleeps at least the time asked (measured on CLOCK_MONOTONIC),
 * returns 0 for a zero sleep, and refuses bad requests: tv_nsec >= 1e9 or negative, or a
 * negative tv_sec, give -EINVAL; NULL or kernel pointers give -EFAULT. */
#include "raw.h"

static void sleep_for(const char *what, int32_t sec, int32_t nsec)
{
    struct r_timespec req = {sec, nsec};
    int64_t t0 = now_ns(R_CLOCK_MONOTONIC);
    int32_t r = sys2(__NR_nanosleep, &req, 0);
    int64_t dt = now_ns(R_CLOCK_MONOTONIC) - t0;
    show(what, r);
    fact("  slept at least that long", dt >= (int64_t)sec * 1000000000 + nsec);
    fact("  and less than 10 s more", dt < (int64_t)sec * 1000000000 + nsec + 10000000000LL);
}

static void bad(const char *what, int32_t sec, int32_t nsec)
{
    struct r_timespec req = {sec, nsec};
    show(what, sys2(__NR_nanosleep, &req, 0));
}

int main(void)
{
    sleep_for("nanosleep(0 s)", 0, 0);
    sleep_for("nanosleep(1 ms)", 0, 1000000);
    sleep_for("nanosleep(50 ms)", 0, 50000000);
    sleep_for("nanosleep(1.25 s)", 1, 250000000);
    struct r_timespec rem = {7, 7};
    struct r_timespec req = {0, 1000000};
    show("nanosleep(1 ms, &rem)", sys2(__NR_nanosleep, &req, &rem));
    bad("nanosleep(nsec 1e9)", 0, 1000000000);
    bad("nanosleep(nsec -1)", 0, -1);
    bad("nanosleep(sec -1)", -1, 0);
    show("nanosleep(NULL)", sys2(__NR_nanosleep, 0, 0));
    show("nanosleep(0xc0000000)", sys2(__NR_nanosleep, KERNEL_LO, 0));
    return 0;
}
