/* adjtimex and clock_adjtime: Linux's NTP kernel clock discipline (kernel/time/ntp.c, without
   PPS), whose numbers ntpd, chronyd and busybox's adjtimex read and set. A second's length is
   the nominal one, changed by ADJ_TICK, the frequency (ADJ_FREQUENCY, and what ADJ_OFFSET's
   PLL or FLL learns), a chunk of the remaining phase offset, and up to 500 us of adjtime()'s
   slew; time.c runs CLOCK_MONOTONIC (and with it CLOCK_REALTIME) at that rate, set afresh as
   each second of CLOCK_REALTIME ends (ntp_second), which also steps the leap seconds STA_INS
   and STA_DEL ask for. Linux's quantities are kept in its units (ns << 32 per NTP interval,
   NTP_HZ of them a second), so what adjtimex reads back rounds as on Linux. */
#include "kernel/ntp.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#include <stdbool.h>

#define NTP_HZ 250 /* Linux's NTP_INTERVAL_FREQ, its HZ: Debian's CONFIG_HZ */
#define USER_HZ 100
#define SCALE 32 /* NTP_SCALE_SHIFT */
#define NSEC_PER_USEC 1000
#define MAXPHASE 500000000ll /* ns */
#define MAXFREQ 500000ll     /* ns per s */
#define MAXFREQ_SCALED (MAXFREQ << SCALE)
#define PHASE_LIMIT 16000000ll /* us: NTP_PHASE_LIMIT */
#define MINSEC 256
#define MAXSEC 2048
#define MAXTC 10
#define SHIFT_PLL 2
#define SHIFT_FLL 2
#define PPM_SCALE (1000ll << (SCALE - 16)) /* 2^-16 ppm to ns << 32 per s */
#define PPM_SCALE_INV_SHIFT 19
#define PPM_SCALE_INV ((1ll << (PPM_SCALE_INV_SHIFT + SCALE)) / PPM_SCALE + 1)
#define MAX_TICKADJ 500ll /* us of adjtime()'s slew a second */
#define MAX_TAI_OFFSET 100000
#define SECS_PER_DAY 86400
#define NEVER INT64_MAX

/* modes */
#define ADJ_OFFSET 0x0001
#define ADJ_FREQUENCY 0x0002
#define ADJ_MAXERROR 0x0004
#define ADJ_ESTERROR 0x0008
#define ADJ_STATUS 0x0010
#define ADJ_TIMECONST 0x0020
#define ADJ_TAI 0x0080
#define ADJ_SETOFFSET 0x0100
#define ADJ_MICRO 0x1000
#define ADJ_NANO 0x2000
#define ADJ_TICK 0x4000
#define ADJ_ADJTIME 0x8000 /* adjtime(): ADJ_OFFSET_SINGLESHOT is this and ADJ_OFFSET */
#define ADJ_OFFSET_READONLY 0x2000
/* status */
#define STA_PLL 0x0001
#define STA_INS 0x0010
#define STA_DEL 0x0020
#define STA_UNSYNC 0x0040
#define STA_FREQHOLD 0x0080
#define STA_FLL 0x0008
#define STA_CLOCKERR 0x1000
#define STA_NANO 0x2000
#define STA_MODE 0x4000
#define STA_RONLY 0xff00 /* the PPS bits, CLOCKERR, NANO, MODE and CLK */
/* the return values */
enum { TIME_OK, TIME_INS, TIME_DEL, TIME_OOP, TIME_WAIT, TIME_ERROR };
/* The status bit that asks for TIME_INS's or TIME_DEL's leap; each leap's state after it is
   2 on from its own (TIME_OOP, TIME_WAIT). */
#define STA_LEAP(state) ((state) << 4)
_Static_assert(STA_LEAP(TIME_INS) == STA_INS && STA_LEAP(TIME_DEL) == STA_DEL, "leap bits");
_Static_assert(TIME_INS + 2 == TIME_OOP && TIME_DEL + 2 == TIME_WAIT, "leap states");

static int time_state = TIME_OK;
static int32_t time_status = STA_UNSYNC;
static int64_t time_offset;       /* the phase offset left, ns << 32 per interval */
static int64_t time_constant = 2; /* the PLL's time constant */
static int64_t time_maxerror = PHASE_LIMIT, time_esterror = PHASE_LIMIT; /* us */
static int64_t time_freq;                                                /* ns << 32 per s */
static int64_t time_reftime; /* when ADJ_OFFSET last came */
static int64_t time_adjust;  /* adjtime()'s slew left, us */
static int64_t tick_usec = 1000000 / USER_HZ;
static int64_t tick_length, tick_length_base; /* ns << 32 per interval */
static int64_t next_leap = NEVER;
static int32_t tai; /* CLOCK_TAI - CLOCK_REALTIME, s */

/* No leap is due. Out of line: the places that say so share one 10-byte constant. */
static __attribute__((noinline)) void no_leap(void)
{
    next_leap = NEVER;
}

/* Linux's shift_right: toward zero. Out of line: one copy of its negation's branch for the
   second's phase share and adjtimex's offset and frequency. */
static __attribute__((noinline)) int64_t shift_right(int64_t x, int s)
{
    return x < 0 ? -(-x >> s) : x >> s;
}

/* Out of line: adjtimex's nine clamps pass their bounds to one copy, where each was two
   compares and selects of 64-bit bounds of its own. */
static __attribute__((noinline)) int64_t clamp(int64_t x, int64_t lo, int64_t hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* The frequency, within MAXFREQ. Out of line: its bounds are two long constants. */
static __attribute__((noinline)) void set_freq(int64_t freq)
{
    time_freq = clamp(freq, -MAXFREQ_SCALED, MAXFREQ_SCALED);
}

/* The clock's rate from now on: the second tick_length makes, against a nominal one. */
static void steer(void)
{
    int64_t nominal = (int64_t)NSEC_PER_SEC << SCALE;
    time_steer((tick_length * NTP_HZ - nominal) / (int64_t)NSEC_PER_SEC);
}

static void update_frequency(void)
{
    int64_t second = (tick_usec * NSEC_PER_USEC * USER_HZ << SCALE) + time_freq;
    int64_t base = second / NTP_HZ;
    tick_length += base - tick_length_base; /* at once, not from the next second */
    tick_length_base = base;
}

static int64_t real_seconds(void)
{
    return (int64_t)(time_realtime_ns() / NSEC_PER_SEC);
}

void ntp_clear(void)
{
    time_adjust = 0;
    time_status |= STA_UNSYNC;
    time_maxerror = time_esterror = PHASE_LIMIT;
    update_frequency();
    tick_length = tick_length_base;
    time_offset = 0;
    no_leap();
    steer();
}

int ntp_second(int64_t secs)
{
    int leap = 0;
    switch (time_state) {
    case TIME_OK:
        if (time_status & (STA_INS | STA_DEL)) {
            time_state = time_status & STA_INS ? TIME_INS : TIME_DEL;
            int64_t at = time_state == TIME_INS ? secs : secs + 1; /* 23:59:60 or 23:59:59 */
            next_leap = secs + SECS_PER_DAY - at % SECS_PER_DAY;
        }
        break;
    case TIME_INS:
    case TIME_DEL:
        if (!(time_status & STA_LEAP(time_state))) {
            no_leap();
            time_state = TIME_OK;
        } else if (secs == next_leap) {
            leap = time_state == TIME_INS ? -1 : 1;
            /* the second's digits, then the word: one pointer for both */
            const char *what = leap < 0 ? "60\0inserting" : "59\0deleting";
            klog("Clock: %s leap second 23:59:%s UTC", what + 3, what);
            if (leap > 0)
                no_leap();
            time_state += 2;
            tai -= leap;
            time_set_tai(tai);
        }
        break;
    case TIME_OOP:
        no_leap();
        time_state = TIME_WAIT;
        break;
    case TIME_WAIT:
        if (!(time_status & (STA_INS | STA_DEL)))
            time_state = TIME_OK;
        break;
    }

    time_maxerror += MAXFREQ / NSEC_PER_USEC;
    if (time_maxerror > PHASE_LIMIT) {
        time_maxerror = PHASE_LIMIT;
        time_status |= STA_UNSYNC;
    }

    /* This second's share of the phase offset, and of adjtime()'s. */
    int64_t delta = shift_right(time_offset, SHIFT_PLL + (int)time_constant);
    time_offset -= delta;
    tick_length = tick_length_base + delta;
    /* up to MAX_TICKADJ of it, in whole ns an interval (NTP_HZ divides NSEC_PER_USEC) */
    int64_t slew = clamp(time_adjust, -MAX_TICKADJ, MAX_TICKADJ);
    time_adjust -= slew;
    tick_length += (slew * NSEC_PER_USEC / NTP_HZ) << SCALE;
    steer();
    return leap;
}

/* ADJ_OFFSET with STA_PLL: the phase to take up, and what it says of the frequency. The FLL
   (STA_FLL, or over long spans) learns from offset over the span, the PLL from its square. */
static void update_offset(int64_t offset)
{
    if (!(time_status & STA_PLL))
        return;
    if (!(time_status & STA_NANO))
        offset = clamp(offset, -1000000, 1000000) * NSEC_PER_USEC;
    offset = clamp(offset, -MAXPHASE, MAXPHASE);
    int64_t now = real_seconds();
    int64_t secs = time_status & STA_FREQHOLD ? 0 : now - time_reftime;
    time_reftime = now;

    int64_t adj = 0;
    time_status &= ~STA_MODE;
    if (secs >= MINSEC && ((time_status & STA_FLL) || secs > MAXSEC)) {
        time_status |= STA_MODE;
        adj = (offset * ((int64_t)1 << (SCALE - SHIFT_FLL))) / secs;
    }
    int64_t most = (int64_t)1 << (SHIFT_PLL + 1 + time_constant);
    if (secs > most)
        secs = most;
    /* (unsigned: a clock set back makes secs negative, and the product may wrap, as Linux's) */
    adj += (int64_t)((uint64_t)offset * (uint64_t)secs
                     << (SCALE - 2 * (SHIFT_PLL + 2 + time_constant)));
    set_freq(adj + time_freq);
    time_offset = (offset * ((int64_t)1 << SCALE)) / NTP_HZ;
}

/* What adjtimex passes and reads back, each field widened to 64 bits (the layouts differ). */
enum {
    TX_MODES,
    TX_OFFSET,
    TX_FREQ,
    TX_MAXERROR,
    TX_ESTERROR,
    TX_STATUS,
    TX_CONSTANT,
    TX_PRECISION,
    TX_TOLERANCE,
    TX_SEC,
    TX_USEC,
    TX_TICK,
    TX_PPSFREQ, /* the PPS fields, 0 without PPS */
    TX_JITTER,
    TX_SHIFT,
    TX_STABIL,
    TX_JITCNT,
    TX_CALCNT,
    TX_ERRCNT,
    TX_STBCNT,
    TX_TAI,
    TX_FIELDS
};

/* Linux's timekeeping_validate_timex: 0 or -errno. */
static int validate(const int64_t *tx)
{
    uint32_t modes = (uint32_t)tx[TX_MODES];
    if (modes & ADJ_ADJTIME) {
        if (!(modes & ADJ_OFFSET)) /* nothing else with adjtime()'s */
            return -EINVAL;
        if (!(modes & ADJ_OFFSET_READONLY) && !capable(CAP_SYS_TIME))
            return -EPERM;
    } else {
        if (modes && !capable(CAP_SYS_TIME))
            return -EPERM;
        if ((modes & ADJ_TICK) &&
            (tx[TX_TICK] < 900000 / USER_HZ || tx[TX_TICK] > 1100000 / USER_HZ))
            return -EINVAL; /* the quartz 10% off */
    }
    if (modes & ADJ_SETOFFSET) {
        if (!capable(CAP_SYS_TIME))
            return -EPERM;
        if (tx[TX_USEC] < 0 || tx[TX_USEC] >= (modes & ADJ_NANO ? 1000000000 : 1000000))
            return -EINVAL;
    }
    /* A 64-bit Linux refuses a frequency whose scaling would overflow; a 32-bit one wraps. */
    int64_t scaled;
    if ((modes & ADJ_FREQUENCY) && sizeof(long) == 8 &&
        __builtin_mul_overflow(tx[TX_FREQ], PPM_SCALE, &scaled))
        return -EINVAL;
    return 0;
}

static void process_modes(const int64_t *tx)
{
    uint32_t modes = (uint32_t)tx[TX_MODES];
    if (modes & ADJ_STATUS) {
        int32_t status = (int32_t)tx[TX_STATUS];
        if ((time_status & STA_PLL) && !(status & STA_PLL)) {
            time_state = TIME_OK;
            time_status = STA_UNSYNC;
            no_leap();
        }
        if (!(time_status & STA_PLL) && (status & STA_PLL))
            time_reftime = real_seconds();
        time_status = (time_status & STA_RONLY) | (status & ~STA_RONLY);
    }
    if (modes & ADJ_NANO)
        time_status |= STA_NANO;
    if (modes & ADJ_MICRO)
        time_status &= ~STA_NANO;
    if (modes & ADJ_FREQUENCY)
        set_freq((int64_t)((uint64_t)tx[TX_FREQ] * PPM_SCALE));
    if (modes & ADJ_MAXERROR)
        time_maxerror = clamp(tx[TX_MAXERROR], 0, PHASE_LIMIT);
    if (modes & ADJ_ESTERROR)
        time_esterror = clamp(tx[TX_ESTERROR], 0, PHASE_LIMIT);
    if (modes & ADJ_TIMECONST)
        time_constant =
            clamp(clamp(tx[TX_CONSTANT], 0, MAXTC) + (time_status & STA_NANO ? 0 : 4), 0, MAXTC);
    if ((modes & ADJ_TAI) && tx[TX_CONSTANT] >= 0 && tx[TX_CONSTANT] <= MAX_TAI_OFFSET) {
        tai = (int32_t)tx[TX_CONSTANT];
        time_set_tai(tai);
    }
    if (modes & ADJ_OFFSET)
        update_offset((long)tx[TX_OFFSET]);
    if (modes & ADJ_TICK)
        tick_usec = tx[TX_TICK];
    if (modes & (ADJ_TICK | ADJ_FREQUENCY | ADJ_OFFSET)) {
        update_frequency();
        steer();
    }
}

/* Linux's do_adjtimex on tx: the clock's state (TIME_*) with tx filled in, or -errno with tx
   as it came. */
static int adjtimex(int64_t *tx)
{
    int err = validate(tx);
    if (err)
        return err;
    uint32_t modes = (uint32_t)tx[TX_MODES];
    if (modes & ADJ_SETOFFSET) { /* a step (tv_sec far past any time the clock takes: none) */
        int64_t sec = clamp(tx[TX_SEC], -TIME_SET_MAX_SEC, TIME_SET_MAX_SEC);
        int64_t delta =
            sec * (int64_t)NSEC_PER_SEC + tx[TX_USEC] * (modes & ADJ_NANO ? 1 : NSEC_PER_USEC);
        err = time_set_realtime(time_realtime_ns() + (uint64_t)delta);
        if (err)
            return err;
    }
    uint64_t now = time_realtime_ns(), ns = now % NSEC_PER_SEC; /* (one division for both) */
    int64_t secs = (int64_t)(now / NSEC_PER_SEC);
    if (modes & ADJ_ADJTIME) { /* adjtime(), apart from the rest */
        int64_t left = time_adjust;
        if (!(modes & ADJ_OFFSET_READONLY)) {
            time_adjust = (long)tx[TX_OFFSET]; /* a C long, as Linux's (i386: 32 bits) */
            update_frequency();
            steer();
        }
        tx[TX_OFFSET] = left;
    } else {
        if (modes)
            process_modes(tx);
        tx[TX_OFFSET] = shift_right(time_offset * NTP_HZ, SCALE);
        if (!(time_status & STA_NANO))
            tx[TX_OFFSET] /= NSEC_PER_USEC;
    }
    int result = time_status & (STA_UNSYNC | STA_CLOCKERR) ? TIME_ERROR : time_state;
    tx[TX_FREQ] = shift_right((time_freq >> PPM_SCALE_INV_SHIFT) * PPM_SCALE_INV, SCALE);
    tx[TX_MAXERROR] = time_maxerror;
    tx[TX_ESTERROR] = time_esterror;
    tx[TX_STATUS] = time_status;
    tx[TX_CONSTANT] = time_constant;
    tx[TX_PRECISION] = 1;
    tx[TX_TOLERANCE] = MAXFREQ_SCALED / PPM_SCALE;
    tx[TX_TICK] = tick_usec;
    tx[TX_TAI] = tai;
    for (int i = TX_PPSFREQ; i <= TX_STBCNT; i++)
        tx[i] = 0;
    tx[TX_SEC] = secs;
    tx[TX_USEC] = (int64_t)(ns / (time_status & STA_NANO ? 1 : NSEC_PER_USEC));
    if (secs >= next_leap) { /* past a leap that the second's end has not yet stepped */
        if ((time_state == TIME_INS || time_state == TIME_DEL) &&
            (time_status & STA_LEAP(time_state))) {
            int64_t d = time_state == TIME_INS ? 1 : -1; /* a second more, or less */
            result = time_state + 2;
            tx[TX_TAI] += d;
            tx[TX_SEC] -= d;
        }
        if (time_state == TIME_OOP && secs == next_leap)
            result = TIME_WAIT;
    }
    return result;
}

/* The two layouts: struct __kernel_timex (every field 64-bit but modes, status, shift and tai,
   each aligned to its size; 208 bytes) and old_timex32 (all 32-bit; 128 bytes). Linux copies
   the first back whole, its padding as it came, and the second from zero. */
#define TIMEX64_SIZE 208
#define TIMEX32_SIZE 128

static bool is_int(int f)
{
    return f == TX_MODES || f == TX_STATUS || f == TX_SHIFT || f == TX_TAI;
}

static void timex_convert(uint8_t *buf, int64_t *tx, bool wide, bool out)
{
    uint32_t off = 0;
    for (int f = 0; f < TX_FIELDS; f++) {
        uint32_t size = wide && !is_int(f) ? 8 : 4;
        off = (off + size - 1) & ~(size - 1);
        if (out && size == 8)
            __builtin_memcpy(buf + off, &tx[f], 8);
        else if (out)
            __builtin_memcpy(buf + off, &(int32_t){(int32_t)tx[f]}, 4);
        else if (size == 8)
            __builtin_memcpy(&tx[f], buf + off, 8);
        else {
            int32_t v;
            __builtin_memcpy(&v, buf + off, 4);
            tx[f] = f == TX_MODES ? (int64_t)(uint32_t)v : v;
        }
        off += size;
    }
}

/* clock_adjtime's clocks: only CLOCK_REALTIME adjusts; Linux's other clocks (a CPU clock by
   a negative id) refuse with EOPNOTSUPP, a descriptor's (CLOCKFD) or no clock with EINVAL. */
static int clock_check(int32_t clock)
{
    if (clock == 0)
        return 0;
    if (clock < 0)
        return (clock & 7) == 3 ? -EINVAL : -EOPNOTSUPP;
    return clock <= 9 || clock == 11 ? -EOPNOTSUPP : -EINVAL;
}

/* adjtimex (clock < 0 never reaches here: that is clock_adjtime's) copies back even a refusal;
   clock_adjtime only a success. */
static sword_t adjtimex_user(uaddr_t u, bool wide, bool always_back, int32_t clock)
{
    uint8_t buf[TIMEX64_SIZE];
    uint32_t size = wide ? TIMEX64_SIZE : TIMEX32_SIZE;
    int64_t tx[TX_FIELDS];
    if (copy_from_user(buf, u, size))
        return -EFAULT;
    timex_convert(buf, tx, wide, false);
    if (!wide)
        tx[TX_TAI] = 0; /* Linux's get_old_timex32 takes all but tai */
    int r = clock_check(clock);
    if (!r)
        r = adjtimex(tx);
    if (r < 0 && !always_back)
        return r;
    if (!wide)
        __builtin_memset(buf, 0, size);
    timex_convert(buf, tx, wide, true);
    return copy_to_user(u, buf, size) ? -EFAULT : r;
}

sword_t sys_adjtimex(uaddr_t u)
{
    return adjtimex_user(u, false, true, 0);
}

sword_t sys_adjtimex_time64(uaddr_t u)
{
    return adjtimex_user(u, true, true, 0);
}

sword_t sys_clock_adjtime(uint32_t clock, uaddr_t u)
{
    return adjtimex_user(u, false, false, (int32_t)clock);
}

sword_t sys_clock_adjtime64(uint32_t clock, uaddr_t u)
{
    return adjtimex_user(u, true, false, (int32_t)clock);
}
