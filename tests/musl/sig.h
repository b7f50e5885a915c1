/* Helpers shared by the tests/musl/sig_*.c signal tests: signal names, printing from a
 * handler, and addresses shown relative to known labels so that output matches Linux's. */
#pragma once
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static const char *const sig_names[32] = {
    "0",         "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",  "SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",  "SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGXCPU",   "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

static inline const char *signame(int sig)
{
    return sig >= 0 && sig < 32 ? sig_names[sig] : "SIGRT";
}

/* The name of an errno value (musl has no strerrorname_np). */
static inline const char *errname(int e)
{
    switch (e) {
    case 0:
        return "0";
    case EPERM:
        return "EPERM";
    case ESRCH:
        return "ESRCH";
    case EINTR:
        return "EINTR";
    case EAGAIN:
        return "EAGAIN";
    case ENOMEM:
        return "ENOMEM";
    case EFAULT:
        return "EFAULT";
    case EINVAL:
        return "EINVAL";
    case ENOSYS:
        return "ENOSYS";
    default:
        return "other";
    }
}

/* printf for handlers: formats on the stack and writes once (no stdio buffer involved). */
static inline void hprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1)
        n = (int)sizeof buf - 1;
    if (n > 0)
        write(1, buf, (size_t)n);
}

/* Installs a handler with the given flags and an empty sa_mask; returns sigaction's result. */
static inline int on(int sig, void *handler, int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = (void (*)(int))handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

#define GREG(uc, r) (((ucontext_t *)(uc))->uc_mcontext.gregs[r])
/* The width's program counter in the ucontext's gregs. */
#ifdef __x86_64__
#define REG_PC REG_RIP
#else
#define REG_PC REG_EIP
#endif
