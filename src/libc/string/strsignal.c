/* strsignal.c: a signal's description, word for word as musl gives it. */
#include <signal.h>
#include <string.h>

static const char *const names[32] = {
    [0] = "Unknown signal",
    [SIGHUP] = "Hangup",
    [SIGINT] = "Interrupt",
    [SIGQUIT] = "Quit",
    [SIGILL] = "Illegal instruction",
    [SIGTRAP] = "Trace/breakpoint trap",
    [SIGABRT] = "Aborted",
    [SIGBUS] = "Bus error",
    [SIGFPE] = "Arithmetic exception",
    [SIGKILL] = "Killed",
    [SIGUSR1] = "User defined signal 1",
    [SIGSEGV] = "Segmentation fault",
    [SIGUSR2] = "User defined signal 2",
    [SIGPIPE] = "Broken pipe",
    [SIGALRM] = "Alarm clock",
    [SIGTERM] = "Terminated",
    [SIGSTKFLT] = "Stack fault",
    [SIGCHLD] = "Child process status",
    [SIGCONT] = "Continued",
    [SIGSTOP] = "Stopped (signal)",
    [SIGTSTP] = "Stopped",
    [SIGTTIN] = "Stopped (tty input)",
    [SIGTTOU] = "Stopped (tty output)",
    [SIGURG] = "Urgent I/O condition",
    [SIGXCPU] = "CPU time limit exceeded",
    [SIGXFSZ] = "File size limit exceeded",
    [SIGVTALRM] = "Virtual timer expired",
    [SIGPROF] = "Profiling timer expired",
    [SIGWINCH] = "Window changed",
    [SIGIO] = "I/O possible",
    [SIGPWR] = "Power failure",
    [SIGSYS] = "Bad system call",
};

/* "RT32".."RT64": built on demand into one buffer, as POSIX lets strsignal do. */
static char rt_name[sizeof "RT64"];

char *strsignal(int sig)
{
    if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
        rt_name[0] = 'R';
        rt_name[1] = 'T';
        rt_name[2] = (char)('0' + sig / 10);
        rt_name[3] = (char)('0' + sig % 10);
        rt_name[4] = '\0';
        return rt_name;
    }
    if (sig < 0 || sig >= SIGRTMIN)
        sig = 0;
    return (char *)names[sig];
}
