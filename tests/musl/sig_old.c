/* Proves i386's signal calls from before the real-time signals (sigaction, signal,
 * sigprocmask, sigpending, sigsuspend, sgetmask, ssetmask) behave as Linux 6.1's, as klibc's
 * static programs make them: struct old_sigaction (handler, mask, flags, restorer) in and out,
 * the handler run with its mask and its own signal blocked; signal's handler run once and
 * unmasked, the old handler given back; a mask that is the first 32 signals' word, whose sets
 * leave the real-time signals' bits as they are (but ssetmask's, and sigsuspend's, which are
 * the whole mask); what waits blocked; sigsuspend's EINTR and the mask back after it; and the
 * refusals (EINVAL for a bad signal, SIGKILL's action or a bad how, EFAULT for a bad pointer). */
#include "report.h"
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

struct old_sigaction {
    void (*handler)(int);
    uint32_t mask, flags;
    void (*restorer)(void);
};

#define BIT(s) (1u << ((s)-1))
static volatile int ran, seen_mask;

static void handler(int sig)
{
    ran = sig;
    seen_mask = (int)syscall(SYS_sgetmask);
}

/* The real-time signals' word of the mask (rt_sigprocmask's view of signals 33 to 64). */
static unsigned high_word(void)
{
    uint32_t m[2];
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, m, 8);
    return m[1];
}

int main(void)
{
    printf("-- sigaction\n");
    struct old_sigaction a = {handler, BIT(SIGUSR2), 0, 0}, o = {0};
    T(syscall(SYS_sigaction, SIGUSR1, &a, &o));
    printf("old: %s, mask %#x, flags %#x\n", o.handler == SIG_DFL ? "SIG_DFL" : "other", o.mask,
           o.flags);
    T(syscall(SYS_sigaction, SIGUSR1, 0, &o));
    printf("now: %s, mask %#x, flags %#x\n", o.handler == handler ? "handler" : "other", o.mask,
           o.flags);
    T(raise(SIGUSR1));
    printf("ran %d with mask %#x; after it %#x\n", ran, seen_mask, (unsigned)syscall(SYS_sgetmask));
    a.mask = ~0u; /* SIGKILL's and SIGSTOP's bits are dropped */
    T(syscall(SYS_sigaction, SIGUSR1, &a, 0));
    T(syscall(SYS_sigaction, SIGUSR1, 0, &o));
    printf("mask %#x\n", o.mask);
    T(syscall(SYS_sigaction, SIGKILL, &a, 0));
    T(syscall(SYS_sigaction, SIGKILL, 0, &o));
    T(syscall(SYS_sigaction, 0, 0, &o));
    T(syscall(SYS_sigaction, 65, 0, &o));
    T(syscall(SYS_sigaction, SIGUSR1, (void *)1, 0));
    T(syscall(SYS_sigaction, SIGUSR1, 0, (void *)1));

    printf("-- signal\n");
    T(syscall(SYS_signal, SIGUSR2, SIG_IGN));
    printf("old is handler: %s\n",
           syscall(SYS_signal, SIGUSR2, handler) == (long)SIG_IGN ? "SIG_IGN" : "other");
    T(syscall(SYS_sigaction, SIGUSR2, 0, &o));
    printf("flags %#x, mask %#x\n", o.flags, o.mask);
    ran = 0;
    T(raise(SIGUSR2));
    printf("ran %d with mask %#x\n", ran, seen_mask);
    T(syscall(SYS_sigaction, SIGUSR2, 0, &o));
    printf("then %s\n", o.handler == SIG_DFL ? "SIG_DFL" : "other");
    T(syscall(SYS_signal, SIGKILL, handler));
    T(syscall(SYS_signal, 0, handler));

    printf("-- masks\n");
    uint32_t rt[2] = {0, 1u << 1}; /* SIGRTMIN+... : signal 34 */
    T(syscall(SYS_rt_sigprocmask, SIG_BLOCK, rt, 0, 8));
    uint32_t set = BIT(SIGUSR1) | BIT(SIGKILL), old = 7;
    T(syscall(SYS_sigprocmask, SIG_BLOCK, &set, &old));
    printf("old %#x, now %#x, real-time %#x\n", old, (unsigned)syscall(SYS_sgetmask), high_word());
    T(raise(SIGUSR1));
    uint32_t pending = 0;
    T(syscall(SYS_sigpending, &pending));
    printf("pending %#x\n", pending);
    set = 0;
    T(syscall(SYS_sigprocmask, SIG_SETMASK, &set, &old));
    printf("old %#x, ran %d, real-time still %#x\n", old, ran, high_word());
    set = BIT(SIGUSR2);
    T(syscall(SYS_sigprocmask, 3, &set, 0));
    T(syscall(SYS_sigprocmask, SIG_BLOCK, &set, (void *)1));
    printf("after EFAULT: %#x\n", (unsigned)syscall(SYS_sgetmask));
    T(syscall(SYS_sigprocmask, SIG_UNBLOCK, &set, 0));
    T(syscall(SYS_sigprocmask, SIG_BLOCK, (void *)1, 0));
    T(syscall(SYS_ssetmask, BIT(SIGHUP) | BIT(SIGKILL)));
    printf("sgetmask %#x, real-time %#x\n", (unsigned)syscall(SYS_sgetmask), high_word());
    T(syscall(SYS_ssetmask, 0));

    printf("-- sigsuspend\n");
    set = BIT(SIGUSR1);
    T(syscall(SYS_sigaction, SIGUSR1, &(struct old_sigaction){handler, 0, 0, 0}, 0));
    T(syscall(SYS_sigprocmask, SIG_BLOCK, &set, 0));
    T(raise(SIGUSR1));
    ran = 0;
    T(syscall(SYS_sigsuspend, 0, 0, BIT(SIGUSR2)));
    printf("ran %d with mask %#x; after it %#x\n", ran, seen_mask, (unsigned)syscall(SYS_sgetmask));
    return 0;
}
