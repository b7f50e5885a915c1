/* What the System V IPC tests (sysv_msg.c, sysv_sem.c, sysv_shm.c) share: a new object's id
 * printed as "id" (its number differs from run to run), times and pids as facts, and a timer
 * whose signal ends a call that blocks. */
#pragma once

#include "report.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static time_t t0; /* when the test started */
static volatile sig_atomic_t fired;

#define TI(call) show_id(#call, (long)(call))
static long show_id(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, errname(errno));
    else
        printf("%s = id\n", what);
    errno = 0;
    return r;
}

/* The kernel stamps the coarse second (Linux's ktime_get_real_seconds, which trails
   clock_gettime's by up to a tick past a second's end): a second before t0 is "now" too. */
static const char *when(time_t t)
{
    return !t ? "0" : t + 1 >= t0 && t <= time(NULL) ? "now" : "other";
}

static const char *who(pid_t p)
{
    return !p ? "0" : p == getpid() ? "me" : "other";
}

static void on_alarm(int sig)
{
    (void)sig;
    fired++;
}

/* A single process blocks until a signal: the timer's, 20 ms from now. */
static void arm(int flags)
{
    struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = flags};
    sigaction(SIGALRM, &sa, NULL);
    fired = 0;
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
}
