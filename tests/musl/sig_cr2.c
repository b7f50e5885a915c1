/* Proves a signal's cr2 is the last page fault's signal, as Linux's thread.cr2: a handled
 * SIGSEGV at 0x1234 sets it, the stack then growing by 600 KiB (faults the kernel resolves,
 * no signal) leaves it, and a later SIGUSR1's sigcontext still shows 0x1234. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#ifdef __x86_64__
#define UC_CR2(uc) ((uintptr_t)((ucontext_t *)(uc))->uc_mcontext.gregs[REG_CR2])
#else
#define UC_CR2(uc) (((ucontext_t *)(uc))->uc_mcontext.cr2)
#endif

static sigjmp_buf back;
static volatile uintptr_t cr2;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    cr2 = UC_CR2(uc);
    siglongjmp(back, 1);
}

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    cr2 = UC_CR2(uc);
}

/* Touch 600 KiB of new stack, a page at a time from the top down. */
static __attribute__((noinline)) int grow(void)
{
    volatile char big[600 * 1024];
    for (long i = (long)sizeof(big) - 1; i >= 0; i -= 4096)
        big[i] = 1;
    return big[0];
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, 0);
    sa.sa_sigaction = on_usr1;
    sigaction(SIGUSR1, &sa, 0);
    if (sigsetjmp(back, 1) == 0)
        (void)*(volatile char *)0x1234;
    printf("the fault's cr2: %s\n", cr2 == 0x1234 ? "0x1234" : "WRONG");
    grow();
    raise(SIGUSR1);
    printf("a later signal's cr2, after the stack grew: %s\n",
           cr2 == 0x1234 ? "still 0x1234" : "WRONG");
    return 0;
}
