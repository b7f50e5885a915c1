/* The signal system calls an app makes all the time: masks, kill and sigreturn. The rarer
   ones, built for size, are in sys_sigaction.c and sys_sigwait.c. */
#include "arch/x86/cpu.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

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
    if (set) /* before the old one is written out, as Linux's (its EFAULT leaves it set) */
        sig_blocked = new & ~SIG_UNBLOCKABLE;
    return oset && copy_to_user(oset, &old, sizeof(old)) ? -EFAULT : 0;
}

/* Linux's restart_syscall with nothing to restart (do_no_restart_syscall): moat never leaves
   a restart block behind (-ERESTART_RESTARTBLOCK), so a call is always that. */
sword_t sys_restart_syscall(void)
{
    return -EINTR;
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
