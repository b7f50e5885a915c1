/* signal.c: signal() with BSD semantics, as musl and glibc give it: the handler stays, and
   an interrupted system call restarts (SA_RESTART). */
#include <signal.h>

void (*signal(int sig, void (*handler)(int)))(int)
{
    struct sigaction sa = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;

    if (sigaction(sig, &sa, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}
