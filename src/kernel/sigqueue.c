/* The pending signals and their details, as Linux keeps them: a set for the thread (tkill,
   tgsigqueueinfo, faults) and one for the process (kill, sigqueue, timers, the terminal),
   each with a FIFO of entries per signal from one pool, every entry counted against
   RLIMIT_SIGPENDING. The thread's set is taken first, as Linux's dequeue_signal does. */
#include "kernel/errno.h"
#include "kernel/rlimit.h"
#include "kernel/signal.h"

/* Linux delivers these first: they come from the instruction that just ran. */
#define SYNCHRONOUS                                                                                \
    (sig_bit(SIGSEGV) | sig_bit(SIGBUS) | sig_bit(SIGILL) | sig_bit(SIGTRAP) | sig_bit(SIGFPE) |   \
     sig_bit(31))
/* Linux's default RLIMIT_SIGPENDING, and one entry per standard signal in each set (which
   may exceed the limit). A root app may raise the limit past the pool: the pool then runs
   out first, as Linux's allocation would. */
#define POOL_SIZE (1024 + 2 * SIGRTMIN)

struct entry {
    struct sig_info info;
    uint16_t next; /* index into pool; 0 ends a list */
};

struct pending {
    sigset_k set;
    struct {
        uint16_t head, tail;
    } lists[NSIG + 1];
};

sigset_k sig_pending; /* both sets together */
static struct pending thread_pending, process_pending;
static struct entry pool[POOL_SIZE + 1]; /* pool[0] is the null index */
static uint16_t free_list, pool_used;
static uint32_t queued; /* entries in use: what RLIMIT_SIGPENDING limits */

static uint16_t entry_alloc(bool override)
{
    if (!override && queued >= rlimit_cur(RLIMIT_SIGPENDING))
        return 0;
    uint16_t i = free_list;
    if (i)
        free_list = pool[i].next;
    else if (pool_used < POOL_SIZE)
        i = ++pool_used;
    else
        return 0;
    queued++;
    return i;
}

static void entry_free(uint16_t i)
{
    pool[i].next = free_list;
    free_list = i;
    queued--;
}

int sigqueue_add(const struct sig_info *info, bool to_thread)
{
    struct pending *p = to_thread ? &thread_pending : &process_pending;
    int sig = info->signo;
    if (sig < SIGRTMIN && (p->set & sig_bit(sig)))
        return 0; /* a standard signal merges with the pending instance */
    /* As Linux: the kernel's and kill's standard signals always get their entry. */
    uint16_t i = entry_alloc(sig < SIGRTMIN && info->code >= 0);
    if (i) {
        pool[i].info = *info;
        pool[i].next = 0;
        if (p->lists[sig].tail)
            pool[p->lists[sig].tail].next = i;
        else
            p->lists[sig].head = i;
        p->lists[sig].tail = i;
    } else if (sig >= SIGRTMIN && info->code != SI_USER) {
        return -EAGAIN;
    } /* else raised without its details, as Linux loses them */
    p->set |= sig_bit(sig);
    sig_pending |= sig_bit(sig);
    return 0;
}

static void flush(struct pending *p, int sig)
{
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
    sig_pending = thread_pending.set | process_pending.set;
}

static int first_of(sigset_k ready)
{
    if (ready & SYNCHRONOUS)
        ready &= SYNCHRONOUS;
    uint32_t lo = (uint32_t)ready, hi = (uint32_t)(ready >> 32); /* no libgcc __ctzdi2 */
    return lo ? __builtin_ctz(lo) + 1 : hi ? __builtin_ctz(hi) + 33 : 0;
}

int sig_next(sigset_k allowed)
{
    int sig = first_of(thread_pending.set & allowed);
    return sig ? sig : first_of(process_pending.set & allowed);
}

void sig_take(int sig, struct sig_info *info)
{
    struct pending *p = thread_pending.set & sig_bit(sig) ? &thread_pending : &process_pending;
    uint16_t i = p->lists[sig].head;
    if (!i) { /* raised when the queue was full: Linux's collect_signal makes it SI_USER */
        *info = (struct sig_info){.signo = sig, .code = SI_USER};
        p->set &= ~sig_bit(sig);
    } else {
        /* Linux keeps the signal pending only while another entry follows this one. */
        *info = pool[i].info;
        p->lists[sig].head = pool[i].next;
        if (!p->lists[sig].head) {
            p->lists[sig].tail = 0;
            p->set &= ~sig_bit(sig);
        }
        entry_free(i);
    }
    sig_pending = thread_pending.set | process_pending.set;
}
