/* Proves adjtimex and clock_adjtime behave as Linux's NTP clock discipline: the state a fresh
 * boot reports (unsynchronised: TIME_ERROR), the checks (EFAULT, EINVAL for a tick 10% off, a
 * bad singleshot mode or ADJ_SETOFFSET's usec; EPERM without CAP_SYS_TIME but for reading, and
 * adjtime's read), what each mode sets and how it reads back (frequency in 2^-16 ppm, the
 * time constant's +4 in microsecond mode, ADJ_NANO, ADJ_TAI and CLOCK_TAI), and what the clock
 * does with it: ADJ_FREQUENCY runs CLOCK_MONOTONIC faster than CLOCK_MONOTONIC_RAW, adjtime()
 * slews 500 us a second, the PLL takes a 2^-(2 + constant) share of the offset each second,
 * ADJ_SETOFFSET steps the clock and clears NTP's state (even when refused), and STA_INS
 * inserts a leap second at midnight (TIME_INS, TIME_OOP with 23:59:59 again, TIME_WAIT,
 * TIME_OK), which a relative CLOCK_REALTIME sleep does not feel (it is measured on
 * CLOCK_MONOTONIC). clock_adjtime adjusts CLOCK_REALTIME only (EOPNOTSUPP for Linux's other
 * clocks, EINVAL for none). The struct of the width's C longs (i386's old_timex32) is copied back
 * by adjtimex even when refused (i386's from zero, tai too), by clock_adjtime only on success. The
 * seconds are counted from just past a second's start, so that each sleep spans a known number of
 * the seconds' ends where Linux (and moat) do NTP's work. moat only: on Linux it would steer the
 * host's clock. Its output is Linux's, as Debian's Linux i386 in QEMU gave it. */
#define _GNU_SOURCE
#include "report.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

/* struct __kernel_timex: i386's clock_adjtime64 and x86_64's clock_adjtime take it. */
struct ktimex {
    unsigned modes;
    int : 32;
    long long offset, freq, maxerror, esterror;
    int status;
    int : 32;
    long long constant, precision, tolerance, sec, usec, tick;
    long long ppsfreq, jitter;
    int shift;
    int : 32;
    long long stabil, jitcnt, calcnt, errcnt, stbcnt;
    int tai;
    int pad[11];
};
/* Linux's struct timex in the width's C longs: i386's adjtimex (124) and clock_adjtime (343)
   take it as old_timex32, which Linux copies back from zero; x86_64's as __kernel_timex, copied
   back as it came but for what the call sets. */
struct ltimex {
    unsigned modes;
    long offset, freq, maxerror, esterror;
    int status;
    long constant, precision, tolerance, sec, usec, tick, ppsfreq, jitter;
    int shift;
    long stabil, jitcnt, calcnt, errcnt, stbcnt;
    int tai;
    int pad[11];
};
#define NARROW (sizeof(long) == 4)
#ifdef SYS_clock_adjtime64
#define SYS_clock_adjtime_wide SYS_clock_adjtime64
#else
#define SYS_clock_adjtime_wide SYS_clock_adjtime
#endif

static long long ns_of(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static const char *state(int r)
{
    static const char *const names[] = {"TIME_OK",  "TIME_INS",  "TIME_DEL",
                                        "TIME_OOP", "TIME_WAIT", "TIME_ERROR"};
    return r >= 0 && r <= 5 ? names[r] : "?";
}

/* Set modes (with what tx holds) and print what comes back. */
static int adj(const char *what, unsigned modes, struct timex *tx)
{
    tx->modes = modes;
    int r = adjtimex(tx);
    if (r < 0) {
        printf("%s: -1 %s\n", what, errname(errno));
        return r;
    }
    printf("%s: %s offset %ld freq %ld maxerror %ld esterror %ld status %#x constant %ld "
           "precision %ld tolerance %ld tick %ld tai %d\n",
           what, state(r), tx->offset, tx->freq, tx->maxerror, tx->esterror, tx->status,
           tx->constant, tx->precision, tx->tolerance, tx->tick, tx->tai);
    return r;
}

static int get(const char *what)
{
    struct timex tx = {0};
    return adj(what, 0, &tx);
}

/* Sleep until ms past the start of the next second of CLOCK_REALTIME. */
static void next_second(int ms)
{
    struct timespec now, t;
    clock_gettime(CLOCK_REALTIME, &now);
    t = (struct timespec){now.tv_sec + 1, ms * 1000000L};
    clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &t, 0);
}

/* A second's relative sleep on CLOCK_REALTIME, which Linux measures on CLOCK_MONOTONIC: a
   leap second inside it does not lengthen it. Whether it lasted a second. */
static int sleep_a_realtime_second(void)
{
    long long m0 = ns_of(CLOCK_MONOTONIC);
    /* the system call itself: musl makes a relative CLOCK_REALTIME sleep a nanosleep */
#ifdef SYS_clock_nanosleep_time64
    syscall(SYS_clock_nanosleep_time64, CLOCK_REALTIME, 0, (long long[2]){1, 0}, 0);
#else
    syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &(struct timespec){1, 0}, 0);
#endif
    long long took = ns_of(CLOCK_MONOTONIC) - m0;
    return took > 950000000LL && took < 1050000000LL;
}

/* From a clean state: no offset, no slew, nominal frequency (the step clears the first two). */
static void clean(void)
{
    struct timex tx = {.freq = 0, .time = {0, 0}};
    tx.modes = ADJ_SETOFFSET | ADJ_FREQUENCY | ADJ_STATUS;
    tx.status = 0;
    adjtimex(&tx);
}

/* CLOCK_MONOTONIC less CLOCK_MONOTONIC_RAW, from readings close together (RAW on both sides
   within 20 us: a host that stalls the machine between them is read again). */
static long long mono_less_raw(void)
{
    long long d = 0;
    for (int i = 0; i < 50; i++) {
        long long r0 = ns_of(CLOCK_MONOTONIC_RAW), m = ns_of(CLOCK_MONOTONIC);
        long long r1 = ns_of(CLOCK_MONOTONIC_RAW);
        d = m - (r0 + r1) / 2;
        if (r1 - r0 < 20000)
            break;
    }
    return d;
}

/* How far CLOCK_MONOTONIC gains on CLOCK_MONOTONIC_RAW over one second's end, in us. */
static long gain_over_a_second(void)
{
    next_second(100);
    long long d0 = mono_less_raw();
    next_second(100);
    return (long)((mono_less_raw() - d0) / 1000);
}

/* The narrow and wide layouts' copying back, through the raw calls. */
static void layouts(void)
{
    struct ltimex t;
    long fill;
    memset(&fill, 0x5a, sizeof(fill));
    memset(&t, 0x5a, sizeof(t));
    t.modes = ADJ_TICK, t.tick = 8999;
    T(syscall(SYS_adjtimex, &t));
    int back = t.freq == fill &&
               (NARROW ? !t.pad[0] && !t.tai : t.pad[0] == 0x5a5a5a5a && t.tai == 0x5a5a5a5a);
    printf("refused, copied back as Linux's: %s (tick %ld)\n", back ? "yes" : "no", t.tick);
    memset(&t, 0x5a, sizeof(t));
    t.modes = 0;
    printf("read: %s", state((int)syscall(SYS_adjtimex, &t)));
    printf(" maxerror %ld status %#x constant %ld tolerance %ld tick %ld ppsfreq %ld, padding as "
           "Linux leaves it: %s\n",
           t.maxerror, t.status, t.constant, t.tolerance, t.tick, t.ppsfreq,
           t.pad[10] == (NARROW ? 0 : 0x5a5a5a5a) ? "yes" : "no");
    memset(&t, 0x5a, sizeof(t));
    t.modes = ADJ_TICK, t.tick = 8999;
    T(syscall(SYS_clock_adjtime, CLOCK_REALTIME, &t));
    printf("refused, not copied back: %s\n",
           t.pad[0] == 0x5a5a5a5a && t.tai == 0x5a5a5a5a ? "yes" : "no");
}

int main(void)
{
    struct timex tx = {0};
    puts("-- a fresh boot");
    get("read");
    T(syscall(SYS_adjtimex, (void *)8));
    T(syscall(SYS_clock_adjtime_wide, CLOCK_REALTIME, (void *)8));

    puts("-- the C long layout");
    layouts();

    puts("-- refusals");
    tx.tick = 8999;
    adj("tick 8999", ADJ_TICK, &tx);
    tx.tick = 11001;
    adj("tick 11001", ADJ_TICK, &tx);
    adj("ADJ_ADJTIME alone", 0x8000, &tx);
    tx.time = (struct timeval){0, 1000000};
    adj("setoffset usec 1000000", ADJ_SETOFFSET, &tx);
    tx.time = (struct timeval){0, -1};
    adj("setoffset usec -1", ADJ_SETOFFSET, &tx);
    tx.time = (struct timeval){0, 1000000000};
    adj("setoffset nsec 1e9", ADJ_SETOFFSET | ADJ_NANO, &tx);
    T(seteuid(65534));
    get("nobody reads");
    tx.freq = 1;
    adj("nobody sets the frequency", ADJ_FREQUENCY, &tx);
    adj("nobody reads adjtime", ADJ_OFFSET_SS_READ, &tx);
    tx.offset = 1;
    adj("nobody calls adjtime", ADJ_OFFSET_SINGLESHOT, &tx);
    T(seteuid(0));

    puts("-- modes (within a second: no second's end changes maxerror)");
    next_second(100);
    tx = (struct timex){.maxerror = 1000,
                        .esterror = 20,
                        .status = STA_PLL | STA_FREQHOLD,
                        .constant = 3,
                        .freq = 10 << 16};
    adj("set", ADJ_MAXERROR | ADJ_ESTERROR | ADJ_STATUS | ADJ_TIMECONST | ADJ_FREQUENCY, &tx);
    tx.freq = -(600L << 16);
    adj("freq -600 ppm", ADJ_FREQUENCY, &tx);
    tx.maxerror = 20000000, tx.esterror = -5;
    adj("errors out of range", ADJ_MAXERROR | ADJ_ESTERROR, &tx);
    tx.constant = 20;
    adj("constant 20", ADJ_TIMECONST, &tx);
    tx.constant = 37;
    adj("tai 37", ADJ_TAI, &tx);
    tx.constant = -1;
    adj("tai -1", ADJ_TAI, &tx);
    long long tai = ns_of(CLOCK_TAI) - ns_of(CLOCK_REALTIME);
    printf("CLOCK_TAI - CLOCK_REALTIME: %lld s\n", (tai + 500000000) / 1000000000);
    tx.constant = 2;
    adj("nano", ADJ_NANO | ADJ_TIMECONST, &tx);
    tx.offset = -1500;
    adj("offset -1500 ns", ADJ_OFFSET, &tx);
    tx.offset = 900000000;
    adj("offset 0.9 s", ADJ_OFFSET, &tx);
    adj("micro", ADJ_MICRO, &tx);
    tx.offset = 1000;
    adj("offset 1000 us", ADJ_OFFSET, &tx);
    tx.tick = 10010;
    adj("tick 10010", ADJ_TICK, &tx);
    tx.tick = 10000;
    adj("tick 10000", ADJ_TICK, &tx);
    /* The wide layout, i386's clock_adjtime64 and x86_64's clock_adjtime. */
    struct ktimex k = {.modes = ADJ_ESTERROR, .esterror = 33, .pad = {7, 7, 7}};
    T(syscall(SYS_clock_adjtime_wide, CLOCK_REALTIME, &k));
    printf("wide: esterror %lld maxerror %lld status %#x constant %lld tolerance %lld tai %d "
           "padding kept %d\n",
           k.esterror, k.maxerror, k.status, k.constant, k.tolerance, k.tai, k.pad[2]);

    puts("-- clock_adjtime's clocks");
    T(clock_adjtime(CLOCK_REALTIME, &(struct timex){0}));
    T(clock_adjtime(CLOCK_MONOTONIC, &(struct timex){0}));
    T(clock_adjtime(CLOCK_MONOTONIC_RAW, &(struct timex){0}));
    T(clock_adjtime(CLOCK_TAI, &(struct timex){0}));
    T(clock_adjtime(CLOCK_BOOTTIME, &(struct timex){0}));
    T(clock_adjtime(10, &(struct timex){0}));
    T(clock_adjtime(12, &(struct timex){0}));
    T(clock_adjtime(~0 << 3 | 2, &(struct timex){0}));
    T(clock_adjtime(~3 << 3 | 3, &(struct timex){0}));
    T(syscall(SYS_clock_adjtime_wide, CLOCK_MONOTONIC, (void *)8));

    puts("-- the phase offset: a 2^-(2 + 7) share each second");
    clean();
    tx = (struct timex){.status = STA_PLL | STA_FREQHOLD, .constant = 3, .maxerror = 1000};
    next_second(100);
    adj("pll", ADJ_STATUS | ADJ_TIMECONST | ADJ_MAXERROR, &tx);
    tx.offset = 1000;
    adj("offset 1000 us", ADJ_OFFSET, &tx);
    next_second(500);
    get("a second on");

    puts("-- frequency: 500 ppm");
    clean();
    tx.freq = 500 << 16;
    adj("freq 500 ppm", ADJ_FREQUENCY, &tx);
    long g = gain_over_a_second();
    printf("CLOCK_MONOTONIC gained 450 to 550 us on CLOCK_MONOTONIC_RAW: %s\n",
           g >= 450 && g <= 550 ? "yes" : "no");

    puts("-- adjtime: 500 us a second");
    clean();
    struct timeval delta = {0, 1200}, old;
    next_second(100);
    long long d0 = mono_less_raw();
    T(adjtime(&delta, &old));
    tx.offset = 0;
    adj("left", ADJ_OFFSET_SS_READ, &tx);
    next_second(100);
    adj("a second on", ADJ_OFFSET_SS_READ, &tx);
    delta = (struct timeval){0, -300};
    T(adjtime(&delta, &old));
    printf("old %ld us\n", (long)old.tv_usec);
    adj("left", ADJ_OFFSET_SS_READ, &tx);
    next_second(100);
    adj("a second on", ADJ_OFFSET_SS_READ, &tx);
    next_second(100);
    g = (long)((mono_less_raw() - d0) / 1000);
    printf("CLOCK_MONOTONIC gained 500 - 300 us (150 to 250): %s\n",
           g >= 150 && g <= 250 ? "yes" : "no");

    puts("-- ADJ_SETOFFSET");
    clean();
    tx = (struct timex){.status = STA_PLL, .maxerror = 100, .esterror = 100};
    adj("synchronised", ADJ_STATUS | ADJ_MAXERROR | ADJ_ESTERROR, &tx);
    long long r0 = ns_of(CLOCK_REALTIME), m0 = ns_of(CLOCK_MONOTONIC);
    tx.time = (struct timeval){86400, 0};
    adj("a day on", ADJ_SETOFFSET, &tx);
    long long step = ns_of(CLOCK_REALTIME) - r0 - (ns_of(CLOCK_MONOTONIC) - m0);
    printf("CLOCK_REALTIME stepped a day: %s\n",
           step > 86400000000000LL - 100000000 && step < 86400000000000LL + 100000000 ? "yes"
                                                                                      : "no");
    tx = (struct timex){.status = STA_PLL, .maxerror = 100, .esterror = 100};
    adj("synchronised", ADJ_STATUS | ADJ_MAXERROR | ADJ_ESTERROR, &tx);
    tx.time = (struct timeval){-2000000000, 0};
    adj("before the boot", ADJ_SETOFFSET, &tx);
    get("refused, yet cleared");

    puts("-- a leap second");
    clean();
    struct timespec eve = {1893455998, 500000000}; /* 2029-12-31 23:59:58.5 UTC */
    T(clock_settime(CLOCK_REALTIME, &eve));
    tx = (struct timex){.status = STA_PLL | STA_INS, .maxerror = 1000};
    adj("insert", ADJ_STATUS | ADJ_MAXERROR, &tx);
    int seconds = 0;
    for (int i = 0; i < 4; i++) {
        seconds += sleep_a_realtime_second();
        struct timex t = {0};
        int r = adjtimex(&t);
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        printf("%s: time %lld (+%lld), tai %d, clock %lld\n", state(r),
               (long long)t.time.tv_sec - 1893455998, (long long)t.time.tv_usec / 100000, t.tai,
               (long long)now.tv_sec - 1893455998);
        if (i == 2) {
            tx.status = STA_PLL;
            adj("no more leaps", ADJ_STATUS, &tx);
        }
    }
    printf("each relative CLOCK_REALTIME sleep lasted a second: %s\n", seconds == 4 ? "yes" : "no");
    return 0;
}
