/* getitimer.c: getitimer(2): what is left of an interval timer. */
#include "syscall.h"
#include <sys/time.h>

int getitimer(int which, struct itimerval *value)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_getitimer, which, value));
}
