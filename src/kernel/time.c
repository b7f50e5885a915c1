/* Time since boot, counted by the TSC at a rate measured against the PIT. The PIT's counter,
   read beside the TSC, says where in its count a moment falls, so no measurement depends on
   when, or whether, tick interrupts arrived: the app can hold those off by keeping the kernel
   busy, and once skewed the clock for good that way. The first rate comes from the boot itself:
   from time_init to time_start the PIT counts down once through 55 ms, so the boot's own work
   is the measurement, polled longer only when it was too short to give the rate to 3%. Ticks
   then refine it over spans from one period up, 8 times longer each time, up to a minute, the
   known rate telling how many whole periods passed. Without a TSC, time advances by whole
   ticks. */
#include "kernel/time.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pit.h"
#include "arch/x86/rtc.h"
#include "kernel/errno.h"
#include "kernel/watchdog.h"

#include <stdbool.h>

#define BOOT_SPAN_PER_ERR 32u    /* the boot's span: at least this many times its readings' error */
#define STAMP_SLACK 8u           /* PIT clocks allowed between the readings around the TSC */
#define REFINE_FIRST PIT_DIVISOR /* PIT clocks: one period, which a rate good to 3% counts */
#define REFINE_STEP 8u           /* each refinement's span is this times the last */
#define REFINE_LAST (65536ull * PIT_DIVISOR) /* about a minute: then the rate stays */
#define REBASE_TICKS 1000u /* keeps the TSC delta small enough for 64-bit arithmetic */

/* A TSC reading and the PIT's position (clocks into its count) at the same moment, give or
   take spread clocks, how far apart the readings around the TSC were. */
struct stamp {
    uint64_t tsc;
    uint32_t pos, spread;
};

static volatile uint64_t ticks;
static struct stamp anchor; /* what refinements measure from */
static uint64_t refine_at;  /* PIT clocks since the anchor for the next refinement; 0: done */
static bool counting;       /* the boot's count runs, and the anchor is on it */
/* The clock itself (tsc_per_tick: per PIT_DIVISOR clocks; 0 without a TSC). */
static struct clock_page clk;
/* Its copy on a page of its own, once the ABI maps one for a vDSO (time_publish_to). The
   kernel only ever writes the copy: whatever the app does to that page (it may mprotect it
   writable) changes nothing but what its own vDSO reads. */
static volatile struct clock_page *published;

/* After every change of the clock: the vDSO retries a read that overlapped a publication. */
static void clock_publish(void)
{
    volatile struct clock_page *pub = published;
    if (!pub)
        return;
    uint32_t seq = pub->seq | 1;
    pub->seq = seq;
    __asm__ volatile("" ::: "memory");
    pub->tick_ns = clk.tick_ns;
    pub->base_ns = clk.base_ns;
    pub->base_tsc = clk.base_tsc;
    pub->tsc_per_tick = clk.tsc_per_tick;
    pub->epoch_ns = clk.epoch_ns;
    pub->tz_minuteswest = clk.tz_minuteswest;
    pub->tz_dsttime = clk.tz_dsttime;
    __asm__ volatile("" ::: "memory");
    pub->seq = seq + 1;
}

/* The PIT (read by `read`) is read on both sides of the TSC, and again if the readings
   straddle a period's end or lie far apart (QEMU's vCPU thread may have been descheduled in
   between). */
static bool stamp_take(struct stamp *s, uint32_t (*read)(void))
{
    for (int i = 0; i < 16; i++) {
        uint32_t a = read();
        uint64_t t = rdtsc();
        uint32_t b = read();
        if (b >= a && b - a <= STAMP_SLACK) {
            *s = (struct stamp){t, a + (b - a) / 2, b - a}; /* PIT_COUNT_OVER stays so */
            return true;
        }
    }
    return false;
}

void time_init(void)
{
    clk.epoch_ns = (uint64_t)rtc_read_epoch() * 1000000000ull;
    clk.tick_ns = TICK_NS;
    if (!cpu.tsc)
        return;
    clk.base_tsc = rdtsc(); /* the clock's zero */
    pit_count_start();
    counting = stamp_take(&anchor, pit_count_elapsed);
}

/* The rate from the anchor, a stamp on the count, to now, polling on while the span is short
   of BOOT_SPAN_PER_ERR times the readings' error (a clock, and half of each's spread). False
   if the count ran out (the vCPU was descheduled for 55 ms). */
static bool boot_rate(void)
{
    struct stamp s;
    do {
        if (!stamp_take(&s, pit_count_elapsed) || s.pos == PIT_COUNT_OVER || s.pos < anchor.pos)
            return false;
    } while (s.pos - anchor.pos < BOOT_SPAN_PER_ERR * (2 + anchor.spread + s.spread) / 2);
    clk.tsc_per_tick = (s.tsc - anchor.tsc) * PIT_DIVISOR / (s.pos - anchor.pos);
    return clk.tsc_per_tick != 0;
}

void time_start(void)
{
    bool ok = counting && boot_rate();
    for (int i = 0; cpu.tsc && !ok && i < 4; i++) { /* a fresh count, polled */
        pit_count_start();
        ok = stamp_take(&anchor, pit_count_elapsed) && boot_rate();
    }
    pit_init();
    if (!ok)
        clk.tsc_per_tick = 0;
    else if (stamp_take(&anchor, pit_position))
        refine_at = REFINE_FIRST;
    clock_publish();
}

void time_publish_to(void *page)
{
    published = page;
    clock_publish();
}

static uint64_t tsc_ns(uint64_t now)
{
    return clk.base_ns + (now - clk.base_tsc) * TICK_NS / clk.tsc_per_tick;
}

static void set_rate(uint64_t now, uint64_t rate)
{
    clk.base_ns = tsc_ns(now); /* the clock goes on from where it is, at the new rate */
    clk.base_tsc = now;
    clk.tsc_per_tick = rate;
    clock_publish();
}

/* Measure the rate again from the anchor, once the span reaches refine_at. The current rate
   says how many whole periods passed (it is good to well under a quarter period over the
   span), the PIT's positions the rest. If ticks were held off so long that the span overshot
   what the rate can resolve, start again from here. */
static void refine(void)
{
    struct stamp s;
    if ((rdtsc() - anchor.tsc) * PIT_DIVISOR / clk.tsc_per_tick < refine_at ||
        !stamp_take(&s, pit_position))
        return;
    uint64_t dt = s.tsc - anchor.tsc, est = dt * PIT_DIVISOR / clk.tsc_per_tick;
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
    watchdog_tick();
    if (!clk.tsc_per_tick)
        return;
    if (refine_at)
        refine();
    if (t % REBASE_TICKS == 0)
        set_rate(rdtsc(), clk.tsc_per_tick);
}

uint64_t time_ticks(void)
{
    return ticks;
}

uint64_t time_monotonic_ns(void)
{
    if (!clk.tsc_per_tick)
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
    return clk.epoch_ns + time_monotonic_ns();
}

int time_set_realtime(uint64_t ns)
{
    uint64_t mono = time_monotonic_ns();
    if (ns < mono)
        return -EINVAL;
    clk.epoch_ns = ns - mono;
    clock_publish();
    return 0;
}

void time_set_timezone(int32_t minuteswest, int32_t dsttime)
{
    clk.tz_minuteswest = minuteswest, clk.tz_dsttime = dsttime;
    clock_publish();
}

void time_timezone(int32_t *minuteswest, int32_t *dsttime)
{
    *minuteswest = clk.tz_minuteswest, *dsttime = clk.tz_dsttime;
}
