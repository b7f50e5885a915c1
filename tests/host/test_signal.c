/*
 * test_signal.c: proves the libc's signal.h, setjmp.h and ucontext.h calls behave as musl's
 * do on Linux i386 and x86_64: the sigset functions, strsignal's texts (printed by a program
 * built with `i386-linux-musl-gcc -static`), setjmp and sigsetjmp with the mask, sigaction
 * with the libc's restorers (both frame kinds on i386, the rt frame on x86_64), the
 * alternate stack, blocking, pending and waiting, the ucontext a fault handler edits, and
 * the real-time interval timer.
 *
 * It is an app on the whole libc, built for both widths (test_signal_i386, and
 * test_signal_x86_64 on libc64): the host runs both directly, and moat boots the i386 one
 * too (`-initrd build/tests/host/test_signal_i386`), where it must print the same and exit 0.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static int failures, total;

/* One expectation: on failure, the expected and actual values side by side. */
#define CHECK(expr, expect) check_int(__LINE__, #expr, (long)(expr), (long)(expect))

static void check_int(int line, const char *what, long got, long expect)
{
    total++;
    if (got == expect)
        return;
    failures++;
    printf("FAIL line %d: %s\n  expected %ld\n  actual   %ld\n", line, what, expect, got);
}

static void check_str(int line, const char *what, const char *got, const char *expect)
{
    total++;
    if (!strcmp(got, expect))
        return;
    failures++;
    printf("FAIL line %d: %s\n  expected \"%s\"\n  actual   \"%s\"\n", line, what, expect, got);
}

/* The layouts the kernel's frames fix (arch/x86/include/uapi/asm/sigcontext.h). */
#ifdef __x86_64__
_Static_assert(offsetof(ucontext_t, uc_mcontext) == 40, "uc_mcontext");
_Static_assert(offsetof(ucontext_t, uc_sigmask) == 296, "uc_sigmask");
_Static_assert(offsetof(mcontext_t, fpregs) == 184, "fpregs after 23 gregs");
_Static_assert(offsetof(struct sigcontext, rdi) == REG_RDI * 8, "REG_RDI");
_Static_assert(offsetof(struct sigcontext, rip) == REG_RIP * 8, "REG_RIP");
_Static_assert(offsetof(struct sigcontext, cs) == REG_CSGSFS * 8, "REG_CSGSFS");
_Static_assert(offsetof(struct sigcontext, trapno) == REG_TRAPNO * 8, "REG_TRAPNO");
_Static_assert(offsetof(struct sigcontext, cr2) == REG_CR2 * 8, "REG_CR2");
_Static_assert(offsetof(struct sigcontext, fpstate) == 184, "fpstate");
_Static_assert(offsetof(siginfo_t, si_pid) == 16 && offsetof(siginfo_t, si_uid) == 20, "pid");
_Static_assert(offsetof(siginfo_t, si_value) == 24, "si_value");
_Static_assert(offsetof(siginfo_t, si_addr) == 16, "si_addr");
_Static_assert(offsetof(struct _fpstate, mxcsr) == 24, "FXSAVE's mxcsr");
_Static_assert(offsetof(struct _fpstate, _xmm) == 160, "FXSAVE's xmm0");

/* The program counter, an accumulator and cs, by their names in each width's gregs. */
#define REG_PC REG_RIP
#define REG_ACC REG_RAX
#define REG_CS_SLOT REG_CSGSFS
/* x86_64's fpstate is the FXSAVE image itself; i386's has the FSAVE header, magic 0. */
#define FXSAVE_MAGIC(fp) 0
#else
_Static_assert(offsetof(ucontext_t, uc_mcontext) == 20, "uc_mcontext");
_Static_assert(offsetof(ucontext_t, uc_sigmask) == 108, "uc_sigmask");
_Static_assert(offsetof(mcontext_t, fpregs) == 76, "fpregs after 19 gregs");
_Static_assert(offsetof(struct sigcontext, trapno) == REG_TRAPNO * 4, "REG_TRAPNO");
_Static_assert(offsetof(struct sigcontext, eip) == REG_EIP * 4, "REG_EIP");
_Static_assert(offsetof(struct sigcontext, esp_at_signal) == REG_UESP * 4, "REG_UESP");
_Static_assert(offsetof(struct sigcontext, ss) == REG_SS * 4, "REG_SS");
_Static_assert(offsetof(siginfo_t, si_pid) == 12 && offsetof(siginfo_t, si_uid) == 16, "pid");
_Static_assert(offsetof(siginfo_t, si_addr) == 12, "si_addr");
_Static_assert(offsetof(struct _fpstate, mxcsr) == 112 + 24, "FXSAVE's mxcsr");

#define REG_PC REG_EIP
#define REG_ACC REG_EAX
#define REG_CS_SLOT REG_CS
#define FXSAVE_MAGIC(fp) ((fp)->magic)
#endif

static const char *const musl_strsignal[] = {
    "Unknown signal",
    "Hangup",
    "Interrupt",
    "Quit",
    "Illegal instruction",
    "Trace/breakpoint trap",
    "Aborted",
    "Bus error",
    "Arithmetic exception",
    "Killed",
    "User defined signal 1",
    "Segmentation fault",
    "User defined signal 2",
    "Broken pipe",
    "Alarm clock",
    "Terminated",
    "Stack fault",
    "Child process status",
    "Continued",
    "Stopped (signal)",
    "Stopped",
    "Stopped (tty input)",
    "Stopped (tty output)",
    "Urgent I/O condition",
    "CPU time limit exceeded",
    "File size limit exceeded",
    "Virtual timer expired",
    "Profiling timer expired",
    "Window changed",
    "I/O possible",
    "Power failure",
    "Bad system call",
};

static void test_strings(void)
{
    char rt[8];

    for (int i = 0; i < 32; i++)
        check_str(__LINE__, "strsignal", strsignal(i), musl_strsignal[i]);
    for (int i = 32; i <= 64; i++) {
        snprintf(rt, sizeof rt, "RT%d", i);
        check_str(__LINE__, "strsignal(RT)", strsignal(i), rt);
    }
    check_str(__LINE__, "strsignal(-1)", strsignal(-1), "Unknown signal");
    check_str(__LINE__, "strsignal(65)", strsignal(65), "Unknown signal");
}

static void test_sets(void)
{
    sigset_t s;

    CHECK(sigemptyset(&s), 0);
    CHECK(sigismember(&s, SIGINT), 0);
    CHECK(sigaddset(&s, SIGINT), 0);
    CHECK(sigaddset(&s, 64), 0);
    CHECK(sigismember(&s, SIGINT) + sigismember(&s, 64) + sigismember(&s, 63), 2);
    CHECK(sigaddset(&s, 0), -1);
    CHECK(errno, EINVAL);
    CHECK(sigaddset(&s, 65), -1);
    CHECK(sigismember(&s, 65), 0);
    CHECK(sigdelset(&s, SIGINT), 0);
    CHECK(sigismember(&s, SIGINT), 0);
    CHECK(sigfillset(&s), 0);
    CHECK(sigismember(&s, 1) + sigismember(&s, 31) + sigismember(&s, 64), 3);
}

static void test_jumps(void)
{
    jmp_buf env;
    sigjmp_buf senv;
    volatile int passes = 0;
    sigset_t usr1, cur;
    int r;

    r = setjmp(env);
    passes++;
    if (r == 0)
        longjmp(env, 0);
    CHECK(r, 1); /* longjmp(env, 0) makes setjmp return 1 */
    CHECK(passes, 2);
    r = _setjmp(env);
    if (r == 0)
        _longjmp(env, 42);
    CHECK(r, 42);

    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_SETMASK, &usr1, 0);
    r = sigsetjmp(senv, 1);
    if (r == 0) {
        sigprocmask(SIG_UNBLOCK, &usr1, 0);
        siglongjmp(senv, 7);
    }
    sigprocmask(SIG_BLOCK, 0, &cur);
    CHECK(r, 7);
    CHECK(sigismember(&cur, SIGUSR1), 1); /* restored */
    r = sigsetjmp(senv, 0);
    if (r == 0) {
        sigprocmask(SIG_UNBLOCK, &usr1, 0);
        siglongjmp(senv, 8);
    }
    sigprocmask(SIG_BLOCK, 0, &cur);
    CHECK(r, 8);
    CHECK(sigismember(&cur, SIGUSR1), 0); /* not saved, so not restored */
}

static char altstack[4 * SIGSTKSZ];
static volatile sig_atomic_t hits, got_sig, got_code, pid_ok, on_alt, self_blocked, usr2_in_uc;
static volatile unsigned long fp_magic, fp_mxcsr, cs_rpl;

static void on_info(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    char here = 0;
    sigset_t cur;

    hits++;
    got_sig = sig;
    got_code = si->si_code;
    pid_ok = si->si_pid == getpid();
    on_alt = &here >= altstack && &here < altstack + sizeof altstack;
    sigprocmask(SIG_BLOCK, 0, &cur);
    self_blocked = sigismember(&cur, sig);
    usr2_in_uc = sigismember(&uc->uc_sigmask, SIGUSR2);
    cs_rpl = (unsigned long)uc->uc_mcontext.gregs[REG_CS_SLOT] & 3;
    fp_magic = uc->uc_mcontext.fpregs ? FXSAVE_MAGIC(uc->uc_mcontext.fpregs) : 99;
    fp_mxcsr = uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->mxcsr : 99;
}

static void on_plain(int sig)
{
    hits++;
    got_sig = sig;
}

static void test_actions(void)
{
    struct sigaction sa = {.sa_sigaction = on_info, .sa_flags = SA_SIGINFO}, old;
    sigset_t usr2, pending;

    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    CHECK(sigaction(SIGUSR1, &sa, 0), 0);
    CHECK(raise(SIGUSR1), 0);
    CHECK(hits, 1);
    CHECK(got_sig, SIGUSR1);
    CHECK(got_code, SI_TKILL);
    CHECK(pid_ok, 1);
    CHECK(on_alt, 0);
    CHECK(self_blocked, 1);
    CHECK(usr2_in_uc, 0); /* uc_sigmask is the mask to go back to */
    CHECK(cs_rpl, 3);
    CHECK(fp_magic, 0); /* an FXSAVE image follows */
    CHECK(fp_mxcsr, 0x1f80);
    CHECK(kill(getpid(), SIGUSR1), 0);
    CHECK(got_code, SI_USER);
    CHECK(sigaction(SIGUSR1, 0, &old), 0);
    CHECK(old.sa_sigaction == on_info, 1);
    CHECK(old.sa_flags & (SA_SIGINFO | SA_RESTORER), SA_SIGINFO | SA_RESTORER);
    CHECK(sigismember(&old.sa_mask, SIGUSR2), 1);

    /* signal(): BSD semantics; on i386 its handler returns through the legacy sigreturn */
    CHECK(signal(SIGUSR2, on_plain) == SIG_DFL, 1);
    CHECK(sigaction(SIGUSR2, 0, &old), 0);
    CHECK(old.sa_flags & SA_RESTART, SA_RESTART);
    hits = 0;
    CHECK(raise(SIGUSR2), 0);
    CHECK(hits, 1);
    CHECK(signal(SIGKILL, on_plain) == SIG_ERR, 1);
    CHECK(errno, EINVAL);
    CHECK(sigaction(65, &sa, 0), -1);

    /* blocked, pending, then delivered on unblocking */
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, 0);
    hits = 0;
    raise(SIGUSR2);
    sigpending(&pending);
    CHECK(hits, 0);
    CHECK(sigismember(&pending, SIGUSR2), 1);
    sigprocmask(SIG_UNBLOCK, &usr2, 0);
    CHECK(hits, 1);
    CHECK(sigprocmask(7, &usr2, 0), -1);
    CHECK(errno, EINVAL);

    /* SA_RESETHAND and SA_NODEFER */
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
    sigaction(SIGUSR1, &sa, 0);
    raise(SIGUSR1);
    CHECK(self_blocked, 0);
    sigaction(SIGUSR1, 0, &old);
    CHECK(old.sa_handler == SIG_DFL, 1);
}

static void test_waiting(void)
{
    struct timespec zero = {0, 0};
    sigset_t usr2;
    siginfo_t si;
    int sig = 0;

    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, 0);
    CHECK(sigtimedwait(&usr2, &si, &zero), -1);
    CHECK(errno, EAGAIN);
    raise(SIGUSR2);
    CHECK(sigtimedwait(&usr2, &si, &zero), SIGUSR2);
    CHECK(si.si_code, SI_TKILL);
    raise(SIGUSR2);
    CHECK(sigwaitinfo(&usr2, &si), SIGUSR2);
    raise(SIGUSR2);
    CHECK(sigwait(&usr2, &sig), 0);
    CHECK(sig, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &usr2, 0);
}

static sigjmp_buf fault_env;

static void on_ud2(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    got_sig = sig;
    got_code = si->si_code;
    fp_magic = (unsigned long)uc->uc_mcontext.gregs[REG_TRAPNO];
    uc->uc_mcontext.gregs[REG_PC] += 2; /* past the ud2 */
    uc->uc_mcontext.gregs[REG_ACC] = 1234;
}

static void on_segv(int sig)
{
    siglongjmp(fault_env, sig);
}

static void test_altstack_and_faults(void)
{
    struct sigaction sa = {.sa_sigaction = on_info, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    stack_t ss = {.ss_sp = altstack, .ss_size = 100}, old;
    sigset_t cur;
    int eax, r;

    CHECK(sigaltstack(&ss, 0), -1);
    CHECK(errno, ENOMEM);
    ss.ss_size = sizeof altstack;
    CHECK(sigaltstack(&ss, &old), 0);
    CHECK(old.ss_flags, SS_DISABLE);
    CHECK(sigaltstack(0, &old), 0);
    CHECK(old.ss_flags, 0);
    CHECK(old.ss_sp == altstack, 1);
    CHECK(old.ss_size, sizeof altstack);
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, 0);
    raise(SIGUSR1);
    CHECK(on_alt, 1);

    sa.sa_sigaction = on_ud2;
    sigaction(SIGILL, &sa, 0);
    __asm__ volatile("movl $0, %%eax\n\tud2" : "=a"(eax));
    CHECK(got_sig, SIGILL);
    CHECK(got_code, ILL_ILLOPN);
    CHECK(fp_magic, 6); /* trapno: #UD */
    CHECK(eax, 1234);   /* the handler's edit of the ucontext took effect */

    signal(SIGSEGV, on_segv);
    r = sigsetjmp(fault_env, 1);
    if (r == 0)
        *(volatile int *)0 = 1;
    sigprocmask(SIG_BLOCK, 0, &cur);
    CHECK(r, SIGSEGV);
    CHECK(sigismember(&cur, SIGSEGV), 0); /* siglongjmp put the mask back */
    signal(SIGSEGV, SIG_DFL);
}

static void on_alarm(int sig)
{
    (void)sig;
    hits++;
}

static void test_timers(void)
{
    struct itimerval it = {{0, 10000}, {0, 10000}}, cur, off = {{0, 0}, {0, 0}};
    sigset_t alrm, empty;

    signal(SIGALRM, on_alarm);
    CHECK(alarm(5), 0);
    CHECK(alarm(0), 5);
    CHECK(setitimer(ITIMER_REAL, &it, 0), 0);
    CHECK(getitimer(ITIMER_REAL, &cur), 0);
    CHECK(cur.it_interval.tv_sec * 1000000 + cur.it_interval.tv_usec, 10000);
    hits = 0;
    CHECK(pause(), -1);
    CHECK(errno, EINTR);
    CHECK(hits >= 1, 1);
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, 0);
    hits = 0;
    sigemptyset(&empty);
    CHECK(sigsuspend(&empty), -1);
    CHECK(errno, EINTR);
    CHECK(hits, 1);
    setitimer(ITIMER_REAL, &off, 0);
    sigprocmask(SIG_UNBLOCK, &alrm, 0);
    getitimer(ITIMER_REAL, &cur);
    CHECK(cur.it_value.tv_sec + cur.it_value.tv_usec, 0);
}

int main(void)
{
    test_strings();
    test_sets();
    test_jumps();
    test_actions();
    test_waiting();
    test_altstack_and_faults();
    test_timers();
    printf("test_signal: %d of %d checks passed\n", total - failures, total);
    return failures != 0;
}
