/* kill.c: kill(2). */
#include "syscall.h"
#include <signal.h>

int kill(pid_t pid, int sig)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_kill, pid, sig));
}
