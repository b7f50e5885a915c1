/* abort.c: die by SIGABRT, or exit 127 on a kernel that cannot deliver it. */
#include "ksigaction.h"
#include "syscall.h"
#include <signal.h>
#include <stdlib.h>

_Noreturn void abort(void)
{
    struct k_sigaction dfl = {0}; /* SIG_DFL, no flags, no restorer, no mask */
    sigset_t abrt_mask = {{1u << (SIGABRT - 1), 0}};

    raise(SIGABRT);
    /* A handler returned, or SIGABRT is blocked or ignored: go back to the default and
     * unblock it, then try again, as musl does. Deliberately no stdio flush. */
    __syscall(SYS_rt_sigaction, SIGABRT, &dfl, 0, KSIGSET_SIZE);
    __syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &abrt_mask, 0, KSIGSET_SIZE);
    raise(SIGABRT);
    /* Here only if the kernel has no signals yet. */
    for (;;)
        __syscall(SYS_exit_group, 127);
}
