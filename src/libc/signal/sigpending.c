/* sigpending.c: sigpending(2) via rt_sigpending. */
#include "ksigaction.h"
#include "syscall.h"
#include <signal.h>

int sigpending(sigset_t *set)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_rt_sigpending, set, KSIGSET_SIZE));
}
