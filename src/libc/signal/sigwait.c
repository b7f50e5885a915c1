/* sigwait.c: wait for a signal of set; returns the error number instead of setting errno. */
#include <errno.h>
#include <signal.h>

int sigwait(const sigset_t *restrict set, int *restrict sig)
{
    siginfo_t si;

    if (sigtimedwait(set, &si, 0) < 0)
        return errno;
    *sig = si.si_signo;
    return 0;
}
