/* The signal system calls: actions, masks, waiting, the alternate stack, kill and sigreturn. */
#include "arch/x86/cpu.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

static bool valid_sig(uint32_t sig)
{
    return sig >= 1 && sig <= NSIG;
}

sword_t sys_rt_sigaction(uint32_t sig, uaddr_t act, uaddr_t oact, word_t setsize)
{
    if (setsize != sizeof(sigset_k) || !valid_sig(sig))
        return -EINVAL;
    struct sig_action new;
    if (act) {
        if (sig == SIGKILL || sig == SIGSTOP)
            return -EINVAL;
        if (abi_sigaction_from_user(act, &new))
            return -EFAULT;
        new.mask &= ~SIG_UNBLOCKABLE;
    }
    if (oact && abi_sigaction_to_user(oact, &sig_actions[sig]))
        return -EFAULT;
    if (act)
        sig_set_action((int)sig, &new);
    return 0;
}

sword_t sys_rt_sigprocmask(uint32_t how, uaddr_t set, uaddr_t oset, word_t setsize)
{
    if (setsize != sizeof(sigset_k))
        return -EINVAL;
    sigset_k old = sig_blocked, new;
    if (set) {
        if (copy_from_user(&new, set, sizeof(new)))
            return -EFAULT;
        if (how == SIG_BLOCK)
            new = old | new;
        else if (how == SIG_UNBLOCK)
            new = old & ~new;
        else if (how != SIG_SETMASK)
            return -EINVAL;
    }
    if (oset && copy_to_user(oset, &old, sizeof(old)))
        return -EFAULT;
    if (set)
        sig_blocked = new & ~SIG_UNBLOCKABLE;
    return 0;
}

__attribute__((cold)) sword_t sys_rt_sigpending(uaddr_t set, word_t setsize)
{
    if (setsize > sizeof(sigset_k))
        return -EINVAL;
    sigset_k p = sig_pending & sig_blocked;
    return copy_to_user(set, &p, setsize);
}

void sig_wait(void)
{
    while (!sig_deliverable())
        cputime_wait();
}

int32_t sig_wait_mask(uaddr_t umask, word_t size)
{
    sigset_k m;
    if (size != sizeof(sigset_k))
        return -EINVAL;
    if (copy_from_user(&m, umask, sizeof(m)))
        return -EFAULT;
    sig_saved_mask = sig_blocked;
    sig_restore_mask = true;
    sig_blocked = m & ~SIG_UNBLOCKABLE;
    return 0;
}

int32_t sig_wait_done(int32_t ret)
{
    if (sig_restore_mask && ret != -EINTR) {
        sig_blocked = sig_saved_mask;
        sig_restore_mask = false;
    }
    return ret;
}

/* Linux's restart_syscall with nothing to restart (do_no_restart_syscall): moat never leaves
   a restart block behind (-ERESTART_RESTARTBLOCK), so a call is always that. */
sword_t sys_restart_syscall(void)
{
    return -EINTR;
}

__attribute__((cold)) sword_t sys_pause(void)
{
    sig_wait();
    return -EINTR;
}

__attribute__((cold)) sword_t sys_rt_sigsuspend(uaddr_t mask, word_t setsize)
{
    int32_t err = sig_wait_mask(mask, setsize);
    if (err)
        return err;
    sig_wait();
    return -EINTR;
}

__attribute__((cold)) sword_t sys_rt_sigtimedwait(uaddr_t set, uaddr_t info, uaddr_t timeout,
                                                  word_t setsize)
{
    sigset_k want;
    uint64_t ns = 0;
    if (setsize != sizeof(sigset_k))
        return -EINVAL;
    if (copy_from_user(&want, set, sizeof(want)))
        return -EFAULT;
    int32_t err = timeout ? timespec_from_user(timeout, false, &ns) : 0;
    if (err)
        return err;
    want &= ~SIG_UNBLOCKABLE;
    uint64_t deadline = timeout ? time_monotonic_ns() + ns : UINT64_MAX;
    for (;;) {
        const struct sig_info *in = sig_dequeue(want);
        if (in) {
            if (info && abi_siginfo_to_user(info, in))
                return -EFAULT;
            return in->signo;
        }
        if (time_monotonic_ns() >= deadline)
            return -EAGAIN;
        if (sig_deliverable())
            return -EINTR;
        cputime_wait();
    }
}

sword_t sys_sigaltstack(uaddr_t uss, uaddr_t uoss)
{
    uaddr_t sp = frame_sp(frame_user());
    struct sig_altstack old = {sig_altstack.sp, sig_altstack.size,
                               sig_altstack_flags(sp) | (sig_altstack.flags & SS_AUTODISARM)};
    if (uss) {
        struct sig_altstack ss;
        if (abi_sigaltstack_from_user(uss, &ss))
            return -EFAULT;
        int err = sig_set_altstack(ss.sp, ss.flags, ss.size, sp);
        if (err)
            return err;
    }
    if (uoss && abi_sigaltstack_to_user(uoss, &old))
        return -EFAULT;
    return 0;
}

/* kill and tkill's details: the sender is the app itself (pid 1, its real uid). The frame is
   complete, so that the signal may be delivered at once (sig_send_self): i386's always,
   x86_64's syscall by these calls' own slots, int $0x80's as every trap's. */
static sword_t send_from_app(uint32_t sig, int code, bool to_thread)
{
    static struct sig_info info = {.kill = {.pid = APP_PID}}; /* the rest stays zero */
    info.signo = (int32_t)sig, info.code = code, info.kill.uid = cred.uid;
    return sig ? sig_send_self(&info, to_thread) : 0;
}

sword_t sys_kill(uint32_t pid, uint32_t sig)
{
    int32_t p = (int32_t)pid;
    if (sig > NSIG)
        return -EINVAL;
    /* pid 1 is the app and 0 its process group; kill(-1) would signal every process but the
       caller, and there is none. */
    if (p != APP_PID && p != 0)
        return -ESRCH;
    return send_from_app(sig, SI_USER, false);
}

sword_t sys_tgkill(uint32_t tgid, uint32_t tid, uint32_t sig)
{
    if ((int32_t)tgid <= 0 || (int32_t)tid <= 0 || sig > NSIG)
        return -EINVAL;
    if (tgid != APP_PID || tid != APP_PID)
        return -ESRCH;
    return send_from_app(sig, SI_TKILL, true);
}

sword_t sys_tkill(uint32_t tid, uint32_t sig)
{
    return sys_tgkill(APP_PID, tid, sig);
}

/* Linux's known_siginfo_layout: does the kernel know which fields this si_code uses? */
static bool known_layout(uint32_t sig, int32_t code)
{
    static const uint8_t code_limit[] = {
        [SIGILL] = 11, [SIGFPE] = 15, [SIGSEGV] = 10, [SIGBUS] = 5,
        [SIGTRAP] = 6, [SIGCHLD] = 6, [29] = 6,       [31] = 1}; /* SIGPOLL, SIGSYS */
    if (code == SI_KERNEL)
        return true;
    if (code > SI_USER) {
        uint32_t limit = sig < sizeof(code_limit) && code_limit[sig] ? code_limit[sig] : 6;
        return (uint32_t)code <= limit;
    }
    return code >= -7 || code == -60; /* SI_DETHREAD .. SI_USER, SI_ASYNCNL */
}

/* Linux's __copy_siginfo_from_user: the details (si_signo becomes sig), with -E2BIG for an
   si_code of unknown layout whose bytes past the kernel's part are not all zero. */
__attribute__((cold)) static int32_t siginfo_from_user(struct sig_info *info, uint32_t sig,
                                                       uaddr_t uinfo)
{
    if (abi_siginfo_from_user(uinfo, sig, info))
        return -EFAULT;
    if (known_layout(sig, info->code))
        return 0;
    return abi_siginfo_check_tail(uinfo);
}

/* The checks of Linux's kill_pid_info and do_send_specific after the pid was found. */
static int32_t queue_to_app(uint32_t sig, const struct sig_info *info, bool to_thread)
{
    if (sig > NSIG)
        return -EINVAL;
    return sig ? sig_queue(info, to_thread) : 0;
}

/* Not even root may pretend to be the kernel, or kill and tkill, toward another process. */
static bool forged(const struct sig_info *info, uint32_t pid)
{
    return (info->code >= 0 || info->code == SI_TKILL) && pid != APP_PID;
}

__attribute__((cold)) sword_t sys_rt_sigqueueinfo(uint32_t pid, uint32_t sig, uaddr_t uinfo)
{
    struct sig_info info;
    int32_t err = siginfo_from_user(&info, sig, uinfo);
    if (err)
        return err;
    if (forged(&info, pid))
        return -EPERM;
    if (pid != APP_PID) /* POSIX.1b has no process groups: 0 and -1 find nobody */
        return -ESRCH;
    return queue_to_app(sig, &info, false);
}

__attribute__((cold)) sword_t sys_rt_tgsigqueueinfo(uint32_t tgid, uint32_t tid, uint32_t sig,
                                                    uaddr_t uinfo)
{
    struct sig_info info;
    int32_t err = siginfo_from_user(&info, sig, uinfo);
    if (err)
        return err;
    if ((int32_t)tgid <= 0 || (int32_t)tid <= 0)
        return -EINVAL;
    if (forged(&info, tid))
        return -EPERM;
    if (tgid != APP_PID || tid != APP_PID)
        return -ESRCH;
    return queue_to_app(sig, &info, true);
}

static sword_t sigreturn(bool rt)
{
    struct trap_frame *f = frame_user();
    int err = sigframe_restore(f, rt, &sig_blocked); /* the frame's mask, if it was read */
    sig_blocked &= ~SIG_UNBLOCKABLE;
    if (err) {
        sig_fault(SIGSEGV, SI_KERNEL, 0); /* Linux: a bad frame is a forced SIGSEGV */
        return 0;
    }
    return frame_syscall_result(f); /* the result register as the frame restored it */
}

sword_t sys_rt_sigreturn(void)
{
    return sigreturn(true);
}

sword_t sys_sigreturn(void)
{
    return sigreturn(false);
}
