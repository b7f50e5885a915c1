/* The app's signal state and delivery: Linux's rules for masks, merging, default actions,
   forced faults and syscall restarts, with the frames themselves left to the arch. */
#include "kernel/signal.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include <mode/exit_work.h>

#define DEFAULT_IGNORE (sig_bit(SIGCHLD) | sig_bit(SIGURG) | sig_bit(SIGWINCH) | sig_bit(SIGCONT))
#define DEFAULT_STOP (sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) | sig_bit(SIGTTOU))

#ifndef __x86_64__ /* sig_bit's table (signal.h) */
#define BIT(n) [n] = 1ull << ((n)-1)
#define BITS8(n)                                                                                   \
    BIT(n), BIT(n + 1), BIT(n + 2), BIT(n + 3), BIT(n + 4), BIT(n + 5), BIT(n + 6), BIT(n + 7)
const sigset_k sig_bits[NSIG + 1] = {BITS8(1),  BITS8(9),  BITS8(17), BITS8(25),
                                     BITS8(33), BITS8(41), BITS8(49), BITS8(57)};
#endif

bool sig_deliverable(void)
{
    return sig_pending & ~sig_blocked;
}

struct sig_action sig_actions[NSIG + 1];
/* What running each handler adds to the blocked set: its sa_mask, and the signal itself
   unless SA_NODEFER (never SIGKILL or SIGSTOP). Kept with the action, not worked out on
   every delivery. */
static sigset_k blocked_by_handler[NSIG + 1];
sigset_k sig_blocked;
bool sig_restore_mask;
sigset_k sig_saved_mask;
struct sig_altstack sig_altstack = {0, 0, SS_DISABLE};
struct sig_trapinfo sig_trap;

/* Each without its "SIG", from SIGHUP to SIGSYS, one after another: 10 bytes each (the
   longest, SIGSTKFLT and SIGVTALRM) took 0.3 KiB. */
static const char names[] = "HUP\0INT\0QUIT\0ILL\0TRAP\0ABRT\0BUS\0FPE\0KILL\0USR1\0SEGV\0"
                            "USR2\0PIPE\0ALRM\0TERM\0STKFLT\0CHLD\0CONT\0STOP\0TSTP\0TTIN\0"
                            "TTOU\0URG\0XCPU\0XFSZ\0VTALRM\0PROF\0WINCH\0IO\0PWR\0SYS";
_Static_assert(SIGHUP == 1 && SIGTRAP == 5 && SIGKILL == 9 && SIGSEGV == 11 && SIGTERM == 15 &&
                   SIGCHLD == 17 && SIGTSTP == 20 && SIGURG == 23 && SIGWINCH == 28,
               "names is in Linux's order");

/* The name, in a buffer the next call overwrites (each caller's log line takes it at once).
   Cold: only those lines name a signal. */
__attribute__((cold)) const char *sig_name(int sig)
{
    static char name[sizeof("SIGSTKFLT")] = "SIG";
    const char *p = names;
    if (sig <= 0 || sig > NSIG)
        return "?";
    if (sig >= 32)
        return "SIGRT";
    while (--sig)
        p += strlen(p) + 1;
    strlcpy(name + 3, p, sizeof(name) - 3);
    return name;
}

/* Does the signal's action ignore it (SIG_IGN, or a default that ignores)? */
static bool action_ignores(int sig)
{
    uaddr_t h = sig_actions[sig].handler;
    return h == SIG_IGN || (h == SIG_DFL && (DEFAULT_IGNORE & sig_bit(sig)));
}

/* Would the signal be thrown away at once? Blocked signals never are: the handler may change
   before they are unblocked. */
static bool ignored(int sig)
{
    return !(sig_blocked & sig_bit(sig)) && action_ignores(sig);
}

__attribute__((cold)) void sig_set_action(int sig, const struct sig_action *action)
{
    sig_actions[sig] = *action;
    sig_actions[sig].mask &= ~SIG_UNBLOCKABLE; /* never blocked, whatever the action asks */
    blocked_by_handler[sig] =
        (action->mask | (action->flags & SA_NODEFER ? 0 : sig_bit(sig))) & ~SIG_UNBLOCKABLE;
    if (action_ignores(sig)) /* throw away what is pending, blocked or not, as Linux does */
        sigqueue_flush(sig, false);
}

__attribute__((cold)) void sig_exec(void)
{
    for (int sig = 1; sig <= NSIG; sig++) {
        struct sig_action a = {.handler = sig_actions[sig].handler == SIG_IGN ? SIG_IGN : SIG_DFL};
        sig_set_action(sig, &a);
    }
    sig_altstack = (struct sig_altstack){0, 0, SS_DISABLE};
}

/* sig_queue without a handler: out of line, so that the usual path saves no registers for it. */
__attribute__((noinline)) static int queue_unless_ignored(const struct sig_info *info,
                                                          bool to_thread)
{
    return ignored(info->signo) ? 0 : sigqueue_add(info, to_thread);
}

int sig_queue(const struct sig_info *info, bool to_thread)
{
    /* A handler, the usual case, is any address above SIG_IGN: one compare. */
    if (sig_actions[info->signo].handler <= SIG_IGN)
        return queue_unless_ignored(info, to_thread);
    return sigqueue_add(info, to_thread);
}

void sig_send(int sig, int code, uint32_t pid)
{
    struct sig_info info;
    sig_info_clear(&info, sig, code);
    info.kill.pid = pid;
    /* Linux sends both to the process, as SEND_SIG_PRIV: a real-time one (a VT's relsig or
       acqsig) with no room for its details is raised without them, never refused */
    if (sig_queue(&info, false)) {
        info.code = SI_USER;
        sig_queue(&info, false);
    }
}

void sig_fault(int sig, int code, uaddr_t addr)
{
    /* Like Linux's force_sig_fault: a blocked or ignored fault signal cannot be escaped. */
    struct sig_action *a = &sig_actions[sig];
    if ((sig_blocked & sig_bit(sig)) || a->handler == SIG_IGN) {
        a->handler = SIG_DFL;
        sig_blocked &= ~sig_bit(sig);
    }
    struct sig_info info;
    sig_info_clear(&info, sig, code);
    info.fault.addr = addr;
    sigqueue_flush(sig, true); /* the fault's own details win over a merged older one */
    sigqueue_add(&info, true);
}

int sig_set_altstack(uaddr_t sp, word_t flags, word_t size, uaddr_t cur_sp)
{
    if (sig_on_altstack(cur_sp))
        return -EPERM;
    uint32_t mode = flags & ~SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
        return -EINVAL;
    if (mode == SS_DISABLE) {
        sig_altstack = (struct sig_altstack){0, 0, flags};
        return 0;
    }
    if (size < MINSIGSTKSZ)
        return -ENOMEM;
    sig_altstack = (struct sig_altstack){sp, size, flags};
    return 0;
}

void sig_restore_altstack(uaddr_t sp, word_t flags, word_t size, uaddr_t cur_sp)
{
    if (sp == sig_altstack.sp && size == sig_altstack.size && flags == sig_altstack.flags)
        return;                                      /* the usual case: nothing to change */
    (void)sig_set_altstack(sp, flags, size, cur_sp); /* like Linux, errors are ignored */
}

/* The default action: terminate, or (for the ignore and stop signals) nothing. Out of line:
   sig_deliver's usual path, a handler, would otherwise set up its registers too. */
__attribute__((noinline)) static void default_action(int sig)
{
    if (DEFAULT_IGNORE & sig_bit(sig))
        return;
    if (DEFAULT_STOP & sig_bit(sig)) {
        klog("%s: stop signal ignored (no job control)", sig_name(sig));
        return;
    }
    app_kill(sig);
}

/* A system call that a signal interrupted: restart it, or make it fail with EINTR. */
static void syscall_restart(struct trap_frame *f, const struct sig_action *a)
{
    if (!frame_in_syscall(f) || frame_syscall_result(f) != -ERESTARTSYS)
        return;
    if (a && !(a->flags & SA_RESTART))
        frame_set_return(f, (word_t)-EINTR);
    else
        frame_restart_syscall(f);
}

/* Set up the handler's frame for one signal and apply the action's mask and flags; on
   failure, Linux's force_sigsegv: SIGSEGV, by default action if it was the signal that
   could not be delivered. An interrupted system call's restart is sig_deliver's: the other
   callers' frames hold none (a fault's, or a call that returns 0). */
static void deliver_one(int sig, const struct sig_info *info)
{
    /* Signals go out only on the way back to ring 3, so the frame is always the app's, at
       the top of the kernel stack: a fixed address the frame code writes without a register
       to hold it. */
    struct trap_frame *f = frame_user();
    struct sig_action *a = &sig_actions[sig];
    sigset_k old = sig_restore_mask ? sig_saved_mask : sig_blocked;
    if (sigframe_setup(f, sig, info, a, old)) {
        if (sig == SIGSEGV)
            a->handler = SIG_DFL;
        klog("cannot write the %s frame on the app's stack", sig_name(sig));
        sig_fault(SIGSEGV, SI_KERNEL, 0);
        return;
    }
    sig_restore_mask = false;
    sig_blocked |= blocked_by_handler[sig];
    if (a->flags & SA_RESETHAND)
        a->handler = SIG_DFL;
}

void sig_deliver(struct trap_frame *f)
{
    frame_complete(f); /* for the handler's frame and a restart (unreadable: as it is) */
    /* The callers found a signal pending, mostly one to deliver, and mostly only that one. */
    const struct sig_info *info;
    while ((info = sig_dequeue(~sig_blocked))) {
        int sig = info->signo;
        uaddr_t handler = sig_actions[sig].handler;
        if (handler > SIG_IGN) {
            syscall_restart(f, &sig_actions[sig]);
            deliver_one(sig, info);
            /* The usual end: the handler's frame made, which did the mask (a frame that
               could not be made left a SIGSEGV pending). */
            if (!sig_pending) {
                exit_work_signal(false);
                return;
            }
        } else if (handler == SIG_DFL) {
            default_action(sig);
        }
    }
    syscall_restart(f, 0);
    if (sig_restore_mask) {
        sig_blocked = sig_saved_mask;
        sig_restore_mask = false;
    }
}

sword_t sig_send_self(const struct sig_info *info, bool to_thread)
{
    /* The usual case, a handler and nothing else pending, as sig_fault_deliver's: queued,
       the signal would be the first dequeued on the way out, with these details (the queue
       has room for them), and delivered to this frame with the call's result in it. */
    int sig = info->signo;
    if (sig_actions[sig].handler > SIG_IGN && !(sig_blocked & sig_bit(sig)) && sigqueue_idle()) {
        struct trap_frame *f = frame_user();
        frame_complete(f);
        frame_set_return(f, 0);
        deliver_one(sig, info);
        return frame_syscall_result(f);
    }
    return sig_queue(info, to_thread);
}

void sig_fault_deliver(int sig, int code, uaddr_t addr)
{
    /* The usual case: this fault's handler is the only thing to run. */
    if (sig_actions[sig].handler > SIG_IGN && !sig_pending && !(sig_blocked & sig_bit(sig))) {
        static struct sig_info info; /* only these three are ever set: the rest stays zero */
        info.signo = sig, info.code = code, info.fault.addr = addr;
        deliver_one(sig, &info);
        return;
    }
    sig_fault(sig, code, addr); /* the general way: forced, queued, delivered in order */
}
