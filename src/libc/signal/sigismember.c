/* sigismember.c: is a signal in a set? (0 for a number out of range, as musl.) */
#include <signal.h>

int sigismember(const sigset_t *set, int sig)
{
    unsigned s = (unsigned)sig - 1;

    if (s >= _NSIG - 1)
        return 0;
    return (set->__bits[s / 32] >> (s % 32)) & 1;
}
