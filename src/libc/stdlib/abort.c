/* abort.c: die by SIGABRT, or exit 127 on a kernel that cannot deliver it. */
#include "syscall.h"
#include <signal.h>
#include <stdlib.h>

_Noreturn void abort(void)
{
    /* Linux's struct k_sigaction: handler, flags, restorer, mask (two words for 64 sigs). */
    unsigned long dfl[5] = {0, 0, 0, 0, 0};
    unsigned long abrt_mask[2] = {1ul << (SIGABRT - 1), 0};

    raise(SIGABRT);
    /* A handler returned, or SIGABRT is blocked or ignored: go back to the default and
     * unblock it, then try again, as musl does. Deliberately no stdio flush. */
    __syscall(SYS_rt_sigaction, SIGABRT, dfl, 0, 8);
    __syscall(SYS_rt_sigprocmask, 1 /* SIG_UNBLOCK */, abrt_mask, 0, 8);
    raise(SIGABRT);
    /* Here only if the kernel has no signals yet. */
    for (;;)
        __syscall(SYS_exit_group, 127);
}
