/* nanosleep.c: nanosleep(2). */
#include "syscall.h"
#include <time.h>

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_nanosleep, req, rem));
}
