/* Time since boot, counted by the TSC at a rate measured against the PIT. The PIT's counter,
   read beside the TSC, says where in its 1 ms period a moment falls, so no measurement
   depends on when, or whether, tick interrupts arrived: the app can hold those off by keeping
   the kernel busy, and once skewed the clock for good that way. A quarter-period measurement
   at boot, before the app starts (0.25 ms), gives the rate to about 0.1%; ticks then refine
   it over spans 8 times longer each time, up to a minute, the known rate telling how many
   whole periods passed. Without a TSC, time advances by whole ticks. */
#include "kernel/time.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pit.h"
#include "arch/x86/rtc.h"

#include <stdbool.h>

#define BOOT_SPAN (PIT_DIVISOR / 4) /* PIT clocks measured at boot: a quarter tick */
#define STAMP_SLACK 8u              /* PIT clocks allowed between the readings around the TSC */
#define REFINE_FIRST (8ull * PIT_DIVISOR)    /* PIT clocks: the first refinement's span */
#define REFINE_STEP 8u                       /* each refinement's span is this times the last */
#define REFINE_LAST (65536ull * PIT_DIVISOR) /* about a minute: then the rate stays */
#define REBASE_TICKS 1000u /* keeps the TSC delta small enough for 64-bit arithmetic */

/* A TSC reading and the PIT's position (clocks into its period) at the same moment. */
struct stamp {
    uint64_t tsc;
    uint32_t pos;
};

static volatile uint64_t ticks;
static uint64_t boot_epoch_ns;
static uint64_t tsc_per_tick; /* per PIT_DIVISOR clocks; 0 without a TSC */
static uint64_t base_ns, base_tsc;
static struct stamp anchor; /* what refinements measure from */
static uint64_t refine_at;  /* PIT clocks since the anchor for the next refinement; 0: done */

/* The PIT is read on both sides of the TSC, and again if the readings straddle a period's end
   or lie far apart (QEMU's vCPU thread may have been descheduled in between). */
static bool stamp_take(struct stamp *s)
{
    for (int i = 0; i < 16; i++) {
        uint32_t a = pit_position();
        uint64_t t = rdtsc();
        uint32_t b = pit_position();
        if (b >= a && b - a <= STAMP_SLACK) {
            *s = (struct stamp){t, (a + b) / 2};
            return true;
        }
    }
    return false;
}

/* PIT clocks from position p0 to p1, less than a period apart (readings a clock or two out of
   order count as none). */
static uint32_t pos_delta(uint32_t p0, uint32_t p1)
{
    if (p1 >= p0)
        return p1 - p0;
    return p0 - p1 < PIT_DIVISOR / 2 ? 0 : p1 + PIT_DIVISOR - p0;
}

/* Poll the PIT for BOOT_SPAN clocks. A gap between polls long enough to hide a whole period
   (a descheduled vCPU) spoils the measurement. */
static bool boot_measure(void)
{
    struct stamp a, s;
    if (!stamp_take(&a))
        return false;
    uint64_t clocks = 0, max_gap = 0, prev_tsc = a.tsc;
    uint32_t prev = a.pos;
    while (clocks < BOOT_SPAN) {
        if (!stamp_take(&s))
            return false;
        clocks += pos_delta(prev, s.pos);
        if (s.tsc - prev_tsc > max_gap)
            max_gap = s.tsc - prev_tsc;
        prev = s.pos, prev_tsc = s.tsc;
    }
    uint64_t dt = s.tsc - a.tsc;
    if (max_gap > dt / 4 || dt * PIT_DIVISOR / clocks == 0)
        return false;
    tsc_per_tick = dt * PIT_DIVISOR / clocks;
    anchor = a;
    base_tsc = a.tsc, base_ns = 0;
    refine_at = REFINE_FIRST;
    return true;
}

void time_init(void)
{
    boot_epoch_ns = (uint64_t)rtc_read_epoch() * 1000000000ull;
    for (int i = 0; cpu.tsc && i < 4 && !boot_measure(); i++)
        ;
}

static uint64_t tsc_ns(uint64_t now)
{
    return base_ns + (now - base_tsc) * TICK_NS / tsc_per_tick;
}

static void set_rate(uint64_t now, uint64_t rate)
{
    base_ns = tsc_ns(now); /* the clock goes on from where it is, at the new rate */
    base_tsc = now;
    tsc_per_tick = rate;
}

/* Measure the rate again from the anchor, once the span reaches refine_at. The current rate
   says how many whole periods passed (it is good to well under a quarter period over the
   span), the PIT's positions the rest. If ticks were held off so long that the span overshot
   what the rate can resolve, start again from here. */
static void refine(void)
{
    struct stamp s;
    if ((rdtsc() - anchor.tsc) * PIT_DIVISOR / tsc_per_tick < refine_at || !stamp_take(&s))
        return;
    uint64_t dt = s.tsc - anchor.tsc, est = dt * PIT_DIVISOR / tsc_per_tick;
    if (est > 4 * refine_at) {
        anchor = s;
        return;
    }
    uint64_t whole = (est + PIT_DIVISOR / 2 + anchor.pos - s.pos) / PIT_DIVISOR;
    uint64_t clocks = whole * PIT_DIVISOR + s.pos - anchor.pos;
    uint64_t off = est > clocks ? est - clocks : clocks - est;
    if (off < PIT_DIVISOR / 4)
        set_rate(s.tsc, dt * PIT_DIVISOR / clocks);
    refine_at = refine_at * REFINE_STEP > REFINE_LAST ? 0 : refine_at * REFINE_STEP;
}

void time_tick(void)
{
    uint64_t t = ++ticks;
    itimer_tick();
    if (!tsc_per_tick)
        return;
    if (refine_at)
        refine();
    if (t % REBASE_TICKS == 0)
        set_rate(rdtsc(), tsc_per_tick);
}

uint64_t time_ticks(void)
{
    return ticks;
}

uint64_t time_monotonic_ns(void)
{
    if (!tsc_per_tick)
        return ticks * TICK_NS;
    uint64_t ns = tsc_ns(rdtsc());
    static uint64_t last; /* never step back, even across a change of rate */
    if (ns < last)
        ns = last;
    last = ns;
    return ns;
}

uint64_t time_realtime_ns(void)
{
    return boot_epoch_ns + time_monotonic_ns();
}
