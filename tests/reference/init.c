/* The Linux reference's /init: runs every case in /cases on real Linux i386 and reports
   each on the second serial port (/dev/ttyS1), where nothing else writes.

   /cases holds one case a line, fields separated by tabs:
     NAME  ELF  TIMEOUT_S  STDIN_FILE_OR_-  ARG...
   Each case runs in a child: argv[0] is the ELF's bare name, the working directory is the
   ELF's folder, the environment is empty (as on moat), stdin is the given file's bytes
   through a pipe (nothing: an empty pipe), stdout and stderr are captured apart.
   The report, one line each, payloads in hex so no tty setting or stray byte can change them:
     case NAME
     status exited N | status killed N | status timeout | status error TEXT
     stdout HEX
     stderr HEX
     end
   and `done COUNT` after the last case. Then the machine powers off.
   Built for the host too: `init --probe` exits 0, which tells the runner that this host
   runs i386 programs itself. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_ARGS 64
#define OUT_MAX (1 << 20)

static FILE *report;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

static void hex(const char *tag, const char *path)
{
    static unsigned char buf[OUT_MAX];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof buf);
    if (fd >= 0)
        close(fd);
    fprintf(report, "%s ", tag);
    for (ssize_t i = 0; i < n; i++)
        fprintf(report, "%02x", buf[i]);
    fputc('\n', report);
}

static void child(char *elf, char **argv, int in_pipe[2])
{
    static char *envp[] = {NULL};
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", elf);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = 0;
        if (chdir(dir) < 0)
            _exit(126);
    }
    dup2(in_pipe[0], 0);
    close(in_pipe[0]);
    close(in_pipe[1]);
    int out = open("/tmp/out", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open("/tmp/err", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    close(out);
    close(err);
    signal(SIGPIPE, SIG_DFL);
    execve(elf, argv, envp);
    dprintf(2, "init: execve %s: %s\n", elf, strerror(errno));
    _exit(127);
}

/* Copy the case's stdin file into the pipe; small inputs only (a pipe holds 64 KiB). */
static void feed(const char *path, int fd)
{
    char buf[4096];
    int in = strcmp(path, "-") ? open(path, O_RDONLY) : -1;
    ssize_t n;
    while (in >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(fd, buf, (size_t)n) != n)
            break;
    if (in >= 0)
        close(in);
    close(fd);
}

static void run_case(char *line)
{
    char *field[4 + MAX_ARGS + 1];
    int n = 0;
    for (char *tok = strtok(line, "\t\n"); tok && n < 4 + MAX_ARGS; tok = strtok(NULL, "\t\n"))
        field[n++] = tok;
    field[n] = NULL;
    if (n < 4)
        return;
    char *name = field[0], *elf = field[1], *stdin_path = field[3];
    unsigned timeout = (unsigned)atoi(field[2]);
    char *base = strrchr(elf, '/');
    field[3] = base ? base + 1 : elf; /* argv[0], then the args that follow */
    char **argv = &field[3];

    fprintf(report, "case %s\n", name);
    fflush(report);
    int in_pipe[2];
    if (pipe(in_pipe) < 0) {
        fprintf(report, "status error pipe: %s\n", strerror(errno));
        goto out;
    }
    pid_t pid = fork();
    if (pid == 0)
        child(elf, argv, in_pipe);
    close(in_pipe[0]);
    if (pid < 0) {
        close(in_pipe[1]);
        fprintf(report, "status error fork: %s\n", strerror(errno));
        goto out;
    }
    feed(stdin_path, in_pipe[1]);
    timed_out = 0;
    alarm(timeout ? timeout : 30);
    int status;
    pid_t got;
    while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        if (timed_out)
            kill(pid, SIGKILL);
    alarm(0);
    if (got < 0)
        fprintf(report, "status error waitpid: %s\n", strerror(errno));
    else if (timed_out)
        fprintf(report, "status timeout\n");
    else if (WIFEXITED(status))
        fprintf(report, "status exited %d\n", WEXITSTATUS(status));
    else
        fprintf(report, "status killed %d\n", WTERMSIG(status));
out:
    hex("stdout", "/tmp/out");
    hex("stderr", "/tmp/err");
    fprintf(report, "end\n");
    fflush(report);
    unlink("/tmp/out");
    unlink("/tmp/err");
}

/* The loopback up, as a distribution's init brings it up (and as moat boots): a kernel that
   runs /init itself leaves it down, without 127.0.0.1. */
static void loopback_up(void)
{
    struct ifreq r = {.ifr_name = "lo"};
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (ioctl(fd, SIOCGIFFLAGS, &r) == 0 && !(r.ifr_flags & IFF_UP)) {
        r.ifr_flags |= IFF_UP;
        ioctl(fd, SIOCSIFFLAGS, &r);
    }
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--probe"))
        return 0;
    mkdir("/tmp", 01777);
    mkdir("/proc", 0555);
    mount("proc", "/proc", "proc", 0, NULL);
    loopback_up();
    int fd = open("/dev/ttyS1", O_WRONLY | O_NOCTTY);
    if (fd < 0)
        fd = open("/dev/console", O_WRONLY | O_NOCTTY);
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    report = fdopen(fd, "w");
    struct sigaction sa = {.sa_handler = on_alarm};
    sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART: waitpid returns EINTR */

    FILE *cases = fopen("/cases", "r");
    static char line[8192];
    int count = 0;
    while (cases && fgets(line, sizeof line, cases)) {
        run_case(line);
        count++;
    }
    fprintf(report, "done %d\n", count);
    fflush(report);
    fsync(fd);
    sync();
    reboot(RB_POWER_OFF);
    return 0;
}
