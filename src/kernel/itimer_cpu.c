/* ITIMER_VIRTUAL and ITIMER_PROF: count down the app's user time (SIGVTALRM) or its user and
   system time (SIGPROF) a tick at a time, as Linux's check_cpu_itimer does; and RLIMIT_CPU. */
#include "arch/x86/pit.h"
#include "kernel/cputime.h"
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "kernel/rlimit.h"
#include "kernel/signal.h"
#include "kernel/time.h"

static struct {
    uint64_t left, interval; /* ns of CPU time; left 0: disarmed */
} timers[2];                 /* ITIMER_VIRTUAL - 1, ITIMER_PROF - 1 */

static void count(int t, int sig)
{
    if (!timers[t].left)
        return;
    if (timers[t].left > TICK_NS) {
        timers[t].left -= TICK_NS;
        return;
    }
    timers[t].left = timers[t].interval;
    sig_send(sig, SI_KERNEL, 0);
}

/* RLIMIT_CPU over the sampled user and system time, as Linux's check_process_timers: SIGKILL
   at the hard limit; at the soft one SIGXCPU, and the soft limit a second on, so that it comes
   again each second. */
static void cpu_limit(void)
{
    struct rlimit_k *r = &rlimits[RLIMIT_CPU];
    if (r->cur == RLIM_INFINITY) /* no limit: nothing to sample (each tick asks) */
        return;
    uint64_t t = cputime_prof_sampled_ns();
    if (r->max != RLIM_INFINITY && t >= (uint64_t)r->max * NSEC_PER_SEC)
        sig_send(SIGKILL, SI_KERNEL, 0);
    else if (t >= (uint64_t)r->cur * NSEC_PER_SEC)
        sig_send(SIGXCPU, SI_KERNEL, 0), r->cur++;
}

void itimer_cpu_tick(bool user)
{
    if (user)
        count(0, SIGVTALRM);
    count(1, SIGPROF);
    cpu_limit();
}

void itimer_cpu_get(int which, uint64_t *value, uint64_t *interval)
{
    *value = timers[which - 1].left;
    *interval = timers[which - 1].interval;
}

void itimer_cpu_set(int which, uint64_t value, uint64_t interval)
{
    /* Linux adds a tick, so the timer never fires before the time has run. */
    timers[which - 1].left = value ? value + TICK_NS : 0;
    timers[which - 1].interval = interval;
}
