/* getpid.c: getpid(2) and gettid(2); neither can fail. */
#include "syscall.h"
#include <unistd.h>

pid_t getpid(void)
{
    return (pid_t)__syscall(SYS_getpid);
}

pid_t gettid(void)
{
    return (pid_t)__syscall(SYS_gettid);
}
