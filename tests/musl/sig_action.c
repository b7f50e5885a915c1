/* Proves the signal system calls keep Linux's rules: rt_sigaction (SIGKILL and SIGSTOP
 * refused, bad numbers and sizes refused, the old action read back, sa_mask, SA_NODEFER,
 * SA_RESETHAND), rt_sigprocmask (SIGKILL and SIGSTOP never blocked, bad how refused),
 * rt_sigpending, rt_sigtimedwait and sigwaitinfo (the signal and its siginfo; EAGAIN on
 * timeout), rt_sigsuspend (EINTR, mask restored), kill/tkill/tgkill (ESRCH for other
 * processes), default-ignored signals, merging of standard signals and delivery order.
 * `sig_action.elf rtqueue` checks that real-time signals queue instead. */
#include "sig.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

static uint64_t kmask(int how, uint64_t set)
{
    uint64_t old = 0;
    long r = syscall(SYS_rt_sigprocmask, how, how < 0 ? NULL : &set, &old, 8);
    if (r)
        printf("rt_sigprocmask failed: %s\n", strerror(errno));
    return old;
}
#define CURMASK() kmask(-1, 0)
#define BIT(s) (1ull << ((s)-1))

static void show_mask(const char *what, uint64_t m)
{
    printf("%s:", what);
    if (!m)
        printf(" (none)");
    for (int s = 1; s <= 64; s++)
        if (m & BIT(s)) {
            if (s < 32)
                printf(" %s", signame(s));
            else
                printf(" %d", s);
        }
    printf("\n");
}

static void expect_err(const char *what, long r, int err)
{
    int e = errno;
    printf("%s -> %ld %s\n", what, r, r == -1 ? (e == err ? "(expected errno)" : strerror(e)) : "");
    errno = 0;
}

struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static int count[65], depth, maxdepth;
static char order[256];

static void counter(int sig)
{
    count[sig]++;
    size_t n = strlen(order);
    snprintf(order + n, sizeof order - n, " %s", signame(sig));
}

static void show_mask_h(const char *what, uint64_t m)
{
    char buf[200];
    int n = snprintf(buf, sizeof buf, "%s:", what);
    for (int s = 1; s < 32; s++)
        if (m & BIT(s))
            n += snprintf(buf + n, sizeof buf - (size_t)n, " %s", signame(s));
    hprintf("%s%s\n", buf, m ? "" : " (none)");
}

/* Shows the mask inside the handler, and the one it interrupted (uc_sigmask). */
static void masks_handler(int sig, siginfo_t *si, void *uc)
{
    uint64_t uc_mask;
    memcpy(&uc_mask, &((ucontext_t *)uc)->uc_sigmask, 8);
    hprintf("in %s handler (si_signo %s, si_code %d):\n", signame(sig), signame(si->si_signo),
            si->si_code);
    show_mask_h("  blocked now", CURMASK());
    show_mask_h("  uc_sigmask", uc_mask);
}

static int entries; /* SIGUSR1 handler entries in the current part */

static void nest_handler(int sig)
{
    depth++;
    if (depth > maxdepth)
        maxdepth = depth;
    int me = sig == SIGUSR1 ? ++entries : 0;
    hprintf("%*s%s handler enters (depth %d)\n", depth * 2, "", signame(sig), depth);
    if (me == 1)
        raise(SIGUSR2);
    if (me && me < 3)
        raise(SIGUSR1);
    hprintf("%*s%s handler leaves\n", depth * 2, "", signame(sig));
    depth--;
}

static void actions(void)
{
    struct sigaction sa, old;
    printf("== sigaction\n");
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = counter;
    expect_err("sigaction(SIGKILL, handler)", sigaction(SIGKILL, &sa, NULL), EINVAL);
    expect_err("sigaction(SIGSTOP, handler)", sigaction(SIGSTOP, &sa, NULL), EINVAL);
    sa.sa_handler = SIG_IGN;
    expect_err("sigaction(SIGKILL, SIG_IGN)", sigaction(SIGKILL, &sa, NULL), EINVAL);
    sa.sa_handler = SIG_DFL;
    expect_err("sigaction(SIGSTOP, SIG_DFL)", sigaction(SIGSTOP, &sa, NULL), EINVAL);
    expect_err("sigaction(SIGKILL, NULL, &old)", sigaction(SIGKILL, NULL, &old), 0);
    struct ksigaction k = {SIG_DFL, 0, 0, 0}, ko;
    expect_err("rt_sigaction(0)", syscall(SYS_rt_sigaction, 0, &k, NULL, 8), EINVAL);
    expect_err("rt_sigaction(65)", syscall(SYS_rt_sigaction, 65, &k, NULL, 8), EINVAL);
    expect_err("rt_sigaction(-1)", syscall(SYS_rt_sigaction, -1, &k, NULL, 8), EINVAL);
    expect_err("rt_sigaction(64)", syscall(SYS_rt_sigaction, 64, &k, NULL, 8), 0);
    expect_err("rt_sigaction(SIGUSR1, size 4)", syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 4),
               EINVAL);
    expect_err("rt_sigaction(SIGUSR1, size 16)", syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 16),
               EINVAL);
    expect_err("rt_sigaction(SIGUSR1, bad act)",
               syscall(SYS_rt_sigaction, SIGUSR1, (void *)16, NULL, 8), EFAULT);

    /* Set an action raw, and read it back raw: flags and mask come back as given, except
     * that SIGKILL and SIGSTOP are dropped from the mask. */
    k = (struct ksigaction){(void *)counter, SA_RESTART | SA_NODEFER | 0x04000000, 0,
                            BIT(SIGUSR2) | BIT(SIGKILL) | BIT(SIGSTOP) | BIT(40)};
    syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 8);
    memset(&ko, 0, sizeof ko);
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &ko, 8);
    printf("read back: handler %s flags 0x%lx restorer %s\n",
           ko.handler == (void *)counter ? "same" : "other", ko.flags,
           ko.restorer == 0 ? "0" : "set");
    show_mask("read back mask", ko.mask);
    sa.sa_handler = counter;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, &old);
    printf("old through musl: handler %s, SA_RESTART %d SA_NODEFER %d SA_RESTORER %d\n",
           old.sa_handler == counter ? "same" : "other", !!(old.sa_flags & SA_RESTART),
           !!(old.sa_flags & SA_NODEFER), !!(old.sa_flags & SA_RESTORER));
    sigaction(SIGUSR1, NULL, &old);
    printf("now: SA_SIGINFO %d SA_RESTORER %d\n", !!(old.sa_flags & SA_SIGINFO),
           !!(old.sa_flags & SA_RESTORER));
    on(SIGUSR1, SIG_DFL, 0);
}

static void masks(void)
{
    printf("== rt_sigprocmask\n");
    show_mask("initial mask", CURMASK());
    uint64_t old = kmask(SIG_SETMASK, ~0ull);
    show_mask("old", old);
    printf("after blocking all: 0x%llx\n", (unsigned long long)CURMASK());
    kmask(SIG_SETMASK, 0);
    kmask(SIG_BLOCK, BIT(SIGUSR1) | BIT(SIGHUP));
    kmask(SIG_BLOCK, BIT(SIGUSR2));
    kmask(SIG_UNBLOCK, BIT(SIGHUP) | BIT(SIGTERM));
    show_mask("block USR1+HUP, block USR2, unblock HUP+TERM", CURMASK());
    uint64_t set = BIT(SIGINT);
    expect_err("rt_sigprocmask(how 3)", syscall(SYS_rt_sigprocmask, 3, &set, NULL, 8), EINVAL);
    expect_err("rt_sigprocmask(how -1)", syscall(SYS_rt_sigprocmask, -1, &set, NULL, 8), EINVAL);
    expect_err("rt_sigprocmask(how 3, NULL set)", syscall(SYS_rt_sigprocmask, 3, NULL, NULL, 8), 0);
    expect_err("rt_sigprocmask(size 4)", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4),
               EINVAL);
    expect_err("rt_sigprocmask(bad set)",
               syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)16, NULL, 8), EFAULT);
    show_mask("mask unchanged", CURMASK());
    expect_err("rt_sigprocmask(block INT, bad oldset)",
               syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, (void *)16, 8), EFAULT);
    show_mask("then, as Linux sets it first", CURMASK());
    kmask(SIG_SETMASK, 0);

    printf("== sa_mask and uc_sigmask\n");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = masks_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaddset(&sa.sa_mask, SIGKILL);
    sigaction(SIGUSR1, &sa, NULL);
    kmask(SIG_SETMASK, BIT(SIGPIPE));
    raise(SIGUSR1);
    show_mask("after the handler", CURMASK());
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    printf("with SA_NODEFER:\n");
    raise(SIGUSR1);
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    printf("with SA_RESETHAND:\n");
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("after SA_RESETHAND: handler is %s, SA_SIGINFO %d\n",
           now.sa_handler == SIG_DFL ? "SIG_DFL" : "other", !!(now.sa_flags & SA_SIGINFO));
    kmask(SIG_SETMASK, 0);
}

static void nesting(void)
{
    printf("== nesting\n");
    on(SIGUSR1, nest_handler, 0);
    on(SIGUSR2, nest_handler, 0);
    printf("USR1 (its first run raises USR2, its first two USR1):\n");
    entries = 0;
    raise(SIGUSR1);
    on(SIGUSR1, nest_handler, SA_NODEFER);
    printf("USR1 with SA_NODEFER:\n");
    entries = maxdepth = 0;
    raise(SIGUSR1);
    printf("max depth %d\n", maxdepth);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = nest_handler;
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    printf("USR1 with USR2 in sa_mask:\n");
    entries = 0;
    raise(SIGUSR1);
}

static void pending(void)
{
    printf("== pending, merging, order\n");
    on(SIGUSR1, counter, 0);
    on(SIGUSR2, counter, 0);
    on(SIGHUP, counter, 0);
    /* Raised three times while blocked, SIGUSR1 is delivered once. All three signals become
     * deliverable together: each gets a frame on top of the last, lowest number first, so
     * the highest runs first. (No kill() here: Linux keeps kill's process-wide pending set
     * apart from tkill's per-thread one.) */
    kmask(SIG_BLOCK, BIT(SIGUSR1) | BIT(SIGUSR2) | BIT(SIGHUP));
    raise(SIGUSR2);
    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGHUP);
    sigset_t p;
    sigpending(&p);
    printf("pending: USR1 %d USR2 %d HUP %d TERM %d\n", sigismember(&p, SIGUSR1),
           sigismember(&p, SIGUSR2), sigismember(&p, SIGHUP), sigismember(&p, SIGTERM));
    uint64_t raw = 0;
    expect_err("rt_sigpending(size 8)", syscall(SYS_rt_sigpending, &raw, 8), 0);
    show_mask("rt_sigpending", raw);
    expect_err("rt_sigpending(size 16)", syscall(SYS_rt_sigpending, &raw, 16), EINVAL);
    expect_err("rt_sigpending(bad ptr)", syscall(SYS_rt_sigpending, (void *)16, 8), EFAULT);
    kmask(SIG_SETMASK, 0);
    printf("after unblocking: USR1 ran %d times, USR2 %d, HUP %d; handlers ran:%s\n",
           count[SIGUSR1], count[SIGUSR2], count[SIGHUP], order);

    /* A blocked ignored signal stays pending; setting SIG_IGN again discards it. */
    on(SIGUSR1, SIG_IGN, 0);
    raise(SIGUSR1);
    sigpending(&p);
    printf("ignored, unblocked, raised: pending %d\n", sigismember(&p, SIGUSR1));
    kmask(SIG_BLOCK, BIT(SIGUSR1));
    raise(SIGUSR1);
    sigpending(&p);
    printf("ignored, blocked, raised: pending %d\n", sigismember(&p, SIGUSR1));
    on(SIGUSR1, SIG_IGN, 0);
    sigpending(&p);
    printf("after setting SIG_IGN again: pending %d\n", sigismember(&p, SIGUSR1));
    on(SIGUSR2, SIG_DFL, 0);
    kmask(SIG_BLOCK, BIT(SIGUSR2) | BIT(SIGCHLD));
    raise(SIGUSR2);
    raise(SIGCHLD);
    on(SIGUSR2, SIG_IGN, 0);
    on(SIGCHLD, SIG_DFL, 0);
    sigpending(&p);
    printf("SIG_IGN discards blocked USR2: pending %d; SIG_DFL discards blocked CHLD: %d\n",
           sigismember(&p, SIGUSR2), sigismember(&p, SIGCHLD));
    kmask(SIG_SETMASK, 0);

    printf("== default-ignored signals\n");
    int ign[] = {SIGCHLD, SIGURG, SIGWINCH, SIGCONT};
    for (int i = 0; i < 4; i++) {
        on(ign[i], SIG_DFL, 0);
        printf("raise(%s) -> %d, still here\n", signame(ign[i]), raise(ign[i]));
    }
}

static void waits(void)
{
    printf("== sigtimedwait, sigwaitinfo, sigsuspend\n");
    on(SIGUSR1, counter, 0);
    on(SIGUSR2, counter, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct timespec zero = {0, 0};
    siginfo_t si;
    memset(&si, 0, sizeof si);
    expect_err("sigtimedwait(nothing pending, 0)", sigtimedwait(&set, &si, &zero), EAGAIN);
    struct timespec short_wait = {0, 20000000};
    expect_err("sigtimedwait(nothing pending, 20ms)", sigtimedwait(&set, &si, &short_wait), EAGAIN);
    struct timespec bad = {0, 1000000000};
    expect_err("sigtimedwait(tv_nsec 1e9)", sigtimedwait(&set, &si, &bad), EINVAL);
    raise(SIGUSR2);
    int r = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait after raise -> %s, si_signo %s si_code %d si_pid==getpid %d\n", signame(r),
           signame(si.si_signo), si.si_code, si.si_pid == getpid());
    kill(getpid(), SIGTERM);
    memset(&si, 0, sizeof si);
    r = sigwaitinfo(&set, &si);
    printf("sigwaitinfo after kill -> %s, si_signo %s si_code %d si_pid==getpid %d si_uid==getuid "
           "%d\n",
           signame(r), signame(si.si_signo), si.si_code, si.si_pid == getpid(),
           si.si_uid == getuid());
    syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2);
    r = sigtimedwait(&set, NULL, &zero);
    printf("sigtimedwait(NULL info) after tgkill -> %s\n", signame(r));
    sigset_t p;
    sigpending(&p);
    printf("nothing left pending: %d\n", !sigismember(&p, SIGUSR2) && !sigismember(&p, SIGTERM));
    expect_err("rt_sigtimedwait(size 4)", syscall(SYS_rt_sigtimedwait, &set, NULL, &zero, 4),
               EINVAL);
    /* An unblocked signal arriving during the wait runs its handler: EINTR. Here it is
     * already pending when the wait starts. */
    sigprocmask(SIG_UNBLOCK, &set, NULL);

    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    int before = count[SIGUSR1];
    sigset_t none;
    sigemptyset(&none);
    r = sigsuspend(&none);
    printf("sigsuspend -> %d errno %s, handler ran %d time(s)\n", r,
           errno == EINTR ? "EINTR" : strerror(errno), count[SIGUSR1] - before);
    show_mask("mask after sigsuspend", CURMASK());
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
}

static void kills(void)
{
    printf("== kill, tkill, tgkill\n");
    on(SIGUSR1, counter, 0);
    int before = count[SIGUSR1];
    expect_err("kill(getpid(), 0)", kill(getpid(), 0), 0);
    expect_err("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1), 0);
    expect_err("kill(getpid(), 65)", kill(getpid(), 65), EINVAL);
    expect_err("kill(getpid(), -1)", kill(getpid(), -1), EINVAL);
    expect_err("kill(5000000, SIGUSR1)", kill(5000000, SIGUSR1), ESRCH);
    expect_err("kill(5000000, 0)", kill(5000000, 0), ESRCH);
    expect_err("kill(-5000000, SIGUSR1)", kill(-5000000, SIGUSR1), ESRCH);
    expect_err("tkill(gettid(), SIGUSR1)", syscall(SYS_tkill, gettid(), SIGUSR1), 0);
    expect_err("tkill(5000000, SIGUSR1)", syscall(SYS_tkill, 5000000, SIGUSR1), ESRCH);
    expect_err("tkill(0, SIGUSR1)", syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
    expect_err("tgkill(getpid(), gettid(), SIGUSR1)",
               syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1), 0);
    expect_err("tgkill(getpid(), gettid(), 0)", syscall(SYS_tgkill, getpid(), gettid(), 0), 0);
    expect_err("tgkill(5000000, gettid(), SIGUSR1)",
               syscall(SYS_tgkill, 5000000, gettid(), SIGUSR1), ESRCH);
    expect_err("tgkill(getpid(), 5000000, SIGUSR1)",
               syscall(SYS_tgkill, getpid(), 5000000, SIGUSR1), ESRCH);
    expect_err("tgkill(getpid(), gettid(), 99)", syscall(SYS_tgkill, getpid(), gettid(), 99),
               EINVAL);
    expect_err("tgkill(0, gettid(), SIGUSR1)", syscall(SYS_tgkill, 0, gettid(), SIGUSR1), EINVAL);
    expect_err("raise(SIGUSR1)", raise(SIGUSR1), 0);
    printf("USR1 handler ran %d times\n", count[SIGUSR1] - before);
}

static void rtqueue(void)
{
    int rt = SIGRTMIN + 1;
    on(rt, counter, 0);
    on(SIGUSR1, counter, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, rt);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 0; i < 3; i++) {
        raise(rt);
        raise(SIGUSR1);
    }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("SIGRTMIN+1 raised 3 times while blocked: handler ran %d times\n", count[rt]);
    printf("SIGUSR1 raised 3 times while blocked: handler ran %d times\n", count[SIGUSR1]);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "rtqueue") == 0) {
        rtqueue();
        return 0;
    }
    actions();
    masks();
    nesting();
    pending();
    waits();
    kills();
    printf("done\n");
    return 0;
}
