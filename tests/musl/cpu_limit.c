/* Proves RLIMIT_CPU as Linux's check_process_timers enforces it over the sampled user and
 * system time: past the soft limit SIGXCPU (si_code SI_KERNEL) comes, and the soft limit moves
 * a second on, so that it would come again each second; at the hard limit SIGKILL ends the
 * program (status 137). A soft limit of 0 is passed at once; the hard one is 1 s. */
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

static volatile int xcpu, code;

static void on_xcpu(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    code = si->si_code;
    xcpu++;
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_xcpu, .sa_flags = SA_SIGINFO};
    sigaction(SIGXCPU, &sa, 0);
    struct rlimit r = {0, 1};
    printf("setrlimit(RLIMIT_CPU, {0, 1}) = %d\n", setrlimit(RLIMIT_CPU, &r));
    while (!xcpu)
        ;
    getrlimit(RLIMIT_CPU, &r);
    printf("SIGXCPU, si_code %s; RLIMIT_CPU now {%llu, %llu}\n",
           code == SI_KERNEL ? "SI_KERNEL" : "another", (unsigned long long)r.rlim_cur,
           (unsigned long long)r.rlim_max);
    fflush(stdout);
    for (;;) /* to the hard limit: SIGKILL */
        ;
}
