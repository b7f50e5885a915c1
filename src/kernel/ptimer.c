/* POSIX timers: timer_create, timer_settime, timer_gettime, timer_getoverrun and timer_delete,
   as Linux 6.1's kernel/time/posix-timers.c for its one process. A timer counts on its clock
   (a relative CLOCK_REALTIME one on the monotonic clock, as Linux's) and is looked at on every
   timer tick. Its signal (si_code SI_TIMER, si_timerid, si_overrun and its sigev_value) is
   queued at expiry; a periodic timer then waits for that signal's delivery (sig_dequeue) to go
   on, counting the periods it missed as the overrun, as Linux's posixtimer_rearm does. One
   whose signal is ignored goes on at once; a SIGEV_NONE timer never signals, and gettime
   moves it on. Timer ids count up from 0, each create taking one, even one that then fails. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define TIMERS_MAX 64 /* timer_create's EAGAIN past them */
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGEV_THREAD_ID 4
#define TIMER_ABSTIME 1
#define SI_TIMER (-2)
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11
#define CAP_WAKE_ALARM 35
#define NEVER UINT64_MAX
/* In a timer signal's sig_info: si_overrun, and _sys_private, which marks the signal of its
   timer's current arming (Linux's it_requeue_pending). */
#define OVERRUN 1
#define PRIVATE ((8 + sizeof(word_t)) / 4)

static struct ptimer {
    bool used, queued;   /* queued: its signal is pending, a periodic timer waiting for it */
    uint8_t notify;      /* SIGEV_* */
    int32_t id, signo;   /* signo: SIGEV_NONE's 0 */
    uint32_t clock, gen; /* gen: its armings, to tell its current signal (PRIVATE) */
    word_t value;
    uint64_t expires, interval; /* on base; expires NEVER when disarmed */
    uint32_t base;              /* the clock its expiry counts in */
    int64_t overrun;            /* the periods missed since its last signal, less one */
    uint32_t overrun_last;      /* its last signal's si_overrun */
} timers[TIMERS_MAX];
static int32_t next_id;
static uint32_t in_use;

static struct ptimer *find(uint32_t id)
{
    for (struct ptimer *t = timers; t < timers + TIMERS_MAX; t++)
        if (t->used && t->id == (int32_t)id)
            return t;
    return NULL;
}

/* The timer's expiry moved past now by whole periods (a periodic one's), counted as overruns. */
static void forward(struct ptimer *t, uint64_t now)
{
    if (t->expires > now || !t->interval)
        return;
    uint64_t n = (now - t->expires) / t->interval + 1;
    t->expires += n * t->interval;
    t->overrun += (int64_t)n;
}

void ptimer_tick(void)
{
    for (struct ptimer *t = timers; in_use && t < timers + TIMERS_MAX; t++) {
        if (!t->used || t->queued || t->notify == SIGEV_NONE || t->expires == NEVER)
            continue;
        uint64_t now = (uint64_t)time_clock_ns(t->base);
        if (now < t->expires)
            continue;
        struct sig_info info;
        sig_info_clear(&info, t->signo, SI_TIMER);
        info.words[0] = (uint32_t)t->id;
        memcpy(&info.words[2], &t->value, sizeof(word_t)); /* sigev_value */
        info.words[PRIVATE] = t->interval ? t->gen | 1 : 0;
        /* Queued with its details, or not at all: ignored, merged with one pending, or
           no room left for details (then it would never be delivered as this arming's). */
        bool was = sig_pending & sig_bit(t->signo);
        bool sent = !sig_queue(&info, t->notify == (SIGEV_SIGNAL | SIGEV_THREAD_ID)) && !was &&
                    (sig_pending & sig_bit(t->signo));
        t->queued = t->interval && sent;
        if (!t->interval)
            t->expires = NEVER;
        else if (!t->queued) /* ignored: it goes on, as Linux's restarts */
            forward(t, now);
    }
}

void ptimer_dequeued(struct sig_info *info)
{
    struct ptimer *t = find(info->words[0]);
    if (!t || !t->queued || info->words[PRIVATE] != (t->gen | 1))
        return; /* another arming's, a deleted timer's, or one the app sent */
    forward(t, (uint64_t)time_clock_ns(t->base));
    t->overrun_last = t->overrun > INT32_MAX ? INT32_MAX : (uint32_t)t->overrun;
    info->words[OVERRUN] = t->overrun_last;
    t->overrun = -1;
    t->queued = false;
}

sword_t sys_timer_create(uint32_t clock, uaddr_t uev, uaddr_t uid)
{
    uint32_t ev[16], w = abi_long_size(); /* sigevent: sigev_value, signo, notify, tid, ... */
    if (uev && copy_from_user(ev, uev, sizeof(ev)))
        return -EFAULT;
    bool alarm = clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM;
    if (time_clock_ns(clock) < 0 && !alarm && (int32_t)clock >= 0)
        return -EINVAL;
    if (clock >= 4 && clock <= 6) /* CLOCK_MONOTONIC_RAW and the coarse clocks */
        return -EOPNOTSUPP;
    struct ptimer *t = timers;
    while (t->used)
        if (++t == timers + TIMERS_MAX)
            return -EAGAIN;
    int32_t id = next_id;
    while (find((uint32_t)id))
        id = (id + 1) & INT32_MAX;
    next_id = (id + 1) & INT32_MAX;
    *t = (struct ptimer){
        .clock = clock, .id = id, .signo = SIGALRM, .value = (word_t)id, .expires = NEVER};
    if (uev) {
        const uint32_t *e = ev + w / 4;
        memcpy(&t->value, ev, w); /* the ABI's width: an int $0x80 call's is 4 */
        t->signo = (int32_t)e[0], t->notify = (uint8_t)e[1];
        bool signals = e[1] == SIGEV_SIGNAL || e[1] == SIGEV_THREAD ||
                       (e[1] == (SIGEV_SIGNAL | SIGEV_THREAD_ID) && e[2] == APP_PID);
        if (e[1] != SIGEV_NONE && (!signals || e[0] - 1 >= NSIG))
            return -EINVAL;
    }
    if (copy_to_user(uid, &id, sizeof(id)))
        return -EFAULT;
    if (alarm && !capable(CAP_WAKE_ALARM))
        return -EPERM;
    if ((int32_t)clock < 0 && time_clock_ns(clock) < 0)
        return -EINVAL; /* a CPU clock of no process of the app's */
    t->used = true;
    in_use++;
    return 0;
}

/* The time to the timer's expiry (1 ns when it is due, 0 when disarmed or a SIGEV_NONE
   timer's has passed) and its period, as Linux's common_timer_get. */
static void get(struct ptimer *t, uint64_t *left, uint64_t *interval)
{
    uint64_t now = (uint64_t)time_clock_ns(t->base);
    if (t->queued || t->notify == SIGEV_NONE)
        forward(t, now);
    *interval = t->interval;
    *left = t->expires == NEVER       ? 0
            : t->expires > now        ? t->expires - now
            : t->notify == SIGEV_NONE ? 0
                                      : 1;
}

static int32_t settime(uint32_t id, uint32_t flags, uaddr_t unew, uaddr_t uold, bool wide)
{
    uint64_t interval, value, left, old_interval;
    if (!unew)
        return -EINVAL;
    int32_t err = itimerspec_from_user(unew, wide, &interval, &value);
    if (err == -EFAULT)
        return err;
    struct ptimer *t = find(id);
    if (err || !t)
        return -EINVAL;
    get(t, &left, &old_interval);
    bool realtime =
        t->clock == CLOCK_REALTIME || t->clock == CLOCK_REALTIME_ALARM || t->clock == CLOCK_TAI;
    t->base = realtime && !(flags & TIMER_ABSTIME) ? CLOCK_MONOTONIC
              : t->clock == CLOCK_REALTIME_ALARM   ? CLOCK_REALTIME
              : t->clock == CLOCK_BOOTTIME_ALARM   ? CLOCK_BOOTTIME
                                                   : t->clock;
    t->gen += 2; /* a signal still pending is the last arming's */
    t->queued = false;
    t->overrun = -1;
    t->overrun_last = 0;
    t->interval = value ? interval : 0;
    t->expires = !value                  ? NEVER
                 : flags & TIMER_ABSTIME ? value
                                         : (uint64_t)time_clock_ns(t->base) + value;
    return uold ? itimerspec_to_user(uold, old_interval, left, wide) : 0;
}

sword_t sys_timer_settime(uint32_t id, uint32_t flags, uaddr_t unew, uaddr_t uold)
{
    return settime(id, flags, unew, uold, false);
}

sword_t sys_timer_settime64(uint32_t id, uint32_t flags, uaddr_t unew, uaddr_t uold)
{
    return settime(id, flags, unew, uold, true);
}

static int32_t gettime(uint32_t id, uaddr_t u, bool wide)
{
    struct ptimer *t = find(id);
    uint64_t left, interval;
    if (!t)
        return -EINVAL;
    get(t, &left, &interval);
    return itimerspec_to_user(u, interval, left, wide);
}

sword_t sys_timer_gettime(uint32_t id, uaddr_t u)
{
    return gettime(id, u, false);
}

sword_t sys_timer_gettime64(uint32_t id, uaddr_t u)
{
    return gettime(id, u, true);
}

sword_t sys_timer_getoverrun(uint32_t id)
{
    struct ptimer *t = find(id);
    return t ? (sword_t)t->overrun_last : -EINVAL;
}

sword_t sys_timer_delete(uint32_t id)
{
    struct ptimer *t = find(id);
    if (!t)
        return -EINVAL;
    t->used = false; /* a signal of its still pending stays */
    in_use--;
    return 0;
}

void ptimer_exec(void)
{
    memset(timers, 0, sizeof(timers));
    in_use = 0;
}
