/* Time since boot, counted by the TSC at a rate measured against the PIT. The PIT's counter,
   read beside the TSC, says where in its count a moment falls, so no measurement depends on
   when, or whether, tick interrupts arrived: the app can hold those off by keeping the kernel
   busy, and once skewed the clock for good that way. The first rate comes from the boot itself:
   from time_init to time_start the PIT counts down once through 55 ms, so the boot's own work
   is the measurement, polled longer only when it was too short to give the rate to 3%. Ticks
   then refine it over spans from one period up, 8 times longer each time, up to a minute, the
   known rate telling how many whole periods passed. Without a TSC, time advances by whole
   ticks. CLOCK_MONOTONIC runs at that rate times what adjtimex steers (kernel/ntp.c), set
   afresh as each second of CLOCK_REALTIME ends; CLOCK_MONOTONIC_RAW at the measured rate. */
#include "kernel/time.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pit.h"
#include "arch/x86/rtc.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "kernel/ntp.h"
#include "kernel/watchdog.h"

#include <stdbool.h>

#define BOOT_SPAN_PER_ERR 32u    /* the boot's span: at least this many times its readings' error */
#define STAMP_SLACK 8u           /* PIT clocks allowed between the readings around the TSC */
#define REFINE_FIRST PIT_DIVISOR /* PIT clocks: one period, which a rate good to 3% counts */
#define REFINE_STEP 8u           /* each refinement's span is this times the last */
#define REFINE_LAST (65536ull * PIT_DIVISOR) /* about a minute: then the rate stays */

/* A TSC reading and the PIT's position (clocks into its count) at the same moment, give or
   take spread clocks, how far apart the readings around the TSC were. */
struct stamp {
    uint64_t tsc;
    uint32_t pos, spread;
};

static volatile uint64_t ticks;
static struct stamp anchor;   /* what refinements measure from */
static uint64_t refine_at;    /* PIT clocks since the anchor for the next refinement; 0: done */
static bool counting;         /* the boot's count runs, and the anchor is on it */
static uint64_t tsc_per_tick; /* the TSC's measured rate, per PIT_DIVISOR clocks; 0: none */
static int64_t steer;         /* CLOCK_MONOTONIC's rate is the measured one * (1 + steer / 2^32) */
static uint64_t second_end;   /* CLOCK_MONOTONIC when CLOCK_REALTIME next ends a second */
/* The clocks themselves: since boot, [STEERED] is CLOCK_MONOTONIC, whose rate adjtimex steers,
   [RAW] CLOCK_MONOTONIC_RAW, the TSC's measured rate alone, each base_ns[i] + mul_shr32(tsc -
   base_tsc[i], mult[i]) (mult 0: no TSC rate; the product never overflows, so no tick need
   rebase them); CLOCK_REALTIME is epoch_ns more, CLOCK_TAI tai_ns
   more again. */
enum { STEERED, RAW };
static struct {
    uint64_t base_tsc[2], base_ns[2], mult[2], epoch_ns, tai_ns;
    int32_t tz_minuteswest, tz_dsttime;
} clk;
/* Its copy on a page of its own, once the ABI maps one for a vDSO (time_publish_to). The
   kernel only ever writes the copy: whatever the app does to that page (it may mprotect it
   writable) changes nothing but what its own vDSO reads. */
static volatile struct clock_page *published;

static void set_rate(uint64_t now, uint64_t rate);
static void second_align(void);

/* After every change of the clock: the vDSO retries a read that overlapped a publication. */
static void clock_publish(void)
{
    volatile struct clock_page *pub = published;
    if (!pub)
        return;
    uint32_t seq = pub->seq | 1;
    pub->seq = seq;
    __asm__ volatile("" ::: "memory");
    /* Each clock id's kind: 1 runs since boot (1 MONOTONIC, 6 MONOTONIC_COARSE, 7 BOOTTIME), 2
       is MONOTONIC_RAW (4), 3 since the epoch (0 REALTIME, 5 REALTIME_COARSE), 4 is TAI (11). */
    static const uint8_t kind[CLOCK_IDS] = {3, 1, 0, 0, 2, 3, 1, 1, 0, 0, 0, 4};
    for (int id = 0; id < CLOCK_IDS; id++) {
        uint8_t k = kind[id];
        uint64_t offset = k < 3 ? 0 : clk.epoch_ns + (k == 4 ? clk.tai_ns : 0);
        pub->clock[id].base_tsc = clk.base_tsc[k == 2];
        pub->clock[id].base_ns = k ? clk.base_ns[k == 2] + offset : 0;
        pub->clock[id].mult = k ? clk.mult[k == 2] : 0;
    }
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
    clk.epoch_ns = (uint64_t)rtc_read_epoch() * NSEC_PER_SEC;
    if (!cpu.tsc)
        return;
    clk.base_tsc[STEERED] = clk.base_tsc[RAW] = rdtsc(); /* the clocks' zero */
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
    tsc_per_tick = (s.tsc - anchor.tsc) * PIT_DIVISOR / (s.pos - anchor.pos);
    return tsc_per_tick != 0;
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
        tsc_per_tick = 0;
    else if (stamp_take(&anchor, pit_position))
        refine_at = REFINE_FIRST;
    set_rate(clk.base_tsc[RAW], tsc_per_tick); /* from the boot's zero */
    ntp_clear();                               /* NTP's nominal second */
    second_align();
}

void time_publish_to(void *page)
{
    published = page;
    clock_publish();
}

static uint64_t tsc_ns(int i, uint64_t now)
{
    return clk.base_ns[i] + mul_shr32(now - clk.base_tsc[i], clk.mult[i]);
}

/* Clock i goes on from where it is at now, at mult from now on. */
static void rebase(int i, uint64_t now, uint64_t mult)
{
    clk.base_ns[i] = tsc_ns(i, now);
    clk.base_tsc[i] = now;
    clk.mult[i] = mult;
}

/* CLOCK_MONOTONIC's mult, from the measured rate's. */
static uint64_t steered(uint64_t raw)
{
    uint64_t mag = (uint64_t)steer;
    return steer < 0 ? raw - mul_shr32(raw, 0 - mag) : raw + mul_shr32(raw, mag);
}

/* A new measured rate (0: none), for both clocks. */
static void set_rate(uint64_t now, uint64_t rate)
{
    tsc_per_tick = rate;
    uint64_t raw = rate ? ((uint64_t)TICK_NS << 32) / rate : 0;
    rebase(RAW, now, raw);
    rebase(STEERED, now, steered(raw));
    clock_publish();
}

/* Only CLOCK_MONOTONIC changes: CLOCK_MONOTONIC_RAW keeps its base, so no steering, however
   often, can move it. */
void time_steer(int64_t to)
{
    if (to == steer)
        return;
    steer = to;
    if (!tsc_per_tick)
        return; /* (the rate, once there is one, takes it) */
    rebase(STEERED, rdtsc(), steered(clk.mult[RAW]));
    clock_publish();
}

/* Measure the rate again from the anchor, once the span reaches refine_at. The current rate
   says how many whole periods passed (it is good to well under a quarter period over the
   span), the PIT's positions the rest. If ticks were held off so long that the span overshot
   what the rate can resolve, start again from here. */
static void refine(void)
{
    struct stamp s;
    if ((rdtsc() - anchor.tsc) * PIT_DIVISOR / tsc_per_tick < refine_at ||
        !stamp_take(&s, pit_position))
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

/* second_end from CLOCK_REALTIME as it is now. */
static void second_align(void)
{
    uint64_t mono = time_monotonic_ns();
    second_end = mono + NSEC_PER_SEC - (mono + clk.epoch_ns) % NSEC_PER_SEC;
}

/* Each second of CLOCK_REALTIME that ended: adjtimex's work for the next, and its leap. */
static void seconds_end(void)
{
    while (time_monotonic_ns() >= second_end) {
        int leap = ntp_second((int64_t)((second_end + clk.epoch_ns) / NSEC_PER_SEC));
        if (leap) {
            clk.epoch_ns += (uint64_t)((int64_t)leap * (int64_t)NSEC_PER_SEC);
            clock_publish();
        }
        second_end += NSEC_PER_SEC;
    }
}

/* Ticks that were held off or lost are caught up from the clock, as Linux's jiffies are: the
   console's rate limit goes by them, and an app that sleeps out its window by the clock must
   find it over. */
void time_tick(void)
{
    uint64_t now = tsc_per_tick ? time_raw_ns() / TICK_NS : 0;
    ticks = now > ticks ? now : ticks + 1;
    itimer_tick();
    ptimer_tick();
    watchdog_tick();
    seconds_end();
    if (tsc_per_tick && refine_at)
        refine();
}

uint64_t time_ticks(void)
{
    return ticks;
}

/* Never stepping back, even across a change of rate. */
static uint64_t clock_ns(int i)
{
    static uint64_t last[2];
    if (!tsc_per_tick)
        return ticks * TICK_NS;
    uint64_t ns = tsc_ns(i, rdtsc());
    if (ns < last[i])
        ns = last[i];
    last[i] = ns;
    return ns;
}

uint64_t time_monotonic_ns(void)
{
    return clock_ns(STEERED);
}

uint64_t time_raw_ns(void)
{
    return clock_ns(RAW);
}

uint64_t time_realtime_ns(void)
{
    return clk.epoch_ns + time_monotonic_ns();
}

uint64_t time_tai_ns(void)
{
    return clk.tai_ns + time_realtime_ns();
}

uint64_t time_epoch_ns(void)
{
    return clk.epoch_ns;
}

int time_set_realtime(uint64_t ns)
{
    uint64_t mono = time_monotonic_ns();
    ntp_clear(); /* even when refused, as Linux's */
    if (ns < mono || ns >= (uint64_t)TIME_SET_MAX_SEC * NSEC_PER_SEC)
        return -EINVAL;
    clk.epoch_ns = ns - mono;
    clock_publish();
    second_align();
    return 0;
}

void time_set_tai(int32_t seconds)
{
    clk.tai_ns = (uint64_t)((int64_t)seconds * (int64_t)NSEC_PER_SEC);
    clock_publish();
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

__attribute__((noinline)) struct timeval_k time_timeval(uint64_t ns)
{
    return (struct timeval_k){.sec = (sword_t)(ns / NSEC_PER_SEC),
                              .usec = (sword_t)(ns % NSEC_PER_SEC / 1000)};
}
