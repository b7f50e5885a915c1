/* sigdelset.c: remove a signal (1..64) from a set. */
#include <errno.h>
#include <signal.h>

int sigdelset(sigset_t *set, int sig)
{
    unsigned s = (unsigned)sig - 1;

    if (s >= _NSIG - 1) {
        errno = EINVAL;
        return -1;
    }
    set->__bits[s / 32] &= ~(1u << (s % 32));
    return 0;
}
