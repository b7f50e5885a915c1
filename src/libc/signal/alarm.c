/* alarm.c: alarm(2): SIGALRM after some seconds; returns the seconds the last one had left. */
#include "syscall.h"
#include <unistd.h>

unsigned alarm(unsigned seconds)
{
    /* It cannot fail, and its result is a count, not -errno. */
    return (unsigned)__syscall(SYS_alarm, seconds);
}
