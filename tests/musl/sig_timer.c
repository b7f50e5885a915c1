/* Proves alarm, setitimer and getitimer (ITIMER_REAL) and the EINTR rules as on Linux:
 * alarm returns the seconds left; bad arguments give EINVAL; SIGALRM (si_code SI_KERNEL)
 * reaches a pure compute loop with no syscalls in it; a periodic timer keeps ticking;
 * pause, sigsuspend and nanosleep end with EINTR after a handler, nanosleep filling in the
 * time left, even with SA_RESTART; an ignored or blocked SIGALRM does not interrupt a sleep.
 * `sig_timer.elf read` and `read-restart` (moat-only: stdin is the console) check that
 * read() waiting for input fails with EINTR without SA_RESTART, and is restarted with it. */
#include "sig.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static volatile int ticks;
static volatile int code;

static void tick(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    code = si->si_code;
    ticks++;
}

static void arm(long usec, long interval)
{
    struct itimerval it = {{interval / 1000000, interval % 1000000},
                           {usec / 1000000, usec % 1000000}};
    if (setitimer(ITIMER_REAL, &it, NULL))
        printf("setitimer failed: %s\n", errname(errno));
}

static void report(const char *what, long r)
{
    printf("%s -> %ld %s\n", what, r, r == -1 ? errname(errno) : "");
    errno = 0;
}

static void timers(void)
{
    printf("alarm(5) -> %u\n", alarm(5));
    printf("alarm(3) -> %u\n", alarm(3));
    printf("alarm(0) -> %u\n", alarm(0));
    printf("alarm(0) -> %u\n", alarm(0));

    struct itimerval it = {{0, 250000}, {1, 500000}}, old, now;
    setitimer(ITIMER_REAL, &it, NULL);
    getitimer(ITIMER_REAL, &now);
    long left = now.it_value.tv_sec * 1000000L + now.it_value.tv_usec;
    printf("getitimer: interval %ld.%06ld, value in (1.4 s, 1.5 s]: %s\n",
           (long)now.it_interval.tv_sec, (long)now.it_interval.tv_usec,
           left > 1400000 && left <= 1500000 ? "yes" : "no");
    struct itimerval zero = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &zero, &old);
    printf("setitimer(0) returned the old interval %ld.%06ld\n", (long)old.it_interval.tv_sec,
           (long)old.it_interval.tv_usec);
    getitimer(ITIMER_REAL, &now);
    printf("disarmed: %s\n", now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0 ? "yes" : "no");
    struct itimerval bad = {{0, 0}, {0, 1000000}};
    report("setitimer(tv_usec 1000000)", setitimer(ITIMER_REAL, &bad, NULL));
    bad.it_value.tv_usec = -1;
    report("setitimer(tv_usec -1)", setitimer(ITIMER_REAL, &bad, NULL));
    report("setitimer(which 7)", syscall(SYS_setitimer, 7, &zero, NULL));
    report("getitimer(which 7)", syscall(SYS_getitimer, 7, &now));
    report("getitimer(bad pointer)", syscall(SYS_getitimer, ITIMER_REAL, (void *)16));
    report("setitimer(bad pointer)", syscall(SYS_setitimer, ITIMER_REAL, (void *)16, NULL));

    on(SIGALRM, tick, SA_SIGINFO);
    ticks = 0;
    arm(30000, 0);
    unsigned long spins = 0;
    while (!ticks)
        spins++;
    printf("SIGALRM reached a compute loop: ticks=%d si_code=%d\n", ticks, code);

    ticks = 0;
    arm(5000, 5000);
    while (ticks < 5)
        spins++;
    arm(0, 0);
    printf("periodic timer ticked %s5 times\n", ticks >= 5 ? ">=" : "<");
}

static void interrupts(void)
{
    on(SIGALRM, tick, SA_SIGINFO);
    ticks = 0;
    arm(20000, 0);
    int r = pause();
    printf("pause -> %d %s, ticks=%d\n", r, errname(errno), ticks);

    sigset_t alrm, none;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    arm(20000, 0);
    r = sigsuspend(&none);
    printf("sigsuspend -> %d %s, ticks=%d\n", r, errname(errno), ticks);
    arm(20000, 0);
    siginfo_t si;
    struct timespec limit = {5, 0};
    r = sigtimedwait(&alrm, &si, &limit);
    printf("sigtimedwait -> %s si_code=%d, ticks=%d\n", signame(r), si.si_code, ticks);
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);

    for (int restart = 0; restart < 2; restart++) {
        on(SIGALRM, tick, SA_SIGINFO | (restart ? SA_RESTART : 0));
        arm(50000, 0);
        struct timespec t = {2, 0}, rem = {0, 0};
        errno = 0;
        r = nanosleep(&t, &rem);
        long left = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
        printf("nanosleep(2 s)%s -> %d %s, rem in (1 s, 2 s): %s, ticks=%d\n",
               restart ? " with SA_RESTART" : "", r, errname(errno),
               left > 1000 && left < 2000 ? "yes" : "no", ticks);
    }

    on(SIGALRM, SIG_IGN, 0);
    arm(20000, 0);
    struct timespec t = {0, 100000000}, rem = {9, 9};
    errno = 0;
    r = nanosleep(&t, &rem);
    printf("nanosleep(100 ms), SIGALRM ignored -> %d %s\n", r, errname(errno));
    on(SIGALRM, tick, SA_SIGINFO);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    arm(20000, 0);
    r = nanosleep(&t, NULL);
    sigset_t p;
    sigpending(&p);
    printf("nanosleep(100 ms), SIGALRM blocked -> %d, pending %d\n", r, sigismember(&p, SIGALRM));
    int before = ticks;
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    printf("unblocked: handler ran %d time(s)\n", ticks - before);
}

static void tick_then_exit(int sig)
{
    (void)sig;
    if (++ticks == 3) {
        hprintf("read still waiting after 3 SIGALRMs: restarted each time\n");
        _exit(0);
    }
}

static void reads(int restart)
{
    if (restart) {
        on(SIGALRM, tick_then_exit, SA_RESTART);
        arm(100000, 100000);
    } else {
        on(SIGALRM, tick, SA_SIGINFO);
        arm(200000, 0);
    }
    char buf[16];
    errno = 0;
    ssize_t n = read(0, buf, sizeof buf);
    printf("read -> %zd %s, ticks=%d\n", n, errname(errno), ticks);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "read") == 0)
        reads(0);
    else if (argc > 1 && strcmp(argv[1], "read-restart") == 0)
        reads(1);
    else {
        timers();
        interrupts();
    }
    printf("done\n");
    return 0;
}
