/* Proves the calls real programs make at start-up and after answer as Linux i386's do
 * (issue 10's list): time and gettimeofday (NULL arguments too), the resource limits,
 * prctl, the affinity calls, sched_yield and getcpu, madvise (MADV_DONTNEED zero-fills),
 * poll/ppoll/select/_newselect/pselect6 on the console (readiness, timeouts, signal masks,
 * EINTR), getrandom, sysinfo, times, getrusage, the CPU-time clocks, ITIMER_VIRTUAL and
 * ITIMER_PROF, set_robust_list, futex for one thread, clock_nanosleep, getgroups, and the
 * file calls on paths that do not exist (and fcntl on the console's fds). Values that differ
 * between machines are shown only as "sane". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *)16)  /* below the lowest mapping on both */
#define OTHER_PID 4000000 /* above pid_max: no such process */
/* Linux i386's numbers, for the calls musl's headers name differently (time64) */
#define NR_time 13
#define NR_gettimeofday 78
#define NR_select 82
#define NR_newselect 142
#define NR_ugetrlimit 191
#define NR_getrlimit 76
#define NR_setrlimit 75
#define NR_ppoll 309
#define NR_pselect6 308
#define NR_futex 240
#define NR_futex_time64 422
#define NR_clock_nanosleep 267
#define NR_clock_nanosleep_time64 407
#define FUTEX_WAIT 0
/* The 32-bit time structures the old calls take (musl's own have 64-bit time_t). */
struct ts32 {
    int32_t tv_sec, tv_nsec;
};
struct tv32 {
    int32_t tv_sec, tv_usec;
};
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256

static const char *err(long r)
{
    if (r != -1)
        return "";
    switch (errno) {
    case EPERM:
        return "EPERM";
    case ENOENT:
        return "ENOENT";
    case ESRCH:
        return "ESRCH";
    case EINTR:
        return "EINTR";
    case EBADF:
        return "EBADF";
    case EAGAIN:
        return "EAGAIN";
    case ENOMEM:
        return "ENOMEM";
    case EFAULT:
        return "EFAULT";
    case EINVAL:
        return "EINVAL";
    case ERANGE:
        return "ERANGE";
    case ENOSYS:
        return "ENOSYS";
    case ETIMEDOUT:
        return "ETIMEDOUT";
    case EOPNOTSUPP:
        return "EOPNOTSUPP";
    default:
        return "other";
    }
}

#define SHOW(what, call)                                                                           \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long r_ = (long)(call);                                                                    \
        printf("%s = %ld %s\n", what, r_, err(r_));                                                \
    } while (0)

static const char *yes(int b)
{
    return b ? "yes" : "NO";
}

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Burn CPU time in ring 3 for about secs of it. */
static void spin(double secs)
{
    double end = now(CLOCK_PROCESS_CPUTIME_ID) + secs;
    volatile unsigned x = 0;
    while (now(CLOCK_PROCESS_CPUTIME_ID) < end)
        for (int i = 0; i < 10000; i++)
            x += i;
}

static volatile int got[65];
static void on_sig(int sig)
{
    got[sig]++;
}

static void handle(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigaction(sig, &sa, NULL);
}

static void test_time(void)
{
    puts("-- time, gettimeofday");
    struct timeval tv;
    time_t t = (time_t)syscall(NR_time, NULL), t2 = 0;
    gettimeofday(&tv, NULL);
    printf("time(NULL) sane: %s\n", yes(t > 1600000000 && labs((long)(tv.tv_sec - t)) <= 1));
    long r = syscall(NR_time, &t2);
    printf("time(&t) stores its result: %s\n", yes(r == (long)t2));
    SHOW("time(bad)", syscall(NR_time, BAD));
    SHOW("gettimeofday(NULL, NULL)", syscall(NR_gettimeofday, NULL, NULL));
    SHOW("gettimeofday(&tv, NULL)", syscall(NR_gettimeofday, &tv, NULL));
    printf("tv_usec sane: %s\n", yes(tv.tv_usec >= 0 && tv.tv_usec < 1000000));
    struct timezone tz;
    SHOW("gettimeofday(NULL, &tz)", syscall(NR_gettimeofday, NULL, &tz));
    SHOW("gettimeofday(bad, NULL)", syscall(NR_gettimeofday, BAD, NULL));
}

static void test_rlimit(void)
{
    puts("-- resource limits");
    struct rlimit r, old;
    unsigned long u[2];
    SHOW("ugetrlimit(RLIMIT_STACK)", syscall(NR_ugetrlimit, RLIMIT_STACK, u));
    printf("stack soft <= hard: %s\n", yes(u[0] <= u[1]));
    SHOW("getrlimit(RLIMIT_NOFILE) (old call)", syscall(NR_getrlimit, RLIMIT_NOFILE, u));
    SHOW("ugetrlimit(99)", syscall(NR_ugetrlimit, 99, u));
    SHOW("ugetrlimit(bad)", syscall(NR_ugetrlimit, RLIMIT_NOFILE, BAD));
    SHOW("prlimit64(0, RLIMIT_NOFILE, NULL, &old)", prlimit(0, RLIMIT_NOFILE, NULL, &old));
    r = old;
    r.rlim_cur = 64;
    SHOW("setrlimit(RLIMIT_NOFILE, 64)", setrlimit(RLIMIT_NOFILE, &r));
    getrlimit(RLIMIT_NOFILE, &r);
    printf("RLIMIT_NOFILE soft now %lu, hard unchanged: %s\n", (unsigned long)r.rlim_cur,
           yes(r.rlim_max == old.rlim_max));
    r.rlim_cur = r.rlim_max + 1;
    SHOW("setrlimit(soft > hard)", setrlimit(RLIMIT_NOFILE, &r));
    SHOW("poll with nfds over RLIMIT_NOFILE", poll(NULL, 65, 0));
    SHOW("setrlimit(bad)", syscall(NR_setrlimit, RLIMIT_NOFILE, BAD));
    SHOW("prlimit64(self, restore)", prlimit(getpid(), RLIMIT_NOFILE, &old, NULL));
    SHOW("prlimit64(other pid)", prlimit(OTHER_PID, RLIMIT_NOFILE, NULL, &r));
    r.rlim_cur = r.rlim_max = RLIM_INFINITY;
    SHOW("prlimit64(RLIMIT_CORE: soft 0)", prlimit(0, RLIMIT_CORE, NULL, &r));
}

static void test_prctl(void)
{
    puts("-- prctl");
    char name[32] = {0};
    SHOW("PR_GET_NAME", prctl(PR_GET_NAME, name));
    printf("name: %s\n", name);
    SHOW("PR_SET_NAME", prctl(PR_SET_NAME, "a-name-longer-than-15"));
    memset(name, 'x', sizeof name);
    prctl(PR_GET_NAME, name);
    printf("name: %s\n", name);
    SHOW("PR_SET_NAME(bad)", prctl(PR_SET_NAME, BAD));
    SHOW("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
    SHOW("PR_SET_DUMPABLE(2)", prctl(PR_SET_DUMPABLE, 2));
    SHOW("PR_SET_DUMPABLE(0)", prctl(PR_SET_DUMPABLE, 0));
    SHOW("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
    SHOW("PR_SET_DUMPABLE(1)", prctl(PR_SET_DUMPABLE, 1));
    SHOW("PR_GET_SECCOMP", prctl(PR_GET_SECCOMP));
    SHOW("PR_SET_NO_NEW_PRIVS(2)", prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0));
    SHOW("PR_SET_NO_NEW_PRIVS(1)", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    SHOW("PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    SHOW("PR_GET_NO_NEW_PRIVS(junk)", prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0));
    int sig = -1;
    SHOW("PR_SET_PDEATHSIG(SIGUSR1)", prctl(PR_SET_PDEATHSIG, SIGUSR1));
    SHOW("PR_GET_PDEATHSIG", prctl(PR_GET_PDEATHSIG, &sig));
    printf("pdeathsig: %d\n", sig);
    SHOW("PR_SET_PDEATHSIG(99)", prctl(PR_SET_PDEATHSIG, 99));
    SHOW("PR_CAP_AMBIENT(IS_SET, 0)", prctl(47, 1, 0, 0, 0));
    SHOW("PR_CAP_AMBIENT(RAISE, 0)", prctl(47, 2, 0, 0, 0));
    SHOW("PR_CAP_AMBIENT(LOWER, 0)", prctl(47, 3, 0, 0, 0));
    SHOW("PR_CAP_AMBIENT(IS_SET, 99)", prctl(47, 1, 99, 0, 0));
    SHOW("PR_CAP_AMBIENT(CLEAR_ALL)", prctl(47, 4, 0, 0, 0));
    SHOW("PR_CAP_AMBIENT(9)", prctl(47, 9, 0, 0, 0));
    SHOW("prctl(9999)", prctl(9999, 0, 0, 0, 0));
    /* unshare: one thread shares nothing; a mount namespace of its own (the app is root) */
    SHOW("unshare(0)", syscall(SYS_unshare, 0));
    SHOW("unshare(FILES|FS|SYSVSEM)", syscall(SYS_unshare, 0x400 | 0x200 | 0x40000));
    SHOW("unshare(THREAD|SIGHAND|VM)", syscall(SYS_unshare, 0x10000 | 0x800 | 0x100));
    SHOW("unshare(NEWNS)", syscall(SYS_unshare, 0x20000));
    SHOW("unshare(0x1)", syscall(SYS_unshare, 0x1));
}

static void test_sched(void)
{
    puts("-- affinity, sched_yield, getcpu");
    cpu_set_t set;
    CPU_ZERO(&set);
    long r = syscall(SYS_sched_getaffinity, 0, sizeof set, &set);
    printf("sched_getaffinity: size sane %s, cpu 0 in it %s\n",
           yes(r > 0 && r <= (long)sizeof set && r % 4 == 0), yes(CPU_ISSET(0, &set)));
    SHOW("sched_getaffinity(len 2)", syscall(SYS_sched_getaffinity, 0, 2, &set));
    SHOW("sched_getaffinity(other pid)",
         syscall(SYS_sched_getaffinity, OTHER_PID, sizeof set, &set));
    SHOW("sched_getaffinity(bad)", syscall(SYS_sched_getaffinity, 0, sizeof set, BAD));
    CPU_ZERO(&set);
    SHOW("sched_setaffinity(no cpu)", sched_setaffinity(0, sizeof set, &set));
    CPU_SET(0, &set);
    SHOW("sched_setaffinity(cpu 0)", sched_setaffinity(0, sizeof set, &set));
    SHOW("sched_yield", sched_yield());
    unsigned cpu = 99, node = 99;
    SHOW("getcpu", syscall(SYS_getcpu, &cpu, &node, NULL));
    printf("cpu %u node %u\n", cpu, node);
    SHOW("getcpu(NULL, NULL)", syscall(SYS_getcpu, NULL, NULL, NULL));
    SHOW("getcpu(bad)", syscall(SYS_getcpu, BAD, NULL, NULL));
}

static void test_madvise(void)
{
    puts("-- madvise");
    unsigned char *p =
        mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 0xAA, 3 * 4096);
    SHOW("MADV_NORMAL", madvise(p, 3 * 4096, MADV_NORMAL));
    SHOW("MADV_WILLNEED", madvise(p, 3 * 4096, MADV_WILLNEED));
    SHOW("MADV_DONTNEED (2 pages)", madvise(p, 2 * 4096, MADV_DONTNEED));
    printf("after: %02x %02x %02x\n", p[0], p[4096 + 100], p[2 * 4096]);
    SHOW("MADV_DONTNEED (length 0)", madvise(p, 0, MADV_DONTNEED));
    SHOW("advice 999", madvise(p, 4096, 999));
    SHOW("advice 5", madvise(p, 4096, 5));
    SHOW("unaligned", madvise(p + 1, 4096, MADV_NORMAL));
    munmap(p + 4096, 4096);
    SHOW("over a hole", madvise(p, 3 * 4096, MADV_NORMAL));
    munmap(p, 3 * 4096);
}

static long raw_ppoll(struct pollfd *fds, unsigned n, const struct ts32 *ts, const sigset_t *m)
{
    return syscall(NR_ppoll, fds, n, ts, m, 8);
}

static void test_poll(void)
{
    puts("-- poll, select");
    struct pollfd p[3] = {{0, POLLIN, 0}, {1, POLLOUT, 0}, {99, POLLIN, 0}};
    SHOW("poll(stdin POLLIN, 5 s)", poll(p, 1, 5000));
    printf("POLLIN: %s\n", yes(p[0].revents & POLLIN));
    char line[16];
    printf("read some: %s\n", yes(read(0, line, sizeof line) > 0));
    SHOW("poll(stdout POLLOUT, fd 99)", poll(p + 1, 2, 0));
    printf("revents 0x%x 0x%x\n", p[1].revents, p[2].revents);
    p[0].fd = -1;
    SHOW("poll(fd -1)", poll(p, 1, 0));
    double t0 = now(CLOCK_MONOTONIC);
    SHOW("poll(no fds, 50 ms)", poll(NULL, 0, 50));
    printf("waited 50 ms: %s\n", yes(now(CLOCK_MONOTONIC) - t0 >= 0.045));
    SHOW("poll(bad)", poll(BAD, 1, 0));
    struct ts32 ts = {0, 30000000};
    SHOW("ppoll(no fds, 30 ms)", raw_ppoll(NULL, 0, &ts, NULL));
    printf("timespec left: %ld.%09ld\n", (long)ts.tv_sec, (long)ts.tv_nsec);
    ts.tv_nsec = 1000000000;
    SHOW("ppoll(bad timespec)", raw_ppoll(NULL, 0, &ts, NULL));

    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(1, &w);
    FD_SET(2, &w);
    struct tv32 tv = {0, 0};
    SHOW("_newselect(stdout, stderr writable)", syscall(NR_newselect, 3, NULL, &w, NULL, &tv));
    printf("set: %d %d %d\n", FD_ISSET(0, &w), FD_ISSET(1, &w), FD_ISSET(2, &w));
    tv.tv_usec = 40000;
    FD_ZERO(&w);
    SHOW("_newselect(nothing, 40 ms)", syscall(NR_newselect, 0, NULL, NULL, NULL, &tv));
    printf("timeval left: %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
    FD_SET(9, &r);
    SHOW("_newselect(fd 9)", syscall(NR_newselect, 10, &r, NULL, NULL, &tv));
    SHOW("_newselect(n -1)", syscall(NR_newselect, -1, NULL, NULL, NULL, &tv));
    tv.tv_usec = -1;
    SHOW("_newselect(negative timeval)", syscall(NR_newselect, 0, NULL, NULL, NULL, &tv));
    FD_ZERO(&w);
    FD_SET(1, &w);
    tv.tv_usec = 0;
    struct {
        long n;
        fd_set *r, *w, *e;
        struct tv32 *tv;
    } args = {2, NULL, &w, NULL, &tv};
    SHOW("select (old, struct)", syscall(NR_select, &args));
    ts = (struct ts32){0, 0};
    SHOW("pselect6(stdout)", syscall(NR_pselect6, 2, NULL, &w, NULL, &ts, NULL));

    puts("-- EINTR and signal masks");
    handle(SIGALRM);
    handle(SIGUSR1);
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
    SHOW("poll(no fds, forever) until SIGALRM", poll(NULL, 0, -1));
    printf("SIGALRM handled: %d\n", got[SIGALRM]);
    setitimer(ITIMER_REAL, &it, NULL);
    SHOW("_newselect(forever) until SIGALRM", syscall(NR_newselect, 0, NULL, NULL, NULL, NULL));
    sigset_t block, empty, cur;
    sigemptyset(&block);
    sigemptyset(&empty);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    ts = (struct ts32){1, 0};
    SHOW("ppoll(1 s, mask without SIGUSR1)", raw_ppoll(NULL, 0, &ts, &empty));
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("SIGUSR1 handled: %d, blocked again: %s\n", got[SIGUSR1],
           yes(sigismember(&cur, SIGUSR1)));
    raise(SIGUSR1);
    struct {
        const sigset_t *ss;
        size_t len;
    } sig = {&empty, 8};
    ts = (struct ts32){1, 0};
    SHOW("pselect6(1 s, mask without SIGUSR1)",
         syscall(NR_pselect6, 0, NULL, NULL, NULL, &ts, &sig));
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("SIGUSR1 handled: %d, blocked again: %s\n", got[SIGUSR1],
           yes(sigismember(&cur, SIGUSR1)));
    ts = (struct ts32){0, 0};
    SHOW("ppoll(mask keeps SIGUSR1 blocked)", raw_ppoll(NULL, 0, &ts, &block));
    sig.len = 4;
    SHOW("pselect6(bad sigset size)", syscall(NR_pselect6, 0, NULL, NULL, NULL, &ts, &sig));
    sigprocmask(SIG_UNBLOCK, &block, NULL);
}

static void test_random(void)
{
    puts("-- getrandom");
    unsigned char a[64] = {0}, b[64] = {0};
    SHOW("getrandom(64)", syscall(SYS_getrandom, a, sizeof a, 0));
    SHOW("getrandom(64, GRND_NONBLOCK)", syscall(SYS_getrandom, b, sizeof b, 1));
    int zeros = 0;
    for (int i = 0; i < 64; i++)
        zeros += !a[i];
    printf("differ: %s, not zero: %s\n", yes(memcmp(a, b, sizeof a) != 0), yes(zeros < 8));
    SHOW("getrandom(0)", syscall(SYS_getrandom, a, 0, 0));
    SHOW("getrandom(GRND_RANDOM)", syscall(SYS_getrandom, a, 8, 2));
    SHOW("getrandom(GRND_INSECURE)", syscall(SYS_getrandom, a, 8, 4));
    SHOW("getrandom(GRND_INSECURE|GRND_RANDOM)", syscall(SYS_getrandom, a, 8, 6));
    SHOW("getrandom(flag 0x80)", syscall(SYS_getrandom, a, 8, 0x80));
    SHOW("getrandom(bad)", syscall(SYS_getrandom, BAD, 8, 0));
}

static void test_usage(void)
{
    puts("-- sysinfo, times, getrusage, CPU clocks, CPU itimers");
    struct sysinfo si;
    SHOW("sysinfo", sysinfo(&si));
    printf("sysinfo sane: %s\n", yes(si.uptime > 0 && si.totalram >= si.freeram && si.freeram > 0 &&
                                     si.mem_unit >= 1 && si.procs >= 1));
    SHOW("sysinfo(bad)", syscall(SYS_sysinfo, BAD));
    struct tms t0, t1;
    times(&t0);
    double c0 = now(CLOCK_PROCESS_CPUTIME_ID), th0 = now(CLOCK_THREAD_CPUTIME_ID);
    clockid_t cid;
    clock_getcpuclockid(0, &cid);
    double p0 = now(cid);
    spin(0.3);
    clock_t r = times(&t1);
    printf("times: result not an error %s, user+system grew by >= 0.2 s: %s\n",
           yes(r != (clock_t)-1),
           yes((t1.tms_utime + t1.tms_stime) - (t0.tms_utime + t0.tms_stime) >= 20));
    printf("children: %ld %ld\n", (long)t1.tms_cutime, (long)t1.tms_cstime);
    SHOW("times(NULL) not an error", times(NULL) == (clock_t)-1 ? -1 : 0);
    printf("CLOCK_PROCESS_CPUTIME_ID grew by >= 0.3 s: %s\n",
           yes(now(CLOCK_PROCESS_CPUTIME_ID) - c0 >= 0.3));
    printf("CLOCK_THREAD_CPUTIME_ID grew by >= 0.3 s: %s\n",
           yes(now(CLOCK_THREAD_CPUTIME_ID) - th0 >= 0.3));
    printf("clock_getcpuclockid(0) clock grew by >= 0.3 s: %s\n", yes(now(cid) - p0 >= 0.3));
    struct timespec ts;
    SHOW("clock_gettime(own pid's CPU clock)", clock_gettime((-getpid() - 1) * 8 + 2, &ts));
    SHOW("clock_gettime(own user-time clock)", clock_gettime(-8 + 1, &ts));
    SHOW("clock_gettime(other pid's CPU clock)", clock_gettime((-OTHER_PID - 1) * 8 + 2, &ts));
    SHOW("clock_gettime(CPU clock type 3)", clock_gettime(-8 + 3, &ts));
    SHOW("clock_gettime(99)", clock_gettime(99, &ts));
    SHOW("clock_getres(CLOCK_PROCESS_CPUTIME_ID)", clock_getres(CLOCK_PROCESS_CPUTIME_ID, &ts));
    printf("resolution %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
    SHOW("clock_getres(CLOCK_MONOTONIC)", clock_getres(CLOCK_MONOTONIC, &ts));
    printf("resolution %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
    SHOW("clock_getres(CLOCK_REALTIME, NULL)", clock_getres(CLOCK_REALTIME, NULL));
    SHOW("clock_getres(99)", clock_getres(99, &ts));

    struct rusage ru;
    SHOW("getrusage(RUSAGE_SELF)", getrusage(RUSAGE_SELF, &ru));
    printf("rusage sane: %s\n", yes(ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 >= 0.2 &&
                                    ru.ru_utime.tv_usec < 1000000 && ru.ru_maxrss > 0));
    SHOW("getrusage(RUSAGE_THREAD)", getrusage(RUSAGE_THREAD, &ru));
    SHOW("getrusage(RUSAGE_CHILDREN)", getrusage(RUSAGE_CHILDREN, &ru));
    printf("children: %ld.%06ld\n", (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec);
    SHOW("getrusage(5)", getrusage(5, &ru));
    SHOW("getrusage(bad)", getrusage(RUSAGE_SELF, BAD));

    handle(SIGVTALRM);
    handle(SIGPROF);
    struct itimerval it = {{0, 0}, {0, 50000}}, old;
    SHOW("setitimer(ITIMER_VIRTUAL, 50 ms)", setitimer(ITIMER_VIRTUAL, &it, NULL));
    SHOW("getitimer(ITIMER_VIRTUAL)", getitimer(ITIMER_VIRTUAL, &old));
    printf("armed: %s\n", yes(old.it_value.tv_usec > 0 || old.it_value.tv_sec > 0));
    double w = now(CLOCK_MONOTONIC);
    while (!got[SIGVTALRM] && now(CLOCK_MONOTONIC) - w < 5)
        ;
    printf("SIGVTALRM: %d\n", got[SIGVTALRM]);
    getitimer(ITIMER_VIRTUAL, &old);
    printf("disarmed after: %s\n", yes(!old.it_value.tv_sec && !old.it_value.tv_usec));
    it.it_interval.tv_usec = 20000;
    SHOW("setitimer(ITIMER_PROF, 50 ms every 20 ms)", setitimer(ITIMER_PROF, &it, NULL));
    w = now(CLOCK_MONOTONIC);
    while (got[SIGPROF] < 3 && now(CLOCK_MONOTONIC) - w < 5)
        ;
    printf("SIGPROF 3 times: %s\n", yes(got[SIGPROF] >= 3));
    it = (struct itimerval){{0, 0}, {0, 0}};
    SHOW("setitimer(ITIMER_PROF, off)", setitimer(ITIMER_PROF, &it, &old));
    printf("old interval: %ld.%06ld\n", (long)old.it_interval.tv_sec,
           (long)old.it_interval.tv_usec);
    SHOW("getitimer(3)", getitimer(3, &old));
}

static void test_futex(void)
{
    puts("-- set_robust_list, futex");
    long head[3] = {0, 0, 0};
    SHOW("set_robust_list(12)", syscall(SYS_set_robust_list, head, 12));
    SHOW("set_robust_list(8)", syscall(SYS_set_robust_list, head, 8));
    void *h = NULL;
    size_t len = 0;
    SHOW("get_robust_list", syscall(SYS_get_robust_list, 0, &h, &len));
    printf("head is ours: %s, len %zu\n", yes(h == head), len);
    static int f = 1;
    struct ts32 ts = {0, 20000000};
    struct timespec now_ts;
    SHOW("FUTEX_WAIT(changed value)", syscall(NR_futex, &f, FUTEX_WAIT, 2, NULL, NULL, 0));
    double t0 = now(CLOCK_MONOTONIC);
    SHOW("FUTEX_WAIT(20 ms)", syscall(NR_futex, &f, FUTEX_WAIT, 1, &ts, NULL, 0));
    printf("waited 20 ms: %s\n", yes(now(CLOCK_MONOTONIC) - t0 >= 0.018));
    SHOW("FUTEX_WAIT|PRIVATE(20 ms)",
         syscall(NR_futex, &f, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, &ts, NULL, 0));
    clock_gettime(CLOCK_MONOTONIC, &now_ts);
    ts = (struct ts32){(int32_t)now_ts.tv_sec, (int32_t)now_ts.tv_nsec + 20000000};
    if (ts.tv_nsec >= 1000000000)
        ts.tv_sec++, ts.tv_nsec -= 1000000000;
    t0 = now(CLOCK_MONOTONIC);
    SHOW("FUTEX_WAIT_BITSET(absolute)",
         syscall(NR_futex, &f, FUTEX_WAIT_BITSET, 1, &ts, NULL, 0xffffffff));
    printf("waited 20 ms: %s\n", yes(now(CLOCK_MONOTONIC) - t0 >= 0.018));
    clock_gettime(CLOCK_REALTIME, &now_ts);
    ts = (struct ts32){(int32_t)now_ts.tv_sec, (int32_t)now_ts.tv_nsec};
    SHOW("FUTEX_WAIT_BITSET|CLOCK_REALTIME(now)",
         syscall(NR_futex, &f, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &ts, NULL, ~0));
    SHOW("FUTEX_WAIT_BITSET(bitset 0)", syscall(NR_futex, &f, FUTEX_WAIT_BITSET, 1, &ts, NULL, 0));
    SHOW("FUTEX_WAIT|CLOCK_REALTIME",
         syscall(NR_futex, &f, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
    SHOW("FUTEX_WAIT(misaligned)", syscall(NR_futex, (char *)&f + 1, FUTEX_WAIT, 1, NULL, NULL, 0));
    SHOW("FUTEX_WAIT(bad)", syscall(NR_futex, BAD, FUTEX_WAIT, 1, NULL, NULL, 0));
    ts = (struct ts32){0, -1};
    SHOW("FUTEX_WAIT(bad timeout)", syscall(NR_futex, &f, FUTEX_WAIT, 1, &ts, NULL, 0));
    SHOW("FUTEX_WAKE", syscall(NR_futex, &f, FUTEX_WAKE, 1, NULL, NULL, 0));
    struct itimerval it = {{0, 0}, {0, 30000}};
    ts = (struct ts32){5, 0};
    setitimer(ITIMER_REAL, &it, NULL);
    SHOW("FUTEX_WAIT(5 s) until SIGALRM", syscall(NR_futex, &f, FUTEX_WAIT, 1, &ts, NULL, 0));
    long long ts64[2] = {0, 10000000};
    SHOW("futex_time64 FUTEX_WAIT(10 ms)",
         syscall(NR_futex_time64, &f, FUTEX_WAIT, 1, ts64, NULL, 0));
}

static void test_sleep_groups(void)
{
    puts("-- clock_nanosleep, getgroups");
    struct ts32 ts = {0, 20000000}, rem = {0, 0};
    struct timespec now_ts;
    double t0 = now(CLOCK_MONOTONIC);
    SHOW("clock_nanosleep(MONOTONIC, 20 ms)",
         syscall(NR_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, &rem));
    printf("waited 20 ms: %s\n", yes(now(CLOCK_MONOTONIC) - t0 >= 0.018));
    clock_gettime(CLOCK_MONOTONIC, &now_ts);
    ts = (struct ts32){(int32_t)now_ts.tv_sec, (int32_t)now_ts.tv_nsec + 20000000};
    if (ts.tv_nsec >= 1000000000)
        ts.tv_sec++, ts.tv_nsec -= 1000000000;
    t0 = now(CLOCK_MONOTONIC);
    SHOW("clock_nanosleep(MONOTONIC, TIMER_ABSTIME now + 20 ms)",
         syscall(NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL));
    printf("waited 20 ms: %s\n", yes(now(CLOCK_MONOTONIC) - t0 >= 0.018));
    ts = (struct ts32){1, 0};
    SHOW("clock_nanosleep(REALTIME, TIMER_ABSTIME in 1970)",
         syscall(NR_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL));
    ts = (struct ts32){0, 1000000000};
    SHOW("clock_nanosleep(bad nsec)", syscall(NR_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL));
    ts = (struct ts32){0, 1000};
    SHOW("clock_nanosleep(CLOCK_THREAD_CPUTIME_ID)",
         syscall(NR_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL));
    SHOW("clock_nanosleep(99)", syscall(NR_clock_nanosleep, 99, 0, &ts, NULL));
    SHOW("clock_nanosleep(bad)", syscall(NR_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD, NULL));
    struct itimerval it = {{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &it, NULL);
    ts = (struct ts32){5, 0};
    SHOW("clock_nanosleep(5 s) until SIGALRM",
         syscall(NR_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, &rem));
    printf("rem sane: %s\n", yes(rem.tv_sec <= 4 && rem.tv_sec >= 3));
    long long ts64[2] = {0, 10000000};
    SHOW("clock_nanosleep_time64(10 ms)",
         syscall(NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, ts64, NULL));
    printf("getgroups32(0, NULL) >= 0: %s\n", yes(syscall(SYS_getgroups32, 0, NULL) >= 0));
    SHOW("getgroups32(-1)", syscall(SYS_getgroups32, -1, NULL));
}

static void test_files(void)
{
    puts("-- file calls on paths that do not exist");
    char buf[256];
    SHOW("open", syscall(SYS_open, "/nonexistent/file", O_RDONLY));
    SHOW("open(\"\")", syscall(SYS_open, "", O_RDONLY));
    SHOW("open(bad)", syscall(SYS_open, BAD, O_RDONLY));
    SHOW("openat", syscall(SYS_openat, AT_FDCWD, "/nonexistent/file", O_RDONLY));
    SHOW("access", syscall(SYS_access, "/nonexistent/file", F_OK));
    SHOW("readlink", syscall(SYS_readlink, "/nonexistent/link", buf, sizeof buf));
    SHOW("stat64", syscall(SYS_stat64, "/nonexistent/file", buf));
    SHOW("fstatat64", syscall(SYS_fstatat64, AT_FDCWD, "/nonexistent/file", buf, 0));
    SHOW("fstatat64(bad flags)", syscall(SYS_fstatat64, AT_FDCWD, "/nonexistent/file", buf, 1));
    SHOW("statx", syscall(SYS_statx, AT_FDCWD, "/nonexistent/file", 0, 0x7ff, buf));
    SHOW("fstat64(1)", syscall(SYS_fstat64, 1, buf));
    SHOW("fstatat64(1, \"\", AT_EMPTY_PATH)", syscall(SYS_fstatat64, 1, "", buf, AT_EMPTY_PATH));
    SHOW("statx(1, \"\", AT_EMPTY_PATH)", syscall(SYS_statx, 1, "", AT_EMPTY_PATH, 0x7ff, buf));
    SHOW("fstat64(99)", syscall(SYS_fstat64, 99, buf));
    long r = syscall(SYS_getcwd, buf, sizeof buf);
    printf("getcwd: an absolute path with its length: %s\n",
           yes(r > 1 && buf[0] == '/' && (long)strlen(buf) + 1 == r));
    SHOW("getcwd(size 1)", syscall(SYS_getcwd, buf, 1));
    SHOW("fcntl64(1, F_GETFD)", syscall(SYS_fcntl64, 1, F_GETFD));
    SHOW("fcntl64(1, F_SETFD, 0)", syscall(SYS_fcntl64, 1, F_SETFD, 0));
    SHOW("fcntl64(99, F_GETFD)", syscall(SYS_fcntl64, 99, F_GETFD));
    SHOW("fcntl64(1, 9999)", syscall(SYS_fcntl64, 1, 9999));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_time();
    test_rlimit();
    test_prctl();
    test_sched();
    test_madvise();
    test_poll();
    test_random();
    test_usage();
    test_futex();
    test_sleep_groups();
    test_files();
    return 0;
}
