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

/* m the mask while the app waits, the old one kept to come back (sigsuspend's). */
static void wait_mask(sigset_k m)
{
    sig_saved_mask = sig_blocked;
    sig_restore_mask = true;
    sig_blocked = m & ~SIG_UNBLOCKABLE;
}

int32_t sig_wait_mask(uaddr_t umask, word_t size)
{
    sigset_k m;
    if (size != sizeof(sigset_k))
        return -EINVAL;
    if (copy_from_user(&m, umask, sizeof(m)))
        return -EFAULT;
    wait_mask(m);
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

/* i386's calls from before the real-time signals, as Linux 6.1's: their mask is old_sigset_t,
   the first 32 signals' word alone. sigsuspend's is the whole mask while it waits (its first two
   arguments are unused: Linux's OLD_SIGSUSPEND3), sigpending gives that word of what waits,
   and sgetmask and ssetmask get and set the mask (ssetmask's the whole mask, the old word
   given back); sigprocmask's sets change that word alone (sigaction and signal: sys_sigaction.c).
 */
sword_t sys_sigsuspend(uint32_t unused1, uint32_t unused2, uint32_t mask)
{
    (void)unused1, (void)unused2;
    wait_mask(mask);
    sig_wait();
    return -EINTR;
}

sword_t sys_sigpending(uaddr_t set)
{
    uint32_t p = (uint32_t)(sig_pending & sig_blocked);
    return copy_to_user(set, &p, sizeof(p));
}

sword_t sys_sgetmask(void)
{
    return (int32_t)sig_blocked; /* the word as i386's int */
}

sword_t sys_ssetmask(uint32_t mask)
{
    uint32_t old = (uint32_t)sig_blocked;
    sig_blocked = mask & ~SIG_UNBLOCKABLE;
    return (int32_t)old;
}

/* Linux's order: the new mask is set before the old one is written out (EFAULT after it). */
sword_t sys_sigprocmask(uint32_t how, uaddr_t set, uaddr_t oset)
{
    uint32_t old = (uint32_t)sig_blocked, word;
    if (set) {
        if (copy_from_user(&word, set, sizeof(word)))
            return -EFAULT;
        sigset_k m = how == SIG_BLOCK     ? sig_blocked | word
                     : how == SIG_UNBLOCK ? sig_blocked & ~(sigset_k)word
                                          : (sig_blocked & ~0xFFFFFFFFull) | word;
        if (how > SIG_SETMASK)
            return -EINVAL;
        sig_blocked = m & ~SIG_UNBLOCKABLE;
    }
    return oset ? copy_to_user(oset, &old, sizeof(old)) : 0;
}

sword_t sys_rt_sigtimedwait(uaddr_t set, uaddr_t info, uaddr_t timeout, word_t setsize)
{
    sigset_k want;
    uint64_t ns, deadline = UINT64_MAX;
    if (setsize != sizeof(sigset_k))
        return -EINVAL;
    if (copy_from_user(&want, set, sizeof(want)))
        return -EFAULT;
    if (timeout) {
        int32_t err = timespec_from_user(timeout, false, &ns);
        if (err)
            return err;
        deadline = time_monotonic_ns() + ns;
    }
    want &= ~SIG_UNBLOCKABLE;
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
