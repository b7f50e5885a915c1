/* Proves the POSIX timers as Linux's: timer_create's checks (the clock, the sigevent, its
 * signal and notification) and its ids (from 0, one taken by each create that gets that far),
 * the default notification (SIGALRM with the id as its value), a one-shot and a periodic
 * timer's signal (SI_TIMER, si_timerid, si_value, and the periods missed while it was blocked
 * as si_overrun and timer_getoverrun), timer_gettime (what is left, the period; a disarmed or
 * spent timer's zero), timer_settime's old value, absolute times, SIGEV_NONE, a timer whose
 * signal is ignored going on, a CPU-time timer, and timer_delete. Also on Linux. */
#define _GNU_SOURCE
#include "report.h"
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_timer_settime /* i386's musl has 64-bit time: the calls that take it */
#define SYS_timer_settime SYS_timer_settime64
#define SYS_timer_gettime SYS_timer_gettime64
#endif

static int create(clockid_t clock, struct sigevent *ev, int *id)
{
    return (int)syscall(SYS_timer_create, clock, ev, id);
}

static struct itimerspec ms(long value, long interval)
{
    return (struct itimerspec){.it_value = {value / 1000, value % 1000 * 1000000},
                               .it_interval = {interval / 1000, interval % 1000 * 1000000}};
}

static long left_ms(int id)
{
    struct itimerspec cur;
    if (syscall(SYS_timer_gettime, id, &cur))
        return -1;
    return cur.it_value.tv_sec * 1000 + (cur.it_value.tv_nsec + 999999) / 1000000;
}

static void wait_for(int sig)
{
    sigset_t s;
    siginfo_t si;
    sigemptyset(&s);
    sigaddset(&s, sig);
    int got = sigwaitinfo(&s, &si);
    printf("  got %d code %d timerid %d value %d overrun %s\n", got, si.si_code, si.si_timerid,
           si.si_value.sival_int, si.si_overrun ? "> 0" : "0");
}

int main(void)
{
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &block, NULL);
    int id = -1, a, b, c;
    struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN};
    T(create(100, NULL, &id));
    T(create(CLOCK_MONOTONIC_RAW, NULL, &id));
    T(create(CLOCK_MONOTONIC, (struct sigevent *)16, &id));
    T(create(CLOCK_MONOTONIC, NULL, (int *)16)); /* takes id 0, then EFAULT */
    ev.sigev_notify = 99;
    T(create(CLOCK_MONOTONIC, &ev, &id)); /* takes id 1 */
    ev.sigev_notify = SIGEV_SIGNAL, ev.sigev_signo = 0;
    T(create(CLOCK_MONOTONIC, &ev, &id));
    ev.sigev_signo = 65;
    T(create(CLOCK_MONOTONIC, &ev, &id));
    ev.sigev_signo = SIGRTMIN, ev.sigev_value.sival_int = 77;
    T(create(CLOCK_MONOTONIC, NULL, &a));
    T(create(CLOCK_MONOTONIC, &ev, &b));
    printf("ids %d %d\n", a, b);

    /* One-shot, the default notification: SIGALRM with the id as its value. */
    struct itimerspec t = ms(20, 0), old;
    T(syscall(SYS_timer_settime, a, 0, &t, NULL));
    printf("left <= 20 ms: %d\n", left_ms(a) > 0 && left_ms(a) <= 20);
    wait_for(SIGALRM);
    printf("left after: %ld\n", left_ms(a));
    T(syscall(SYS_timer_getoverrun, a));

    /* Periodic, its signal blocked for 10 periods: the overrun counts what was missed. */
    t = ms(10, 10);
    T(syscall(SYS_timer_settime, b, 0, &t, NULL));
    usleep(100000);
    wait_for(SIGRTMIN);
    printf("getoverrun > 0: %d\n", syscall(SYS_timer_getoverrun, b) > 0);
    struct itimerspec cur;
    T(syscall(SYS_timer_gettime, b, &cur));
    printf("interval %ld ns, left within it: %d\n", cur.it_interval.tv_nsec,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
               cur.it_value.tv_nsec <= 10000000);
    t = ms(5000, 0);
    T(syscall(SYS_timer_settime, b, 0, &t, &old));
    printf("old interval %ld ns\n", old.it_interval.tv_nsec);
    printf("left within 5 s: %d\n", left_ms(b) > 4900 && left_ms(b) <= 5000);
    t = ms(0, 0);
    T(syscall(SYS_timer_settime, b, 0, &t, &old));
    printf("disarmed: left %ld\n", left_ms(b));
    T(syscall(SYS_timer_settime, b, 0, NULL, NULL));
    t.it_value.tv_nsec = 1000000000;
    T(syscall(SYS_timer_settime, b, 0, &t, NULL));
    T(syscall(SYS_timer_settime, 999, 0, &t, NULL));

    /* Absolute, on CLOCK_MONOTONIC. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    t = (struct itimerspec){.it_value = {now.tv_sec, now.tv_nsec + 20000000}};
    if (t.it_value.tv_nsec >= 1000000000)
        t.it_value.tv_sec++, t.it_value.tv_nsec -= 1000000000;
    T(syscall(SYS_timer_settime, b, TIMER_ABSTIME, &t, NULL));
    wait_for(SIGRTMIN);

    /* SIGEV_NONE: never a signal; a spent one-shot reads 0, a periodic one goes on. */
    ev.sigev_notify = SIGEV_NONE;
    T(create(CLOCK_MONOTONIC, &ev, &c));
    t = ms(1, 0);
    T(syscall(SYS_timer_settime, c, 0, &t, NULL));
    usleep(20000);
    printf("none, spent: left %ld\n", left_ms(c));
    t = ms(10, 10);
    T(syscall(SYS_timer_settime, c, 0, &t, NULL));
    usleep(25000);
    printf("none, periodic: left within a period: %d\n", left_ms(c) > 0 && left_ms(c) <= 10);

    /* Its signal ignored (and not blocked): dropped, and a periodic timer goes on. */
    int e;
    signal(SIGRTMIN + 2, SIG_IGN);
    ev.sigev_notify = SIGEV_SIGNAL, ev.sigev_signo = SIGRTMIN + 2;
    T(create(CLOCK_MONOTONIC, &ev, &e));
    t = ms(10, 10);
    T(syscall(SYS_timer_settime, e, 0, &t, NULL));
    usleep(55000);
    printf("ignored: left within a period: %d, pending: %d\n", left_ms(e) > 0 && left_ms(e) <= 10,
           sigpending(&block) == 0 && sigismember(&block, SIGRTMIN + 2));
    T(syscall(SYS_timer_delete, e));

    /* CPU time: it runs while the program does. */
    ev.sigev_signo = SIGRTMIN;
    int d;
    T(create(CLOCK_PROCESS_CPUTIME_ID, &ev, &d));
    t = ms(30, 0);
    T(syscall(SYS_timer_settime, d, 0, &t, NULL));
    sigset_t pending;
    for (volatile unsigned long spin = 0;; spin++)
        if (!(spin & 0xFFFF) && sigpending(&pending) == 0 && sigismember(&pending, SIGRTMIN))
            break;
    wait_for(SIGRTMIN);

    T(syscall(SYS_timer_delete, a));
    T(syscall(SYS_timer_delete, a));
    T(syscall(SYS_timer_gettime, a, &cur));
    T(syscall(SYS_timer_getoverrun, a));
    T(syscall(SYS_timer_delete, b));
    T(syscall(SYS_timer_delete, c));
    T(syscall(SYS_timer_delete, d));
    return 0;
}
