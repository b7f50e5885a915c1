/* sigaction.c: sigaction(2) via rt_sigaction, always with the libc's own restorer. */
#include "ksigaction.h"
#include "syscall.h"
#include <signal.h>

/*
 * As musl does: every handler returns through __restore_rt (rt_sigreturn) when it takes a
 * siginfo, or through __restore (the legacy sigreturn) when it does not, so the kernel never
 * has to supply a trampoline of its own. x86_64 has only rt frames, and so only __restore_rt.
 */
int sigaction(int sig, const struct sigaction *restrict sa, struct sigaction *restrict old)
{
    struct k_sigaction ksa, kold;
    long r;

    if (sa) {
        ksa.handler = sa->sa_handler;
        ksa.flags = (unsigned long)sa->sa_flags | SA_RESTORER;
#ifdef SYS_sigreturn
        ksa.restorer = (sa->sa_flags & SA_SIGINFO) ? __restore_rt : __restore;
#else
        ksa.restorer = __restore_rt;
#endif
        ksa.mask = sa->sa_mask;
    }
    r = __syscall(SYS_rt_sigaction, sig, sa ? &ksa : 0, old ? &kold : 0, KSIGSET_SIZE);
    if (old && r == 0) {
        old->sa_handler = kold.handler;
        old->sa_flags = (int)kold.flags;
        old->sa_restorer = kold.restorer;
        old->sa_mask = kold.mask;
    }
    return (int)__syscall_ret((unsigned long)r);
}
