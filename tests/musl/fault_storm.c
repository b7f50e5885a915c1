/* Proves the kernel's fault lines are rate-limited as Linux's printk_ratelimit: a storm of 15
 * ud2 faults (each skipped by its handler) prints the burst's 10 lines; after 5 s the next
 * fault's line comes after the count of the 5 not shown. The app sees every fault either way. */
#include "sig.h"
#include <time.h>

static volatile int faults;

static void skip(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    GREG(uc, REG_PC) += 2; /* past the ud2 */
    faults++;
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = skip, .sa_flags = SA_SIGINFO};
    if (sigaction(SIGILL, &sa, NULL))
        return 2;
    for (int i = 0; i < 15; i++)
        __asm__ volatile("ud2" ::: "memory");
    printf("storm: %d faults\n", faults);
    fflush(stdout);
    /* Past the 5 s window, so that the next line closes it with its count. */
    nanosleep(&(struct timespec){.tv_sec = 5, .tv_nsec = 500000000}, NULL);
    __asm__ volatile("ud2" ::: "memory");
    printf("after the window: %d faults\n", faults);
    return 0;
}
