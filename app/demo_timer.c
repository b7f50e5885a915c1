/* demo_timer.c: the demo's timer chapter: SIGALRM ticks arrive while main computes. */
#include "demo.h"
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

#define TICK_US 10000 /* a SIGALRM every 10 ms */
#define PRIME_LIMIT 1000000
#define PRIMES_BELOW_LIMIT 78498 /* pi(10^6) */

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

/* Trial division: no system calls, no memory but the stack; only the timer interrupts it. */
static int count_primes(int limit)
{
    int count = limit > 2;

    for (int n = 3; n < limit; n += 2) {
        int d = 3;
        while (d * d <= n && n % d)
            d += 2;
        count += d * d > n;
    }
    return count;
}

int demo_timer(void)
{
    struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = SA_RESTART};
    struct itimerval every = {{0, TICK_US}, {0, TICK_US}}, off = {{0, 0}, {0, 0}};
    int primes, seen, failed = 0;

    printf("Timer: setitimer(ITIMER_REAL) sends SIGALRM every %d ms while I count primes.\n",
           TICK_US / 1000);
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, 0);
    setitimer(ITIMER_REAL, &every, 0);
    primes = count_primes(PRIME_LIMIT);
    setitimer(ITIMER_REAL, &off, 0);
    seen = ticks;
    printf("  %d primes below %d; %d tick%s arrived while the loop ran\n", primes, PRIME_LIMIT,
           seen, seen == 1 ? "" : "s");
    failed += demo_check(primes == PRIMES_BELOW_LIMIT,
                         "every interruption left the loop's registers intact");
    failed += demo_check(seen > 0, "the timer interrupted a loop that never called the kernel");
    return failed;
}
