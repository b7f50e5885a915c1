/* The signal calls that wait: pause, sigsuspend and sigtimedwait, and the waits that poll and
   the like share; and sigpending, what they would wait for. Built for size: a call that
   sleeps gains nothing from speed. */
#include "kernel/abi.h"
#include "kernel/cputime.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

sword_t sys_rt_sigpending(uaddr_t set, word_t setsize)
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

sword_t sys_pause(void)
{
    sig_wait();
    return -EINTR;
}

sword_t sys_rt_sigsuspend(uaddr_t mask, word_t setsize)
{
    int32_t err = sig_wait_mask(mask, setsize);
    if (err)
        return err;
    sig_wait();
    return -EINTR;
}

sword_t sys_rt_sigtimedwait(uaddr_t set, uaddr_t info, uaddr_t timeout, word_t setsize)
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
