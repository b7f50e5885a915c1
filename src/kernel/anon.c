/* Files on Linux's anonymous inode: eventfd (a counter), timerfd (a timer read as the count of
   its expirations), epoll (a set of files to wait on) and signalfd (pending signals read as
   records), as Linux 6.1's fs/eventfd.c, fs/timerfd.c, fs/eventpoll.c and fs/signalfd.c. Nothing
   runs beside the app, so nothing wakes a sleeper but a signal or time: a timer is brought up to
   date whenever it is looked at, and an epoll looks at its files each time it is waited on (the
   app's own calls are what changes them). Its items wait in the order they were added; each one
   reported moves to the end, so a full array never starves the rest (Linux's ready list: in the
   order of the wakeups). An edge-triggered item is reported when an event it wants is new since the
   last look, or when its file has had a wakeup since that Linux's would give the item (file_stamp:
   its readers' or its writers', as Linux keys them). */
#include "kernel/anon.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/pipe.h"
#include "kernel/signal.h"
#include "kernel/socket_impl.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

enum { EVENTFD, TIMERFD, EPOLL, SIGNALFD };

#define EFD_SEMAPHORE 1
#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CAP_WAKE_ALARM 35
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EXCLUSIVE_OK (POLLIN | POLLOUT | POLLERR | POLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)
#define EP_MAX_NESTS 4
/* struct epoll_event: packed on x86_64, as on i386. */
struct epoll_event_k {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));
#define EVENT_SIZE sizeof(struct epoll_event_k)
#define EP_MAX_EVENTS (0x7fffffff / EVENT_SIZE)
#define NEVER UINT64_MAX

/* One file in an epoll's set: on the epoll's ring and on the file's list of watchers. */
struct epitem {
    struct epitem *next, *prev; /* the epoll's ring, in the order to report */
    struct epitem *fnext;       /* the file's other watchers */
    struct anon *ep;
    struct file *file; /* not a reference: the file's last close takes it out (anon_forget) */
    uint32_t fd, events, seen, stamp;
    uint64_t data;
};

struct anon {
    uint8_t kind;
    bool realtime;     /* timerfd: a CLOCK_REALTIME timer */
    bool flag;         /* eventfd: EFD_SEMAPHORE; timerfd: cancelled by a clock set */
    bool fired;        /* timerfd: expired since armed (Linux's expired: its timer stopped) */
    uint32_t wakes[2]; /* wakeups of readers (eventfd's writes, timerfd's ticks), of writers */
    uint64_t count;    /* eventfd's counter; timerfd's ticks since its last read; signalfd's mask */
    uint64_t expires, interval, epoch; /* timerfd: NEVER when disarmed; the clock set at arming */
    struct epitem ring;                /* epoll: the ring's head */
    struct file *file;                 /* its file: an epoll's watchers are the epolls above it */
    /* An epoll's state, worked out once per look (look): in a check of nesting its depth, in
       a set above it whether it has items to report (1) and its items' wakeups together. */
    uint32_t look, look_stamp;
    int32_t look_value;
};

/* The current look: a walk through nested sets (a check, an epoll_wait, a poll), in which each
   set counts once however many ways lead to it (Linux's loop_check_gen), so that no graph of
   sets costs more than its size. */
static uint32_t look;
static uint32_t looking; /* inside a look: nested polls belong to it */

static struct vnode *anon_node; /* the one node all share, as Linux's anon_inode */

static int anon_new(uint8_t kind, uint32_t flags, struct anon **out)
{
    if (!anon_node) {
        if (!(anon_node = vfs_new(0600)))
            return -ENOMEM;
        vfs_get(anon_node); /* for good */
    }
    struct anon *a = kmalloc(sizeof(*a));
    struct file *f = a ? file_new(anon_node, O_RDWR | (flags & O_NONBLOCK)) : NULL;
    if (!f) {
        kfree(a, sizeof(*a));
        return -ENOMEM;
    }
    a->kind = kind;
    a->expires = NEVER;
    a->ring.next = a->ring.prev = &a->ring;
    a->file = f;
    f->anon = a;
    *out = a;
    return fd_install(f, 0, flags & O_CLOEXEC);
}

static struct anon *anon_of(uint32_t fd, uint8_t kind, int32_t *err)
{
    struct file *f = fd_get(fd);
    *err = !f || (f->flags & O_PATH) ? -EBADF : -EINVAL;
    return f && f->anon && f->anon->kind == kind ? f->anon : NULL;
}

const char *anon_name(const struct file *f)
{
    static const char names[][10] = {"eventfd", "timerfd", "eventpoll", "signalfd"};
    return names[f->anon->kind];
}

/* A wait where Linux blocks: until a signal, or with time (a timer), another look. */
static int32_t wait(const struct file *f, bool timed)
{
    if (f->flags & O_NONBLOCK)
        return -EAGAIN;
    if (sig_deliverable())
        return -ERESTARTSYS;
    if (timed)
        cputime_wait();
    else
        sig_wait();
    return 0;
}

/* eventfd. */

sword_t sys_eventfd2(uint32_t count, uint32_t flags)
{
    struct anon *a;
    if (flags & ~(uint32_t)(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE))
        return -EINVAL;
    int fd = anon_new(EVENTFD, flags, &a);
    if (fd >= 0) {
        a->count = count;
        a->flag = flags & EFD_SEMAPHORE;
    }
    return fd;
}

sword_t sys_eventfd(uint32_t count)
{
    return sys_eventfd2(count, 0);
}

/* timerfd. */

static uint64_t clock_now(const struct anon *t)
{
    return t->realtime ? time_realtime_ns() : time_monotonic_ns();
}

/* Bring t up to date: its ticks since it was last looked at, and a cancel (a set of the
   wall clock since it was armed with TFD_TIMER_CANCEL_ON_SET), which counts as a tick. */
static void timer_update(struct anon *t)
{
    uint64_t now = clock_now(t), n = 0;
    if (t->flag && t->epoch != UINT64_MAX && t->epoch != time_epoch_ns()) {
        t->epoch = UINT64_MAX; /* told once */
        n = 1;
    }
    if (now >= t->expires) {
        uint64_t late = t->interval ? (now - t->expires) / t->interval + 1 : 1;
        n += late;
        t->expires = t->interval ? t->expires + late * t->interval : NEVER;
    }
    t->wakes[0] += n && !t->fired; /* Linux's timer fires once, until armed again */
    t->fired |= n != 0;
    t->count += n;
}

static int32_t timerfd_canceled(struct anon *t)
{
    if (t->epoch != UINT64_MAX)
        return 0;
    t->epoch = time_epoch_ns();
    t->count = 0;
    t->fired = false;
    return -ECANCELED;
}

sword_t sys_timerfd_create(uint32_t clock, uint32_t flags)
{
    if ((flags & ~(uint32_t)(O_CLOEXEC | O_NONBLOCK)) ||
        (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME &&
         clock != CLOCK_REALTIME_ALARM && clock != CLOCK_BOOTTIME_ALARM))
        return -EINVAL;
    if (clock >= CLOCK_REALTIME_ALARM && !capable(CAP_WAKE_ALARM))
        return -EPERM;
    struct anon *t;
    int fd = anon_new(TIMERFD, flags, &t);
    if (fd >= 0)
        t->realtime = clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_ALARM;
    return fd;
}

/* The time to the next expiry. */
static uint64_t timer_left(const struct anon *t)
{
    uint64_t now = clock_now(t);
    return t->expires != NEVER && t->expires > now ? t->expires - now : 0;
}

static int32_t timerfd_settime(uint32_t fd, uint32_t flags, uaddr_t unew, uaddr_t uold, bool wide)
{
    uint64_t interval, value;
    int32_t err = itimerspec_from_user(unew, wide, &interval, &value);
    if (err == -EFAULT)
        return err;
    if ((flags & ~(uint32_t)(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) || err)
        return -EINVAL;
    struct anon *t = anon_of(fd, TIMERFD, &err);
    if (!t)
        return err;
    timer_update(t);
    uint64_t old_interval = t->interval, old_left = timer_left(t), now = clock_now(t),
             max = NEVER / 2;
    t->flag = t->realtime && flags == (TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET);
    t->epoch = time_epoch_ns();
    t->count = 0;
    t->fired = false;
    t->interval = interval < max ? interval : max;
    value = value < max ? value : max;
    t->expires = !value ? NEVER : flags & TFD_TIMER_ABSTIME ? value : now + value;
    return uold ? itimerspec_to_user(uold, old_interval, old_left, wide) : 0; /* armed first */
}

sword_t sys_timerfd_settime(uint32_t fd, uint32_t flags, uaddr_t unew, uaddr_t uold)
{
    return timerfd_settime(fd, flags, unew, uold, false);
}

sword_t sys_timerfd_settime64(uint32_t fd, uint32_t flags, uaddr_t unew, uaddr_t uold)
{
    return timerfd_settime(fd, flags, unew, uold, true);
}

static int32_t timerfd_gettime(uint32_t fd, uaddr_t u, bool wide)
{
    int32_t err;
    struct anon *t = anon_of(fd, TIMERFD, &err);
    if (!t)
        return err;
    timer_update(t);
    t->fired &= !t->interval; /* a periodic timer's gettime arms it again, as Linux's */
    return itimerspec_to_user(u, t->interval, timer_left(t), wide);
}

sword_t sys_timerfd_gettime(uint32_t fd, uaddr_t u)
{
    return timerfd_gettime(fd, u, false);
}

sword_t sys_timerfd_gettime64(uint32_t fd, uaddr_t u)
{
    return timerfd_gettime(fd, u, true);
}

/* Read or write a counter, eventfd's (a write adds to it) or timerfd's (read only). */
static int32_t counter_rw(struct file *f, uaddr_t buf, uint32_t len, bool write)
{
    struct anon *a = f->anon;
    uint64_t v;
    if (len < 8 || (write && a->kind != EVENTFD))
        return -EINVAL;
    if (write) {
        if (copy_from_user(&v, buf, 8))
            return -EFAULT;
        if (v == UINT64_MAX)
            return -EINVAL;
    }
    for (int32_t err;;) {
        if (a->kind == TIMERFD)
            timer_update(a);
        if (write ? UINT64_MAX - a->count > v : a->count != 0)
            break;
        if ((err = wait(f, a->kind == TIMERFD)))
            return err;
    }
    if (a->kind == TIMERFD && timerfd_canceled(a))
        return -ECANCELED;
    if (write) {
        a->count += v;
        a->wakes[0]++; /* its readers woken */
    } else {
        v = a->flag && a->kind == EVENTFD ? 1 : a->count;
        a->count -= v;
        a->fired = false;                  /* a timer's read arms it again */
        a->wakes[1] += a->kind == EVENTFD; /* eventfd's writers woken */
    }
    return !write && copy_to_user(buf, &v, 8) ? -EFAULT : 8;
}

/* signalfd. */

/* struct signalfd_siginfo: the same on every ABI. */
struct ssi {
    uint32_t signo;
    int32_t err, code;
    uint32_t pid, uid;
    int32_t fd;
    uint32_t tid, band, overrun, trapno;
    int32_t status, value;
    uint64_t ptr, utime, stime, addr;
    uint16_t addr_lsb, pad;
    int32_t syscall;
    uint64_t call_addr;
    uint32_t arch;
    uint8_t zero[28];
};
_Static_assert(sizeof(struct ssi) == 128, "signalfd_siginfo is 128 bytes");

sword_t sys_signalfd4(uint32_t ufd, uaddr_t umask, word_t size, uint32_t flags)
{
    sigset_k mask;
    if (size != sizeof(mask))
        return -EINVAL;
    if (copy_from_user(&mask, umask, sizeof(mask)))
        return -EFAULT;
    if (flags & ~(uint32_t)(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    struct anon *a;
    int32_t fd = (int32_t)ufd, err;
    if (fd == -1)
        fd = anon_new(SIGNALFD, flags, &a);
    else if (!(a = anon_of(ufd, SIGNALFD, &err)))
        return err;
    if (fd >= 0)
        a->count = mask & ~SIG_UNBLOCKABLE; /* a mask for another, or the new file's */
    return fd;
}

sword_t sys_signalfd(uint32_t ufd, uaddr_t umask, word_t size)
{
    return sys_signalfd4(ufd, umask, size, 0);
}

/* A signal's record, as Linux's signalfd_copyinfo fills it from its layout's fields (a long
   or a pointer sign-extended, as its (long) casts do on i386). */
static void ssi_fill(struct ssi *o, const struct sig_info *in)
{
    const uint8_t *u = (const uint8_t *)in->words;
#define INT(off) (*(const int32_t *)(u + (off)))
#define LONG(off) ((uint64_t)(int64_t) * (const sword_t *)(u + (off)))
    enum { W = sizeof(word_t) };
    *o = (struct ssi){.signo = (uint32_t)in->signo, .err = in->err, .code = in->code};
    switch (sig_layout((uint32_t)in->signo, in->code)) {
    case SIL_CHLD:
        o->status = INT(8), o->utime = LONG(8 + W), o->stime = LONG(8 + 2 * W);
        __attribute__((fallthrough)); /* its pid and uid too */
    case SIL_KILL:
        o->pid = (uint32_t)INT(0), o->uid = (uint32_t)INT(4);
        break;
    case SIL_TIMER:
        o->tid = (uint32_t)INT(0), o->overrun = (uint32_t)INT(4);
        o->ptr = LONG(8), o->value = INT(8);
        break;
    case SIL_RT:
        o->pid = (uint32_t)INT(0), o->uid = (uint32_t)INT(4);
        o->ptr = LONG(8), o->value = INT(8);
        break;
    case SIL_POLL:
        o->band = (uint32_t)LONG(0), o->fd = INT(W);
        break;
    case SIL_SYS:
        o->call_addr = LONG(0), o->syscall = INT(W), o->arch = (uint32_t)INT(W + 4);
        break;
    case SIL_MCEERR:
        o->addr_lsb = (uint16_t)INT(W);
        __attribute__((fallthrough)); /* its address too */
    default:                          /* the faults' */
        o->addr = LONG(0);
    }
#undef INT
#undef LONG
}

/* As many pending signals of the mask as the buffer has records for, once one is there. */
static int32_t signalfd_read(struct file *f, uaddr_t buf, uint32_t len)
{
    uint32_t n = 0;
    if (len < sizeof(struct ssi))
        return -EINVAL;
    for (; len - n >= sizeof(struct ssi); n += sizeof(struct ssi)) {
        const struct sig_info *in;
        int32_t err;
        while (!(in = sig_dequeue(f->anon->count)))
            if (n || (err = wait(f, true)))
                return n ? (int32_t)n : err;
        struct ssi o;
        ssi_fill(&o, in);
        if (copy_to_user(buf + n, &o, sizeof(o)))
            return n ? (int32_t)n : -EFAULT;
    }
    return (int32_t)n;
}

/* epoll. */

static void epoll_look(struct anon *a);

/* A file's wakeups so far (see the top) that an item asking for events hears: Linux's wake
   up readers (POLLIN) or writers (POLLOUT), and a socket's all. */
static uint32_t file_stamp(const struct file *f, uint32_t events)
{
    bool in = events & (POLLIN | POLLRDNORM), out = events & (POLLOUT | POLLWRNORM);
    if (f->pipe)
        return pipe_stamp(f, in, out);
    if (f->anon && f->anon->kind == EPOLL)
        return epoll_look(f->anon), f->anon->look_stamp;
    const uint32_t *w = f->sock ? f->sock->wakeups : f->anon ? f->anon->wakes : NULL;
    return w ? (in ? w[0] : 0) + (out ? w[1] : 0) : 0;
}

/* What an item has to report (0: nothing, as a Linux item off the ready list): the events it
   asks for that its file has now (*ready), if it is level-triggered, or one is new since the
   last look, or its file has had a wakeup since. */
static uint32_t item_due(const struct epitem *i, uint32_t *ready)
{
    *ready = file_poll(i->file) & i->events;
    return !(i->events & EPOLLET) || (*ready & ~i->seen) ||
                   file_stamp(i->file, i->events) != i->stamp
               ? *ready
               : 0;
}

/* An epoll's due and stamp, once per look. */
static void epoll_look(struct anon *a)
{
    if (a->look == look)
        return;
    a->look = look;
    uint32_t due = 0, stamp = 0, ready;
    for (const struct epitem *i = a->ring.next; i != &a->ring; i = i->next) {
        due |= item_due(i, &ready);
        stamp += file_stamp(i->file, i->events);
    }
    a->look_value = due != 0;
    a->look_stamp = stamp;
}

static void ring_add(struct anon *ep, struct epitem *i)
{
    i->prev = ep->ring.prev;
    i->next = &ep->ring;
    ep->ring.prev->next = i;
    ep->ring.prev = i;
}

static void ring_del(struct epitem *i)
{
    i->prev->next = i->next;
    i->next->prev = i->prev;
}

static void item_free(struct epitem *i)
{
    struct epitem **p = &i->file->watchers;
    while (*p != i)
        p = &(*p)->fnext;
    *p = i->fnext;
    ring_del(i);
    kfree(i, sizeof(*i));
}

uint32_t anon_poll(const struct file *f)
{
    struct anon *a = f->anon;
    if (a->kind == EPOLL) {
        look += !looking; /* poll's or select's own: a new look */
        looking++;
        epoll_look(a);
        looking--;
        return a->look_value ? POLLIN | POLLRDNORM : 0;
    }
    if (a->kind == TIMERFD) {
        timer_update(a);
        return a->count ? POLLIN | POLLRDNORM : 0;
    }
    if (a->kind == SIGNALFD)
        return sig_pending & a->count ? POLLIN : 0;
    return (a->count ? POLLIN | POLLRDNORM : 0) |
           (UINT64_MAX - 1 > a->count ? POLLOUT | POLLWRNORM : 0);
}

int32_t anon_rw(struct file *f, uaddr_t buf, uint32_t len, bool write)
{
    uint8_t kind = f->anon->kind;
    return kind == EPOLL || (kind == SIGNALFD && write) ? -EINVAL
           : kind == SIGNALFD                           ? signalfd_read(f, buf, len)
                                                        : counter_rw(f, buf, len, write);
}

void anon_close(struct file *f)
{
    struct anon *a = f->anon;
    while (a->ring.next != &a->ring)
        item_free(a->ring.next);
    kfree(a, sizeof(*a));
}

void anon_forget(struct file *f)
{
    while (f->watchers)
        item_free(f->watchers);
}

sword_t sys_epoll_create1(uint32_t flags)
{
    struct anon *ep;
    return flags & ~(uint32_t)O_CLOEXEC ? -EINVAL : anon_new(EPOLL, flags, &ep);
}

sword_t sys_epoll_create(uint32_t size)
{
    return (int32_t)size <= 0 ? -EINVAL : sys_epoll_create1(0);
}

/* The most levels of epolls below to, or more than EP_MAX_NESTS if a way leads back to ep. */
static int depth_below(const struct anon *ep, struct anon *to, int depth)
{
    if (to->look == look)
        return to->look_value;
    int most = 0;
    for (const struct epitem *i = to->ring.next; i != &to->ring && most <= EP_MAX_NESTS;
         i = i->next) {
        struct anon *in = i->file->anon;
        if (in && in->kind == EPOLL) {
            int d = in == ep || depth > EP_MAX_NESTS ? EP_MAX_NESTS + 1
                                                     : depth_below(ep, in, depth + 1) + 1;
            most = d > most ? d : most;
        }
    }
    to->look = look;
    return to->look_value = most;
}

/* The most levels of epolls above ep. */
static int depth_above(struct anon *ep)
{
    if (ep->look == look)
        return ep->look_value;
    int most = 0;
    for (const struct epitem *i = ep->file->watchers; i; i = i->fnext) {
        int d = depth_above(i->ep) + 1;
        most = d > most ? d : most;
    }
    ep->look = look;
    return ep->look_value = most;
}

/* Would adding to in ep make a loop, or a chain deeper than EP_MAX_NESTS? Counted up from ep
   too, as Linux's ep_loop_check now does (6.1's looked down only: joins nested without end). */
static bool too_deep(struct anon *ep, struct anon *to)
{
    look++;
    int below = depth_below(ep, to, 0);
    look++;
    return below + 1 + depth_above(ep) > EP_MAX_NESTS;
}

/* May epoll watch f: has its file a poll of its own? */
static bool pollable(const struct file *f)
{
    return f->pipe || f->sock || f->anon || dev_polls(f->node);
}

sword_t sys_epoll_ctl(uint32_t epfd, uint32_t op, uint32_t fd, uaddr_t uevent)
{
    struct epoll_event_k ev = {0, 0};
    if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, EVENT_SIZE))
        return -EFAULT;
    struct file *f = fd_get(epfd), *tf = fd_get(fd);
    if (!f || !tf || ((f->flags | tf->flags) & O_PATH))
        return -EBADF;
    if (!pollable(tf))
        return -EPERM;
    struct anon *ep = f->anon, *to = tf->anon;
    bool nested = to && to->kind == EPOLL;
    if (f == tf || !ep || ep->kind != EPOLL)
        return -EINVAL;
    if ((ev.events & EPOLLEXCLUSIVE) &&
        (op == EPOLL_CTL_MOD || (op == EPOLL_CTL_ADD && (nested || (ev.events & ~EXCLUSIVE_OK)))))
        return -EINVAL;
    if (op == EPOLL_CTL_ADD && nested && too_deep(ep, to))
        return -ELOOP;
    struct epitem *i = tf->watchers;
    while (i && (i->ep != ep || i->fd != fd))
        i = i->fnext;
    switch (op) {
    case EPOLL_CTL_ADD:
        if (i)
            return -EEXIST;
        if (!(i = kmalloc(sizeof(*i))))
            return -ENOMEM;
        i->ep = ep, i->file = tf, i->fd = fd;
        i->fnext = tf->watchers;
        tf->watchers = i;
        ring_add(ep, i);
        break;
    case EPOLL_CTL_DEL:
        if (!i)
            return -ENOENT;
        item_free(i);
        return 0;
    case EPOLL_CTL_MOD:
        if (!i)
            return -ENOENT;
        if (i->events & EPOLLEXCLUSIVE)
            return -EINVAL;
        break;
    default:
        return -EINVAL;
    }
    i->events = ev.events | POLLERR | POLLHUP;
    i->data = ev.data;
    i->seen = 0; /* a new look: what is ready now is reported, edge-triggered or not */
    return 0;
}

/* Report up to max of ep's ready items into the app's array: how many, or -EFAULT if not even
   the first fits. Each item is looked at once, those reported going to the ring's end. */
static int32_t harvest(struct anon *ep, uaddr_t out, uint32_t max)
{
    int32_t n = 0;
    look++;
    looking++;
    struct epitem *i = ep->ring.next, *last = ep->ring.prev;
    for (bool more = i != &ep->ring; more && (uint32_t)n < max;) {
        struct epitem *next = i->next;
        more = i != last;
        uint32_t ready;
        if (item_due(i, &ready)) {
            struct epoll_event_k ev = {ready, i->data};
            if (copy_to_user(out + (uint32_t)n * EVENT_SIZE, &ev, EVENT_SIZE)) {
                n = n ? n : -EFAULT; /* the item stays as it was, as Linux puts it back */
                break;
            }
            n++;
            if (i->events & EPOLLONESHOT)
                i->events &= EP_PRIVATE_BITS;
            ring_del(i);
            ring_add(ep, i);
        }
        i->seen = ready;
        i->stamp = file_stamp(i->file, i->events);
        i = next;
    }
    looking--;
    return n;
}

/* epoll_wait and epoll_pwait(2): with the mask for the wait if there is one, as ppoll's. */
static int32_t epoll_wait(uint32_t epfd, uaddr_t out, uint32_t max, uint64_t deadline,
                          uaddr_t umask, word_t size)
{
    int32_t n = umask ? sig_wait_mask(umask, size) : 0;
    if (n)
        return n;
    if ((int32_t)max <= 0 || max > EP_MAX_EVENTS)
        n = -EINVAL;
    else if (!user_access_ok(out, max * EVENT_SIZE))
        n = -EFAULT;
    struct anon *ep = n ? NULL : anon_of(epfd, EPOLL, &n);
    while (ep && !(n = harvest(ep, out, max)) && time_monotonic_ns() < deadline) {
        if (sig_deliverable()) {
            n = -EINTR; /* never restarted, as Linux's */
            break;
        }
        cputime_wait();
    }
    return sig_wait_done(n);
}

static uint64_t deadline_ms(uint32_t ms)
{
    return (int32_t)ms < 0 ? NEVER : time_monotonic_ns() + (uint64_t)ms * 1000000u;
}

sword_t sys_epoll_pwait(uint32_t epfd, uaddr_t out, uint32_t max, uint32_t ms, uaddr_t umask,
                        word_t size)
{
    return epoll_wait(epfd, out, max, deadline_ms(ms), umask, size);
}

sword_t sys_epoll_wait(uint32_t epfd, uaddr_t out, uint32_t max, uint32_t ms)
{
    return sys_epoll_pwait(epfd, out, max, ms, 0, 0);
}

sword_t sys_epoll_pwait2(uint32_t epfd, uaddr_t out, uint32_t max, uaddr_t uts, uaddr_t umask,
                         word_t size)
{
    uint64_t ns = 0;
    int32_t err = uts ? timespec_from_user(uts, true, &ns) : 0;
    return err ? err
               : epoll_wait(epfd, out, max, uts ? time_monotonic_ns() + ns : NEVER, umask, size);
}
