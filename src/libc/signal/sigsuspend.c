/* sigsuspend.c: sigsuspend(2) via rt_sigsuspend; it only ever returns -1 with EINTR. */
#include "ksigaction.h"
#include "syscall.h"
#include <signal.h>

int sigsuspend(const sigset_t *mask)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_rt_sigsuspend, mask, KSIGSET_SIZE));
}
