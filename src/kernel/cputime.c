/* The app's CPU time. The run time is precise: the time since the app started less the
   kernel's waits (hlt), on CLOCK_MONOTONIC_RAW (as Linux's sched_clock, which adjtimex does
   not steer). The user/system split is sampled per tick, and scaled to the run time
   as Linux's cputime_adjust does. */
#include "kernel/cputime.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pit.h"
#include "kernel/time.h"

static uint64_t start_ns, idle_ns;
static volatile bool waiting;
static volatile uint32_t user_ticks, system_ticks;

void cputime_start(void)
{
    start_ns = time_raw_ns();
}

void cputime_wait(void)
{
    uint64_t t0 = time_raw_ns();
    waiting = true;
    cpu_wait();
    waiting = false;
    idle_ns += time_raw_ns() - t0;
}

void cputime_tick(bool user)
{
    if (user)
        user_ticks++;
    else if (!waiting)
        system_ticks++;
    else
        return;
    itimer_cpu_tick(user);
}

uint64_t cputime_ns(void)
{
    uint64_t now = time_raw_ns();
    return now - start_ns > idle_ns ? now - start_ns - idle_ns : 0;
}

uint64_t cputime_user_sampled_ns(void)
{
    return (uint64_t)user_ticks * TICK_NS;
}

uint64_t cputime_prof_sampled_ns(void)
{
    return ((uint64_t)user_ticks + system_ticks) * TICK_NS;
}

void cputime_split(uint64_t *utime, uint64_t *stime)
{
    uint64_t rtime = cputime_ns(), u = user_ticks, s = system_ticks;
    if (!s)
        *stime = 0;
    else if (!u)
        *stime = rtime;
    else /* rtime * s / (u + s), kept within 64 bits: rtime in us is < 2^44 for 200 days */
        *stime = rtime / 1000 * s / (u + s) * 1000;
    *utime = rtime - *stime;
}
