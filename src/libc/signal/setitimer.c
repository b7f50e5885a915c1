/* setitimer.c: setitimer(2) (moat runs ITIMER_REAL; Linux's classic timevals, longs). */
#include "syscall.h"
#include <sys/time.h>

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_setitimer, which, value, old));
}
