/* Signal names, and the fate of a faulting app: until handlers exist, Linux's default action,
   which for every fault is to terminate. */
#include "kernel/signal.h"
#include "kernel/app.h"

static const char *const names[] = {
    [SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",   [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
    [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",
    [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM", [16] = "SIGSTKFLT",
    [17] = "SIGCHLD",      [18] = "SIGCONT",      [19] = "SIGSTOP",      [20] = "SIGTSTP",
    [21] = "SIGTTIN",      [22] = "SIGTTOU",      [23] = "SIGURG",       [24] = "SIGXCPU",
    [25] = "SIGXFSZ",      [26] = "SIGVTALRM",    [27] = "SIGPROF",      [28] = "SIGWINCH",
    [29] = "SIGIO",        [30] = "SIGPWR",       [31] = "SIGSYS",
};

const char *sig_name(int sig)
{
    if (sig > 0 && sig < (int)(sizeof(names) / sizeof(names[0])))
        return names[sig];
    return sig >= 32 && sig <= NSIG ? "SIGRT" : "?";
}

void sig_fault(struct trap_frame *f, int sig, int code, uint32_t addr)
{
    app_kill(sig);
}
