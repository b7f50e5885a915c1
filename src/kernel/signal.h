/* Signals: Linux's numbers and codes, the kernel's forms of actions and details, the app's
   signal state, and delivery. */
#pragma once

#include <mode/frame.h>
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>
#include <uapi/signal_numbers.h> /* SIGHUP..SIGSYS: the app's ABI, shared with the libc */

#define SIGRTMIN 32
#define NSIG 64

#define SIG_DFL 0u
#define SIG_IGN 1u

#define SA_SIGINFO 0x00000004u
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK 0x08000000u
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

#define SS_ONSTACK 1u
#define SS_DISABLE 2u
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ 2048u

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define ILL_ILLOPN 2
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define FPE_FLTDIV 3
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define TRAP_BRKPT 1
#define TRAP_TRACE 2

/* Internal: a blocking system call met a signal; restarted under SA_RESTART, else -EINTR. */
#define ERESTARTSYS 512

typedef uint64_t sigset_k;

/* A signal's bit in a set. On i386 a variable one comes from a table: a 64-bit shift by a
   variable count takes it eight instructions, and the signal paths ask for bits all the time.
   On x86_64 the shift is one instruction, and the table's 520 bytes would cost more than it. */
#ifdef __x86_64__
static inline sigset_k sig_bit(int sig)
{
    return 1ull << (sig - 1);
}
#else
extern const sigset_k sig_bits[NSIG + 1];
static inline sigset_k sig_bit(int sig)
{
    return __builtin_constant_p(sig) ? 1ull << (sig - 1) : sig_bits[sig];
}
#endif

/* A signal's action, as rt_sigaction sets it (the ABI converts the app's struct sigaction). */
struct sig_action {
    uaddr_t handler; /* SIG_DFL, SIG_IGN, or the handler */
    word_t flags;    /* SA_* */
    uaddr_t restorer;
    sigset_k mask;
};

/* A signal's details, as Linux's kernel_siginfo keeps them: signo, errno, code, then the first
   bytes of siginfo_t's union (20 on a 32-bit kernel, 32 on a 64-bit one), which hold every
   field any of Linux's layouts uses (the ABI converts them to and from the app's siginfo_t). */
struct sig_info {
    int32_t signo, err, code;
    union {
        struct {
            uint32_t pid, uid;
            word_t value; /* si_value (sigqueue): an int or a pointer */
        } kill;           /* kill, tkill, sigqueue */
        struct {
            uaddr_t addr;
        } fault;
        uint32_t words[sizeof(word_t) == 8 ? 8 : 5];
    };
};

/* A sig_info for sig and code with every other byte zero, as Linux's clear_siginfo leaves
   it: the frame copies the whole union, so a byte left unset would show the app the kernel's
   stack. */
static inline void sig_info_clear(struct sig_info *info, int sig, int code)
{
    __builtin_memset(info, 0, sizeof(*info));
    info->signo = sig;
    info->code = code;
}

/* The app's alternate signal stack (sigaltstack's stack_t, in the kernel's form). */
struct sig_altstack {
    uaddr_t sp;
    word_t size, flags; /* flags as sigaltstack last set them (uc_stack shows them) */
};

/* What the last exception in ring 3 was: sigcontext's trapno, err and cr2, as Linux keeps
   them per thread (so an asynchronous signal shows the last fault's values). */
struct sig_trapinfo {
    uint32_t trapno, err;
    uaddr_t cr2;
};

#define SIG_UNBLOCKABLE (sig_bit(SIGKILL) | sig_bit(SIGSTOP))
/* How sigprocmask changes the mask. */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* The app's signal state (signal.c owns it; sys_signal.c's calls read and set it). */
extern struct sig_action sig_actions[NSIG + 1];
extern sigset_k sig_blocked, sig_pending;
/* rt_sigsuspend's mask is undone once a handler has been set up (it goes in uc_sigmask). */
extern bool sig_restore_mask;
extern sigset_k sig_saved_mask;
extern struct sig_altstack sig_altstack;
extern struct sig_trapinfo sig_trap;

const char *sig_name(int sig);
/* The app caused a synchronous fault: the signal is forced (a blocked or ignored one kills). */
void sig_fault(int sig, int code, uaddr_t addr);
/* The same from an exception in ring 3, delivering at once (to the app's frame) when nothing
   else is pending. */
void sig_fault_deliver(int sig, int code, uaddr_t addr);
/* Raise a signal for the app from the kernel (a timer, the terminal, a VT): si_code code,
   si_pid pid, si_uid 0; a real-time one with no room for its details is raised without them
   (Linux's SEND_SIG_PRIV). */
void sig_send(int sig, int code, uint32_t pid);
/* Raise the signal info->signo with its details for the app's thread (tkill) or its process
   (kill), as Linux's send_signal: an ignored one is dropped, a standard one merges with one
   pending in the same set, and a queue entry counts against RLIMIT_SIGPENDING. 0, or -EAGAIN
   when a real-time signal sent with si_code other than SI_USER finds the queue full (others
   are then raised without their details). */
int sig_queue(const struct sig_info *info, bool to_thread);
/* Raise the signal info->signo, which the app sends itself by a system call that returns 0
   (kill, tkill, tgkill), as sig_queue does; when it is the only signal to deliver, its
   handler's frame is made at once. The system call's frame must be complete (mode/frame.h).
   The call's result: the frame's result register (the handler's, after a delivery), or
   sig_queue's -EAGAIN. */
sword_t sig_send_self(const struct sig_info *info, bool to_thread);
/* The sigaction calls' "set" (its mask without SIGKILL and SIGSTOP): a new action that ignores
   the signal discards what is pending. */
void sig_set_action(int sig, const struct sig_action *action);
/* execve, as Linux's flush_signal_handlers: every handler back to SIG_DFL (an ignored signal
   stays ignored), and no alternate stack; the mask and what is pending stay. */
void sig_exec(void);
/* sigqueue.c: dequeue the next pending signal among those allowed (the thread's first, then
   the process's; synchronous ones first in each): its information where the queue kept it
   (signo its number), valid until the next signal is queued; 0 if none. */
const struct sig_info *sig_dequeue(sigset_k allowed);
/* sigqueue.c: which of siginfo_t's layouts a signal's details take, as Linux's
   siginfo_layout() for x86 (the fields each holds: the ABI's conversions and signalfd's). */
enum {
    SIL_KILL,   /* pid, uid */
    SIL_RT,     /* pid, uid, sigval */
    SIL_TIMER,  /* tid, overrun, sigval */
    SIL_POLL,   /* band, fd */
    SIL_FAULT,  /* addr */
    SIL_MCEERR, /* addr, addr_lsb */
    SIL_BNDERR, /* addr, the bounds */
    SIL_PKUERR, /* addr, pkey */
    SIL_PERF,   /* addr, perf's data and type */
    SIL_CHLD,   /* pid, uid, status, utime, stime */
    SIL_SYS,    /* call_addr, syscall, arch */
};
int sig_layout(uint32_t sig, int32_t code);
/* Add a pending instance (0, or -EAGAIN as sig_queue), or discard the thread's (and unless
   thread_only, the process's) pending instances of sig. */
int sigqueue_add(const struct sig_info *info, bool to_thread);
/* The instances queued with their details: what counts against RLIMIT_SIGPENDING. */
uint32_t sigqueue_count(void);
/* Is nothing pending, with room for a new instance's details whatever its kind? */
bool sigqueue_idle(void);
void sigqueue_flush(int sig, bool thread_only);
/* Is a signal waiting that would run a handler or end the app? (Not inline: the size-built
   files would each keep a copy.) */
bool sig_deliverable(void);
/* Sleep until a signal would run a handler or end the app. */
void sig_wait(void);
/* Install a user's mask for a wait, as sigsuspend does (the old one comes back with the
   handler's frame, or at once after the wait): 0, -EINVAL for a bad size, or -EFAULT. */
int32_t sig_wait_mask(uaddr_t umask, word_t size);
/* After such a wait: the old mask comes back now, unless a handler is about to run (EINTR),
   which gets it in its frame as after sigsuspend. Returns ret. */
int32_t sig_wait_done(int32_t ret);
/* On the way back to ring 3: deliver what is pending and unblocked, if anything. */
void sig_deliver(struct trap_frame *f);
/* Is sp within the alternate stack, disarmed or not (Linux's __on_sig_stack): above its
   base and at most its size above? One unsigned compare: at the base, sp - base - 1 wraps. */
static inline bool sig_altstack_contains(uaddr_t sp)
{
    return sp - sig_altstack.sp - 1 < sig_altstack.size;
}
/* Is sp on the alternate stack? With SS_AUTODISARM the stack is disarmed while in use, so
   nothing is "on" it. (The range first: a signal mostly comes off the alternate stack, and
   then one compare answers.) */
static inline bool sig_on_altstack(uaddr_t sp)
{
    return sig_altstack_contains(sp) && !(sig_altstack.flags & SS_AUTODISARM);
}
/* SS_ONSTACK, SS_DISABLE or 0 for a stack pointer, as sigaltstack reports it. */
static inline word_t sig_altstack_flags(uaddr_t sp)
{
    if (!sig_altstack.size)
        return SS_DISABLE;
    return sig_on_altstack(sp) ? SS_ONSTACK : 0;
}
/* sigaltstack's "set" half, with cur_sp the app's stack pointer: 0 or -errno. */
int sig_set_altstack(uaddr_t sp, word_t flags, word_t size, uaddr_t cur_sp);
/* rt_sigreturn's: the same, but it never fails. */
void sig_restore_altstack(uaddr_t sp, word_t flags, word_t size, uaddr_t cur_sp);
