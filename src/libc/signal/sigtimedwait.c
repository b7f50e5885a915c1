/* sigtimedwait.c: wait for a signal of set, via rt_sigtimedwait (the classic timespec, longs). */
#include "ksigaction.h"
#include "syscall.h"
#include <errno.h>
#include <signal.h>

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
                 const struct timespec *restrict timeout)
{
    long r;

    /* As musl: a handler that ran for a signal outside set is not the caller's business. */
    do
        r = __syscall(SYS_rt_sigtimedwait, set, info, timeout, KSIGSET_SIZE);
    while (r == -EINTR);
    return (int)__syscall_ret((unsigned long)r);
}
