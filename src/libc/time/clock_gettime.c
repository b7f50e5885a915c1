/* clock_gettime.c: clock_gettime(2), the classic call (a long time_t). */
#include "syscall.h"
#include <time.h>

int clock_gettime(clockid_t clock, struct timespec *ts)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_clock_gettime, clock, ts));
}
