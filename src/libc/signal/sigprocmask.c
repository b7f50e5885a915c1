/* sigprocmask.c: sigprocmask(2) via rt_sigprocmask (one thread, so also the thread's mask). */
#include "ksigaction.h"
#include "syscall.h"
#include <errno.h>
#include <signal.h>

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
    /* musl checks how even without a set, where Linux would not look at it. */
    if ((unsigned)how > SIG_SETMASK) {
        errno = EINVAL;
        return -1;
    }
    return (int)__syscall_ret(
        (unsigned long)__syscall(SYS_rt_sigprocmask, how, set, old, KSIGSET_SIZE));
}
