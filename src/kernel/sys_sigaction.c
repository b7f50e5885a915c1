/* The signal calls that take a structure from the app, rarer than those that mask, send and
   return (sys_signal.c), and built for size: an action (rt_sigaction), a signal's details
   (rt_sigqueueinfo and rt_tgsigqueueinfo) and the alternate stack (sigaltstack, which an app
   sets once a thread; on x86_64 its slot is syscall_cold's already). */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

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
    }
    if (oact && abi_sigaction_to_user(oact, &sig_actions[sig]))
        return -EFAULT;
    if (act)
        sig_set_action((int)sig, &new);
    return 0;
}

/* Linux's known_siginfo_layout: does the kernel know which fields this si_code uses? */
/* i386's sigaction and signal, from before the real-time signals, as Linux 6.1's: struct
   old_sigaction is the handler, the mask (the first 32 signals' word: old_sigset_t), the flags
   and the restorer, and the action changes before the old one is written out; signal's
   handler runs once (SA_RESETHAND), unmasked (SA_NODEFER), and it gives back the old one. */
struct old_sigaction {
    uint32_t handler, mask, flags, restorer;
};

static sword_t old_sigaction(uint32_t sig, const struct sig_action *new, struct sig_action *old)
{
    if (!valid_sig(sig) || (new && (sig == SIGKILL || sig == SIGSTOP)))
        return -EINVAL;
    *old = sig_actions[sig];
    if (new)
        sig_set_action((int)sig, new);
    return 0;
}

sword_t sys_sigaction(uint32_t sig, uaddr_t act, uaddr_t oact)
{
    struct old_sigaction a = {0};
    struct sig_action old;
    if (act && copy_from_user(&a, act, sizeof(a)))
        return -EFAULT;
    sword_t err = old_sigaction(
        sig, act ? &(struct sig_action){a.handler, a.flags, a.restorer, a.mask} : NULL, &old);
    if (err || !oact)
        return err;
    a = (struct old_sigaction){(uint32_t)old.handler, (uint32_t)old.mask, (uint32_t)old.flags,
                               (uint32_t)old.restorer};
    return copy_to_user(oact, &a, sizeof(a));
}

sword_t sys_signal(uint32_t sig, uaddr_t handler)
{
    struct sig_action old;
    sword_t err = old_sigaction(
        sig, &(struct sig_action){.handler = handler, .flags = SA_RESETHAND | SA_NODEFER}, &old);
    return err ? err : (sword_t)old.handler;
}

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
static int32_t siginfo_from_user(struct sig_info *info, uint32_t sig, uaddr_t uinfo)
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

/* rt_tgsigqueueinfo, and rt_sigqueueinfo as one to the process (tgid and tid its pid): the
   checks of Linux's do_rt_tgsigqueueinfo and do_rt_sigqueueinfo, in their order. POSIX.1b
   has no process groups: rt_sigqueueinfo's pid 0 and -1 find nobody. */
static int32_t queue_info(uint32_t tgid, uint32_t tid, uint32_t sig, uaddr_t uinfo, bool to_thread)
{
    struct sig_info info;
    int32_t err = siginfo_from_user(&info, sig, uinfo);
    if (err)
        return err;
    if (to_thread && ((int32_t)tgid <= 0 || (int32_t)tid <= 0))
        return -EINVAL;
    if (forged(&info, tid))
        return -EPERM;
    if (tgid != APP_PID || tid != APP_PID)
        return -ESRCH;
    return queue_to_app(sig, &info, to_thread);
}

sword_t sys_rt_sigqueueinfo(uint32_t pid, uint32_t sig, uaddr_t uinfo)
{
    return queue_info(pid, pid, sig, uinfo, false);
}

sword_t sys_rt_tgsigqueueinfo(uint32_t tgid, uint32_t tid, uint32_t sig, uaddr_t uinfo)
{
    return queue_info(tgid, tid, sig, uinfo, true);
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
