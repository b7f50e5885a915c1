/* Proves the app cannot stop the kernel's clock or hold off its signals with long work:
 * `longop.elf MODE`.
 *   write-intr   a 16 MiB write (of '\r', which the test runner drops) to the console, with a
 *                SIGALRM due in 20 ms: it stops early with the count written so far, as a
 *                Linux tty write does, and the handler has run; then the same with writev.
 *   write-ticks  a 512 KiB write with a 2 ms interval timer running under SA_RESTART, written
 *                on until done: timer interrupts keep arriving, in every quarter of the data
 *                (counted against the data written, not a clock, so a host that stalls the
 *                guest cannot fail it).
 *   clock        keeps the kernel busy from its first instruction (unmapping 512 MiB over and
 *                over, each call holding ticks off) while the kernel once calibrated its
 *                clock, then sleeps 2 s: with a skewed clock that took many times longer
 *                (the case's timeout catches it; the app has no clock of its own). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define BIG (16u << 20)

static volatile int alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void handle(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
}

static void timer(long first_us, long every_us)
{
    struct itimerval it = {{0, every_us}, {0, first_us}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static char *cr_buffer(size_t len)
{
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    memset(p, '\r', len);
    return p;
}

static void write_intr(void)
{
    char *p = cr_buffer(BIG);
    if (!p) {
        printf("mmap: %s\n", strerror(errno));
        return;
    }
    handle(0);
    alarms = 0;
    timer(20000, 0);
    ssize_t n = write(1, p, BIG);
    printf("write of 16 MiB with SIGALRM in 20 ms: stopped early with a count: %s, "
           "handler ran: %s\n",
           n > 0 && n < (ssize_t)BIG ? "yes" : "no", alarms == 1 ? "yes" : "no");
    alarms = 0;
    timer(20000, 0);
    struct iovec iov[2] = {{p, BIG / 2}, {p + BIG / 2, BIG / 2}};
    n = writev(1, iov, 2);
    printf("writev of 2 x 8 MiB with SIGALRM in 20 ms: stopped early with a count: %s, "
           "handler ran: %s\n",
           n > 0 && n < (ssize_t)BIG ? "yes" : "no", alarms == 1 ? "yes" : "no");
}

static void write_ticks(void)
{
    size_t len = 512u << 10;
    char *p = cr_buffer(len);
    if (!p)
        return;
    handle(SA_RESTART);
    alarms = 0;
    timer(2000, 2000);
    size_t done = 0;
    int calls = 0, quiet = 0, seen[4] = {0};
    while (done < len) {
        int before = alarms;
        ssize_t n = write(1, p + done, len - done);
        if (n <= 0)
            break;
        /* Which quarter of the data the write ended in, and whether a tick came. */
        seen[(done + (size_t)n - 1) / (len / 4)] += alarms - before;
        done += (size_t)n, calls++;
    }
    timer(0, 0);
    for (int q = 0; q < 4; q++)
        quiet += !seen[q];
    printf("512 KiB written in pieces: %s; SIGALRMs arrived throughout: %s\n",
           done == len && calls > 1 ? "yes" : "no", quiet == 0 ? "yes" : "no");
}

static void clock_check(void)
{
    /* The kernel once calibrated its clock in the first few dozen ticks after boot: keep it
       busy then, in long system calls that held ticks off (unmapping 512 MiB of nothing). */
    for (int i = 0; i < 40; i++)
        munmap((void *)0x40000000, 0x20000000);
    struct timespec ts = {2, 0};
    double t0 = now_ms();
    nanosleep(&ts, NULL);
    double ms = now_ms() - t0;
    printf("nanosleep(2 s) returned; the clock saw 2 s or more: %s\n", ms >= 2000 ? "yes" : "no");
    handle(0);
    alarms = 0;
    t0 = now_ms();
    timer(200000, 0);
    while (!alarms)
        pause();
    ms = now_ms() - t0;
    printf("a 200 ms timer measures 200-400 ms on the clock: %s\n",
           ms >= 200 && ms <= 400 ? "yes" : "no");
}

int main(int argc, char **argv)
{
    const char *m = argc > 1 ? argv[1] : "";
    if (strcmp(m, "clock") == 0) { /* first thing, before any output */
        clock_check();
        return 0;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("%s\n", m);
    if (strcmp(m, "write-intr") == 0)
        write_intr();
    else if (strcmp(m, "write-ticks") == 0)
        write_ticks();
    else
        printf("usage: longop.elf write-intr|write-ticks|clock\n");
    return 0;
}
