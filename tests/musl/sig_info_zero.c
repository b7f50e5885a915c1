/* Proves the siginfo a handler gets has no stray bytes: past the fields the signal's kind
 * uses (si_addr for a fault; si_pid and si_uid for kill and tkill; the timer's fields for
 * SIGALRM), every byte up to the end of the 128 is zero, as Linux clears the whole siginfo
 * before filling it in. A kernel that copied uninitialised words of its own would show them. */
#include "sig.h"
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/time.h>

static volatile int done;
static unsigned char seen[128];

static void handler(int sig, siginfo_t *si, void *ucv)
{
    memcpy(seen, si, sizeof(seen));
    done = 1;
    if (sig == SIGILL)
        GREG(ucv, REG_PC) += 2; /* past the ud2 */
}

/* The bytes from `from` to the end that are not zero. */
static int stray(size_t from)
{
    int n = 0;
    for (size_t i = from; i < sizeof(seen); i++)
        n += seen[i] != 0;
    return n;
}

static void report(const char *what, size_t used)
{
    printf("%s: signo %d code %d, stray bytes past its fields: %d\n", what,
           ((siginfo_t *)seen)->si_signo, ((siginfo_t *)seen)->si_code, stray(used));
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
    sigaction(SIGILL, &sa, 0);
    sigaction(SIGUSR1, &sa, 0);
    sigaction(SIGUSR2, &sa, 0);
    sigaction(SIGALRM, &sa, 0);
    /* Dirty the stack the kernel may have used, then each kind of signal. */
    size_t addr_end = offsetof(siginfo_t, si_addr) + sizeof(void *);
    memset(seen, 0xAA, sizeof(seen));
    __asm__ volatile("ud2");
    report("ud2", addr_end);
    size_t uid_end = offsetof(siginfo_t, si_uid) + sizeof(uid_t);
    memset(seen, 0xAA, sizeof(seen));
    syscall(SYS_tkill, getpid(), SIGUSR1);
    report("tkill", uid_end);
    memset(seen, 0xAA, sizeof(seen));
    kill(getpid(), SIGUSR2);
    report("kill", uid_end);
    memset(seen, 0xAA, sizeof(seen));
    done = 0;
    struct itimerval it = {.it_value = {0, 1000}};
    setitimer(ITIMER_REAL, &it, 0);
    while (!done)
        ;
    /* A POSIX timer's fields (si_timerid, si_overrun, si_value) are not set for
       setitimer's SIGALRM: Linux sends it as a kernel signal with si_code SI_KERNEL. */
    report("setitimer", offsetof(siginfo_t, si_code) + sizeof(int));
    return 0;
}
