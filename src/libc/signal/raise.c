/* raise.c: send a signal to this thread (tkill, as musl does). */
#include "syscall.h"
#include <signal.h>

int raise(int sig)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_tkill, __syscall(SYS_gettid), sig));
}
