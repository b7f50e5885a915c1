/* Proves rt_sigqueueinfo (sigqueue) and rt_tgsigqueueinfo follow Linux: real-time signals
 * queue in order with their own values (int and pointer) and reach both a handler and
 * sigwaitinfo with si_code SI_QUEUE, si_pid and si_uid; standard signals don't queue; the
 * errors (EINVAL for bad numbers, ESRCH for another pid, EPERM for a forged si_code toward
 * another process, EFAULT); a caller's own si_code accepted toward itself; and EAGAIN once
 * RLIMIT_SIGPENDING entries are queued, while kill still raises the signal without details;
 * and a signal sent to itself with a handler and nothing else pending (which moat delivers
 * without queueing it) gets the details the queue would keep, or loses them as it would with
 * RLIMIT_SIGPENDING 0. */
#include "sig.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

#define OTHER_PID 0x3fffffff /* above any pid_max: no such process */

static int marker;

static const char *code_name(int code)
{
    switch (code) {
    case SI_USER:
        return "SI_USER";
    case SI_QUEUE:
        return "SI_QUEUE";
    case SI_TKILL:
        return "SI_TKILL";
    case SI_KERNEL:
        return "SI_KERNEL";
    default:
        return "other";
    }
}

static const char *rtname(int sig)
{
    static char buf[4][24];
    static int n;
    char *b = buf[n++ % 4];
    if (sig >= SIGRTMIN)
        snprintf(b, 24, "SIGRTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(b, 24, "%s", signame(sig));
    return b;
}

/* The value as the test printed it: an int, or the pointer to marker. */
static void show_info(const char *via, const siginfo_t *si)
{
    char value[32];
    if (si->si_code == SI_USER && si->si_pid == 0) { /* raised when the queue was full */
        hprintf("%s: %s %s without details\n", via, rtname(si->si_signo), code_name(si->si_code));
        return;
    }
    if (si->si_value.sival_ptr == &marker)
        snprintf(value, sizeof value, "&marker");
    else
        snprintf(value, sizeof value, "%d", si->si_value.sival_int);
    hprintf("%s: %s %s value %s pid %s uid %s\n", via, rtname(si->si_signo), code_name(si->si_code),
            value, si->si_pid == getpid() ? "self" : "other",
            si->si_uid == getuid() ? "self" : "other");
}

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    show_info("handler", si);
}

static void block(int sig, int how)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

static void expect(const char *what, int r, int err)
{
    int e = errno;
    printf("%s -> %d %s\n", what, r, r == -1 ? errname(e) : "");
    (void)err;
    errno = 0;
}

static int queue_int(pid_t pid, int sig, int v)
{
    union sigval val = {.sival_int = v};
    return sigqueue(pid, sig, val);
}

/* Take every pending instance of sig, without waiting. */
static void drain(const char *via, int sig)
{
    sigset_t s;
    siginfo_t si;
    struct timespec zero = {0, 0};
    sigemptyset(&s);
    sigaddset(&s, sig);
    while (sigtimedwait(&s, &si, &zero) == sig)
        show_info(via, &si);
    printf("%s: then %s\n", via, errname(errno));
    errno = 0;
}

/* rt_sigqueueinfo with a caller-made siginfo. */
static long raw_queue(pid_t pid, int sig, int code, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = value;
    return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

static long raw_tgqueue(pid_t tgid, pid_t tid, int sig, int code, int value)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = value;
    return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &si);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int a = SIGRTMIN + 2, b = SIGRTMIN + 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(a, &sa, NULL);
    sigaction(b, &sa, NULL);

    puts("5 queued while blocked, then unblocked: lower signal first, each FIFO");
    block(a, SIG_BLOCK);
    block(b, SIG_BLOCK);
    queue_int(getpid(), a, 100);
    queue_int(getpid(), b, 200);
    queue_int(getpid(), a, 101);
    sigqueue(getpid(), b, (union sigval){.sival_ptr = &marker});
    queue_int(getpid(), a, 102);
    block(b, SIG_UNBLOCK);
    block(a, SIG_UNBLOCK);

    puts("3 queued, taken by sigwaitinfo and sigtimedwait");
    int c = SIGRTMIN + 3;
    block(c, SIG_BLOCK);
    for (int i = 0; i < 3; i++)
        queue_int(getpid(), c, -5 - i);
    sigset_t s;
    siginfo_t si;
    sigemptyset(&s);
    sigaddset(&s, c);
    if (sigwaitinfo(&s, &si) == c)
        show_info("sigwaitinfo", &si);
    drain("sigtimedwait", c);

    puts("a standard signal queued twice while blocked: one instance, the first value");
    block(SIGUSR1, SIG_BLOCK);
    queue_int(getpid(), SIGUSR1, 1);
    queue_int(getpid(), SIGUSR1, 2);
    drain("sigtimedwait", SIGUSR1);

    puts("errors");
    expect("sigqueue(self, 65)", queue_int(getpid(), 65, 0), EINVAL);
    expect("sigqueue(self, -1)", queue_int(getpid(), -1, 0), EINVAL);
    expect("sigqueue(self, 0)", queue_int(getpid(), 0, 0), 0);
    expect("sigqueue(other pid, SIGUSR1)", queue_int(OTHER_PID, SIGUSR1, 0), ESRCH);
    expect("sigqueue(0, SIGUSR1)", queue_int(0, SIGUSR1, 0), ESRCH);
    expect("rt_sigqueueinfo(other pid, SI_USER)", (int)raw_queue(OTHER_PID, SIGUSR1, SI_USER, 0),
           EPERM);
    expect("rt_sigqueueinfo(other pid, SI_TKILL)", (int)raw_queue(OTHER_PID, SIGUSR1, SI_TKILL, 0),
           EPERM);
    expect("rt_sigqueueinfo(other pid, SI_KERNEL)",
           (int)raw_queue(OTHER_PID, SIGUSR1, SI_KERNEL, 0), EPERM);
    expect("rt_sigqueueinfo(self, bad pointer)",
           (int)syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, (void *)16), EFAULT);
    expect("rt_tgsigqueueinfo(0, self)", (int)raw_tgqueue(0, getpid(), a, SI_QUEUE, 0), EINVAL);
    expect("rt_tgsigqueueinfo(self, 0)", (int)raw_tgqueue(getpid(), 0, a, SI_QUEUE, 0), EINVAL);
    expect("rt_tgsigqueueinfo(self, other tid)",
           (int)raw_tgqueue(getpid(), OTHER_PID, a, SI_QUEUE, 0), ESRCH);
    expect("rt_tgsigqueueinfo(self, self, 65)",
           (int)raw_tgqueue(getpid(), getpid(), 65, SI_QUEUE, 0), EINVAL);

    puts("a caller's own si_code toward itself");
    block(c, SIG_BLOCK);
    expect("rt_sigqueueinfo(self, SI_TKILL)", (int)raw_queue(getpid(), c, SI_TKILL, 7), 0);
    expect("rt_tgsigqueueinfo(self, self, SI_QUEUE)",
           (int)raw_tgqueue(getpid(), getpid(), c, SI_QUEUE, 8), 0);
    drain("sigtimedwait", c);
    expect("rt_sigqueueinfo(self, SI_USER)", (int)raw_queue(getpid(), c, SI_USER, 0), 0);
    expect("rt_sigqueueinfo(self, SI_KERNEL)", (int)raw_queue(getpid(), c, SI_KERNEL, 0), 0);
    for (int i = 0; i < 2; i++)
        if (sigwaitinfo(&s, &si) == c)
            printf("sigwaitinfo: %s %s pid %s\n", rtname(si.si_signo), code_name(si.si_code),
                   si.si_pid == getpid() ? "self" : "other");

    puts("RLIMIT_SIGPENDING 3");
    struct rlimit old, lim;
    getrlimit(RLIMIT_SIGPENDING, &old);
    lim = old;
    lim.rlim_cur = 3;
    expect("setrlimit(RLIMIT_SIGPENDING, 3)", setrlimit(RLIMIT_SIGPENDING, &lim), 0);
    /* Linux counts a user's queued signals across all its processes: on a busy host a few
       may already be queued elsewhere, so only "at most 3" is the same everywhere. */
    int queued = 0, r;
    while ((r = queue_int(getpid(), c, 40 + queued)) == 0 && queued < 10)
        queued++;
    printf("queued at most 3, then %s: %s\n", r ? errname(errno) : "no error",
           queued <= 3 && queued > 0 ? "yes" : "NO");
    errno = 0;
    expect("kill(self, SIGRTMIN+3) with the queue full", kill(getpid(), c), 0);
    block(SIGUSR2, SIG_BLOCK);
    expect("sigqueue(self, SIGUSR2) with the queue full", queue_int(getpid(), SIGUSR2, 9), 0);
    drain("sigtimedwait", SIGUSR2);
    /* The queued values come back in order; kill's instance had no entry, and Linux drops
       the signal from the pending set when its last entry is taken. */
    struct timespec zero = {0, 0};
    int taken = 0, in_order = 1;
    while (sigtimedwait(&s, &si, &zero) == c) {
        in_order &= si.si_code == SI_QUEUE && si.si_value.sival_int == 40 + taken;
        taken++;
    }
    printf("took back all %s, in order: %s, then %s\n", taken == queued ? "yes" : "NO",
           in_order ? "yes" : "NO", errname(errno));
    errno = 0;
    expect("restore RLIMIT_SIGPENDING", setrlimit(RLIMIT_SIGPENDING, &old), 0);

    /* With a handler and nothing else pending, the signal goes straight to its handler; the
       details must be those the queue would have kept, or lost. */
    puts("sent to itself with a handler and nothing pending, then with RLIMIT_SIGPENDING 0");
    int d = SIGRTMIN + 4;
    long tid = syscall(SYS_gettid);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(d, &sa, NULL);
    block(SIGUSR1, SIG_UNBLOCK);
    expect("tkill(self, SIGUSR1)", (int)syscall(SYS_tkill, tid, SIGUSR1), 0);
    expect("kill(self, SIGUSR1)", kill(getpid(), SIGUSR1), 0);
    expect("tgkill(self, self, SIGRTMIN+4)", (int)syscall(SYS_tgkill, getpid(), tid, d), 0);
    lim = old;
    lim.rlim_cur = 0;
    expect("setrlimit(RLIMIT_SIGPENDING, 0)", setrlimit(RLIMIT_SIGPENDING, &lim), 0);
    expect("tkill(self, SIGUSR1)", (int)syscall(SYS_tkill, tid, SIGUSR1), 0);
    expect("kill(self, SIGUSR1)", kill(getpid(), SIGUSR1), 0);
    expect("tkill(self, SIGRTMIN+4)", (int)syscall(SYS_tkill, tid, d), EAGAIN);
    expect("kill(self, SIGRTMIN+4)", kill(getpid(), d), 0);
    expect("restore RLIMIT_SIGPENDING", setrlimit(RLIMIT_SIGPENDING, &old), 0);
    return 0;
}
