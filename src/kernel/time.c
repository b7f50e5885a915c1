/* Time since boot. The tick (about 1 kHz) is the reference; the TSC's rate is measured against
   it in the background during the first CALIBRATION_TICKS ticks, so boot never waits for it.
   Until then, time advances by whole ticks. */
#include "kernel/time.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pit.h"
#include "arch/x86/rtc.h"

#define CALIBRATION_TICKS 32u
#define REBASE_TICKS 1000u /* keeps the TSC delta small enough for 64-bit arithmetic */

static volatile uint64_t ticks;
static uint64_t boot_epoch_ns;
static uint64_t cal_tsc0;
static uint64_t tsc_per_tick; /* 0 until calibrated */
static uint64_t base_ns, base_tsc;

void time_init(void)
{
    boot_epoch_ns = (uint64_t)rtc_read_epoch() * 1000000000ull;
}

static uint64_t tsc_ns(uint64_t now)
{
    return base_ns + (now - base_tsc) * TICK_NS / tsc_per_tick;
}

void time_tick(void)
{
    uint64_t t = ++ticks;
    itimer_tick();
    if (!cpu.tsc)
        return;
    uint64_t now = rdtsc();
    if (t == 1) {
        cal_tsc0 = now;
    } else if (t == 1 + CALIBRATION_TICKS && !tsc_per_tick) {
        base_ns = t * TICK_NS;
        base_tsc = now;
        tsc_per_tick = (now - cal_tsc0) / CALIBRATION_TICKS;
        if (!tsc_per_tick)
            tsc_per_tick = 1;
    } else if (tsc_per_tick && t % REBASE_TICKS == 0) {
        base_ns = tsc_ns(now);
        base_tsc = now;
    }
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
    static uint64_t last; /* never step back, even across the switch from ticks to TSC */
    if (ns < last)
        ns = last;
    last = ns;
    return ns;
}

uint64_t time_realtime_ns(void)
{
    return boot_epoch_ns + time_monotonic_ns();
}
