/* The pending signals and their details, as Linux keeps them: a set for the thread (tkill,
   tgsigqueueinfo, faults) and one for the process (kill, sigqueue, timers, the terminal).
   A standard signal is pending at most once in each set: its details have a slot of their
   own. A real-time one has a FIFO of entries from one pool. Every instance with details
   counts against RLIMIT_SIGPENDING, as Linux's sigqueue entries do. The thread's set is taken
   first, as Linux's dequeue_signal does. */
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "kernel/rlimit.h"
#include "kernel/signal.h"
#include <mode/exit_work.h>
#include <stddef.h>

/* Linux delivers these first: they come from the instruction that just ran. All are standard
   signals: the mask is of the sets' low words. */
#define SYNCHRONOUS                                                                                \
    (uint32_t)(sig_bit(SIGSEGV) | sig_bit(SIGBUS) | sig_bit(SIGILL) | sig_bit(SIGTRAP) |           \
               sig_bit(SIGFPE) | sig_bit(31))
/* Linux's default RLIMIT_SIGPENDING, and one instance per standard signal in each set (which
   may exceed the limit). A root app may raise the limit past this: the entries then run out
   first, as Linux's allocation would. */
#define POOL_SIZE (1024 + 2 * SIGRTMIN)

struct entry {
    struct sig_info info;
    uint16_t next; /* index into pool; 0 ends a list */
};

struct pending {
    sigset_k set;
    uint32_t detailed;             /* the standard signals whose std[] slot holds details */
    struct sig_info std[SIGRTMIN]; /* by signal number (std[0] unused) */
    struct {
        uint16_t head, tail;
    } lists[NSIG + 1]; /* the real-time signals' queues */
};

sigset_k sig_pending; /* both sets together */
static struct pending thread_pending, process_pending;
static struct entry pool[POOL_SIZE + 1]; /* pool[0] is the null index */
static uint16_t free_list, pool_used;
static uint32_t queued; /* instances with details: what RLIMIT_SIGPENDING limits */

/* May one more instance keep its details? override: whatever the limit says. */
static bool detail_allowed(bool override)
{
    return queued < POOL_SIZE && (override || queued < rlimit_cur(RLIMIT_SIGPENDING));
}

uint32_t sigqueue_count(void)
{
    return queued;
}

bool sigqueue_idle(void)
{
    /* With nothing pending, nothing is queued (queued counts pending instances): only a
       limit of 0 refuses, as detail_allowed(false) would. */
    return !sig_pending && rlimit_cur(RLIMIT_SIGPENDING);
}

static uint16_t entry_alloc(void)
{
    uint16_t i = free_list;
    if (i)
        free_list = pool[i].next;
    else
        i = ++pool_used; /* queued < POOL_SIZE: there is one */
    queued++;
    return i;
}

static void entry_free(uint16_t i)
{
    pool[i].next = free_list;
    free_list = i;
    queued--;
}

/* The low word of a set: signals 1..32, every standard one among them. The standard signals'
   paths work on it alone: a 64-bit operation is two on i386, and GCC keeps doing the high
   word's half even where it cannot change. x86 is little-endian: the low word comes first. */
static inline uint32_t *low_word(sigset_k *set)
{
    return (uint32_t *)set;
}

/* sig_pending anew, after the rare paths have cleared bits in either set. */
static void pending_update(void)
{
    sig_pending = thread_pending.set | process_pending.set;
}

/* The rare case, kept apart: inlined, its registers would be saved on the common path too. */
__attribute__((noinline)) static int rt_add(struct pending *p, const struct sig_info *info)
{
    int sig = info->signo;
    if (detail_allowed(false)) {
        uint16_t i = entry_alloc();
        pool[i].info = *info;
        pool[i].next = 0;
        if (p->lists[sig].tail)
            pool[p->lists[sig].tail].next = i;
        else
            p->lists[sig].head = i;
        p->lists[sig].tail = i;
    } else if (info->code != SI_USER) {
        return -EAGAIN;
    } /* else raised without its details */
    p->set |= sig_bit(sig);
    sig_pending |= sig_bit(sig);
    exit_work_signal(true);
    return 0;
}

int sigqueue_add(const struct sig_info *info, bool to_thread)
{
    struct pending *p = to_thread ? &thread_pending : &process_pending;
    int sig = info->signo;
    if (sig >= SIGRTMIN)
        return rt_add(p, info);
    uint32_t bit = (uint32_t)sig_bit(sig);
    if (*low_word(&p->set) & bit)
        return 0; /* a standard signal merges with the pending instance */
    *low_word(&p->set) |= bit;
    *low_word(&sig_pending) |= bit;
    exit_work_signal(true);
    /* As Linux: the kernel's and kill's standard signals always keep their details; others
       without room are raised without them, as Linux loses them. */
    if (detail_allowed(info->code >= 0)) {
        p->std[sig] = *info;
        p->detailed |= bit;
        queued++;
    }
    return 0;
}

static void flush(struct pending *p, int sig)
{
    if (sig < SIGRTMIN) {
        uint32_t bit = 1u << (sig - 1);
        if (p->detailed & bit)
            queued--;
        p->detailed &= ~bit;
    }
    for (uint16_t i = p->lists[sig].head, next; i; i = next) {
        next = pool[i].next;
        entry_free(i);
    }
    p->lists[sig].head = p->lists[sig].tail = 0;
    p->set &= ~sig_bit(sig);
}

void sigqueue_flush(int sig, bool thread_only)
{
    flush(&thread_pending, sig);
    if (!thread_only)
        flush(&process_pending, sig);
    pending_update();
}

/* A signal raised without its details: Linux's collect_signal makes it SI_USER. */
static const struct sig_info *without_details(int sig)
{
    static struct sig_info no_details;
    sig_info_clear(&no_details, sig, SI_USER);
    return &no_details;
}

/* Dequeue from p the instance of the standard signal sig (pending there). Its bits are known to
   be set where they are cleared: an exclusive or clears them, without the bit's complement. */
static const struct sig_info *take_std(struct pending *p, int sig)
{
    uint32_t bit = (uint32_t)sig_bit(sig);
    *low_word(&p->set) ^= bit;
    *low_word(&sig_pending) = *low_word(&thread_pending.set) | *low_word(&process_pending.set);
    if (!(p->detailed & bit))
        return without_details(sig);
    p->detailed ^= bit;
    queued--;
    return &p->std[sig];
}

/* The same for a real-time signal (kept apart as rt_add is). Linux keeps it pending only while
   another entry follows this one. The freed entry keeps its information until the next one is
   queued. */
__attribute__((noinline)) static const struct sig_info *take_rt(struct pending *p, int sig)
{
    uint16_t i = p->lists[sig].head;
    if (i) {
        p->lists[sig].head = pool[i].next;
        entry_free(i);
    }
    if (!p->lists[sig].head) {
        p->lists[sig].tail = 0;
        p->set &= ~sig_bit(sig);
        pending_update();
    }
    return i ? &pool[i].info : without_details(sig);
}

const struct sig_info *sig_dequeue(sigset_k allowed)
{
    struct pending *p = &thread_pending;
    sigset_k ready = p->set & allowed;
    if (!ready && !(ready = (p = &process_pending)->set & allowed))
        return NULL;
    /* The first of the synchronous signals if any, else the first (no libgcc __ctzdi2). */
    uint32_t low = (uint32_t)ready;
    if (low & SYNCHRONOUS)
        low &= SYNCHRONOUS;
    int sig = low ? __builtin_ctz(low) + 1 : __builtin_ctz((uint32_t)(ready >> 32)) + 33;
    const struct sig_info *info = sig < SIGRTMIN ? take_std(p, sig) : take_rt(p, sig);
    if (info->code == -2) /* SI_TIMER: a periodic timer goes on */
        ptimer_dequeued((struct sig_info *)info);
    return info;
}

int sig_layout(uint32_t sig, int32_t code)
{
    static const uint8_t limit[] = {[SIGILL] = 11,  [SIGTRAP] = 6, [SIGBUS] = 5,  [SIGFPE] = 15,
                                    [SIGSEGV] = 10, [SIGCHLD] = 6, [SIGPOLL] = 6, [SIGSYS] = 2};
    if (code > SI_USER && code < SI_KERNEL) {
        if (sig >= sizeof(limit) || !limit[sig] || code > limit[sig])
            return code <= 6 ? SIL_POLL : SIL_KILL;
        if (sig == SIGBUS && code >= 4) /* BUS_MCEERR_AR, BUS_MCEERR_AO */
            return SIL_MCEERR;
        if (sig == SIGSEGV && (code == 3 || code == 4)) /* SEGV_BNDERR, SEGV_PKUERR */
            return code == 3 ? SIL_BNDERR : SIL_PKUERR;
        if (sig == SIGTRAP && code == 6) /* TRAP_PERF */
            return SIL_PERF;
        return sig == SIGCHLD   ? SIL_CHLD
               : sig == SIGPOLL ? SIL_POLL
               : sig == SIGSYS  ? SIL_SYS
                                : SIL_FAULT;
    }
    if (code == -2 || code == -5) /* SI_TIMER, SI_SIGIO */
        return code == -2 ? SIL_TIMER : SIL_POLL;
    return code < 0 ? SIL_RT : SIL_KILL;
}
