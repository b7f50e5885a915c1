/* Proves execve and execveat behave as Linux's. Before the point of no return every refusal
 * leaves the program as it was: ENOENT, ENOTDIR, EACCES (a folder, a file without an x bit),
 * ENOEXEC (neither an ELF nor a #! script, or a #! line without an interpreter), ELOOP (a
 * symlink under AT_SYMLINK_NOFOLLOW, or a seventh interpreter in a chain), EFAULT (the path,
 * argv, envp or one of their strings), EINVAL (execveat's flags). Past it, the program runs
 * with exactly the arguments and environment given (an empty argv gets "", as Linux 5.18+
 * gives it); descriptors stay open but for the close-on-exec ones; handled signals go back
 * to SIG_DFL, ignored ones stay ignored, the mask and the pending signals stay, the alternate
 * stack goes; the working directory and the umask stay; the name is the file's, AT_EXECFN the
 * path given; dumpable is set again and keepcaps cleared; three thousand arguments and
 * environment strings arrive each in its place. A #! script
 * runs its interpreter with its optional argument and the script's path in front of argv[1..],
 * five scripts deep at most. The program runs itself in each stage (the environment's STAGE
 * says which), in a scratch folder of its own under the working directory, which the last
 * stage removes. */
#define _GNU_SOURCE
#include "report.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DIR_NAME "exec_scratch.tmp"

extern char **environ;

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    write(fd, text, strlen(text));
    close(fd);
    chmod(path, mode);
}

static void on_usr1(int sig)
{
    (void)sig;
}

/* Stage 1: the refusals, then the state a new program must find changed or kept. */
static void stage1(const char *self)
{
    T(mkdir(DIR_NAME, 0755));
    T(chdir(DIR_NAME));
    write_file("plain", "not a program\n", 0644);
    write_file("text", "not a program\n", 0755);
    write_file("noname.sh", "#!   \n", 0755);
    write_file("nointerp.sh", "#!./none\n", 0755);
    T(mkdir("d", 0755));
    T(symlink("text", "link"));
    char line[4400];
    snprintf(line, sizeof(line), "#!%s from-script\n", self);
    write_file("s0.sh", line, 0755);
    for (int i = 1; i <= 5; i++) {
        char name[16], text[32];
        snprintf(name, sizeof(name), "s%d.sh", i);
        snprintf(text, sizeof(text), "#!./s%d.sh\n", i - 1);
        write_file(name, text, 0755);
    }

    printf("-- refused, nothing changed\n");
    char *argv[] = {"x", NULL}, *envp[] = {NULL};
    T(execve("nope", argv, envp));
    T(execve("", argv, envp));
    T(execve("plain/", argv, envp));
    T(execve("d", argv, envp));
    T(execve("plain", argv, envp));
    T(execve("text", argv, envp));
    T(execve("noname.sh", argv, envp));
    T(execve("nointerp.sh", argv, envp));
    T(execve("s5.sh", argv, envp));
    T(syscall(SYS_execve, 8, argv, envp));
    T(syscall(SYS_execve, self, 8, envp));
    char *bad_argv[] = {"x", (char *)8, NULL}, *bad_envp[] = {(char *)8, NULL};
    T(execve(self, bad_argv, envp));
    T(execve(self, argv, bad_envp));
    T(syscall(SYS_execveat, AT_FDCWD, "link", argv, envp, AT_SYMLINK_NOFOLLOW));
    T(syscall(SYS_execveat, AT_FDCWD, self, argv, envp, 0x4));
    T(syscall(SYS_execveat, 99, "text", argv, envp, 0));

    printf("-- the state the next program gets\n");
    int keep = open("plain", O_RDONLY), drop = open("plain", O_RDONLY | O_CLOEXEC);
    T(dup2(keep, 20));
    T(dup2(drop, 21));
    T(fcntl(21, F_SETFD, FD_CLOEXEC));
    struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
    sigaction(SIGUSR1, &sa, 0);
    signal(SIGUSR2, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, 0);
    raise(SIGHUP);
    static char alt[65536];
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt)};
    sigaltstack(&ss, 0);
    umask(027);
    prctl(PR_SET_NAME, "before");
    prctl(PR_SET_DUMPABLE, 0);
    prctl(PR_SET_KEEPCAPS, 1);
    fflush(stdout);
    char *argv2[] = {"second", "an argument with spaces", "", NULL};
    char self_env[4400];
    snprintf(self_env, sizeof(self_env), "SELF=%s", self);
    char *envp2[] = {"STAGE=2", "A=1", "B=", self_env, NULL};
    execve(self, argv2, envp2);
    printf("execve: %s\n", errname(errno));
}

/* Stage 2: what it was given, and what it found. */
static void stage2(int argc, char **argv, const char *self)
{
    printf("-- the new program\n");
    printf("argc %d:", argc);
    for (int i = 0; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("; argv[argc] %s\n", argv[argc] ? "set" : "NULL");
    printf("environment:");
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "SELF=", 5))
            printf(" [%s]", *e);
    printf("\n");
    printf("fd 20 open: %s; fd 21 (close-on-exec) open: %s\n",
           fcntl(20, F_GETFD) >= 0 ? "yes" : "no", fcntl(21, F_GETFD) >= 0 ? "yes" : "no");
    struct sigaction usr1, usr2;
    sigaction(SIGUSR1, 0, &usr1);
    sigaction(SIGUSR2, 0, &usr2);
    printf("SIGUSR1 %s (flags %#x); SIGUSR2 %s (flags %#x)\n",
           usr1.sa_handler == SIG_DFL ? "SIG_DFL" : "handled", (unsigned)usr1.sa_flags,
           usr2.sa_handler == SIG_IGN ? "SIG_IGN" : "not ignored", (unsigned)usr2.sa_flags);
    sigset_t mask, pending;
    sigprocmask(SIG_BLOCK, 0, &mask);
    sigpending(&pending);
    printf("SIGHUP blocked %s, pending %s\n", sigismember(&mask, SIGHUP) ? "yes" : "no",
           sigismember(&pending, SIGHUP) ? "yes" : "no");
    stack_t ss;
    sigaltstack(0, &ss);
    printf("alternate stack: %s\n", ss.ss_flags & SS_DISABLE ? "disabled" : "still there");
    char cwd[4200];
    const char *base = getcwd(cwd, sizeof(cwd)) ? strrchr(cwd, '/') : 0;
    mode_t um = umask(0);
    umask(um);
    printf("cwd %s, umask %03o\n", base ? base + 1 : "?", (unsigned)um);
    char comm[17] = {0};
    prctl(PR_GET_NAME, comm);
    const char *file = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;
    printf("name is the file's: %s; AT_EXECFN is the path given: %s\n",
           strncmp(comm, file, 15) == 0 ? "yes" : "no",
           strcmp((const char *)getauxval(AT_EXECFN), self) == 0 ? "yes" : "no");
    printf("dumpable %d, keepcaps %d\n", prctl(PR_GET_DUMPABLE), prctl(PR_GET_KEEPCAPS));
    fflush(stdout);
    char self_env[4400];
    snprintf(self_env, sizeof(self_env), "SELF=%s", self);
    char *envp[] = {"STAGE=3", self_env, NULL};
    syscall(SYS_execve, self, 0, envp);
    printf("execve: %s\n", errname(errno));
}

#define MANY 3000

/* Stage 3: started with no argv at all; then with MANY arguments and environment strings. */
static void stage3(int argc, char **argv, const char *self)
{
    printf("-- argv NULL\nargc %d, argv[0] \"%s\"\n", argc, argv[0]);
    fflush(stdout);
    static char *args[MANY + 1], *envp[MANY + 1], strings[MANY][8], self_env[4400];
    snprintf(self_env, sizeof(self_env), "SELF=%s", self);
    envp[0] = "STAGE=many", envp[1] = self_env;
    for (int i = 0; i < MANY; i++) {
        snprintf(strings[i], sizeof(strings[i]), "%d", i);
        args[i] = strings[i];
        if (i >= 2)
            envp[i] = strings[i];
    }
    execve(self, args, envp);
    printf("execve: %s\n", errname(errno));
}

/* Stage "many": each string where it was given; then a chain of five scripts. */
static void stage_many(int argc, char **argv, const char *self)
{
    int in_place = argc == MANY;
    for (int i = 0; in_place && i < MANY; i++)
        in_place = atoi(argv[i]) == i && (i < 2 || atoi(environ[i]) == i);
    printf("-- %d arguments and environment strings\nargc %d, each in its place: %s\n", MANY, argc,
           in_place ? "yes" : "no");
    fflush(stdout);
    char self_env[4400];
    snprintf(self_env, sizeof(self_env), "SELF=%s", self);
    char *envp[] = {"STAGE=4", self_env, NULL};
    char *args[] = {"ignored", "last", NULL};
    execve("./s4.sh", args, envp);
    printf("execve: %s\n", errname(errno));
}

/* Stage 4: the interpreter at the end of the chain; then the scratch folder goes. */
static void stage4(int argc, char **argv, const char *self)
{
    printf("-- five scripts deep\nargv[0] is the interpreter: %s\n",
           strcmp(argv[0], self) == 0 ? "yes" : "no");
    for (int i = 1; i < argc; i++)
        printf("argv[%d] [%s]\n", i, argv[i]);
    const char *names[] = {"plain", "text",  "noname.sh", "nointerp.sh", "link", "s0.sh",
                           "s1.sh", "s2.sh", "s3.sh",     "s4.sh",       "s5.sh"};
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        unlink(names[i]);
    rmdir("d");
    T(chdir(".."));
    T(rmdir(DIR_NAME));
}

int main(int argc, char **argv)
{
    const char *stage = getenv("STAGE"), *self = getenv("SELF");
    if (!stage) {
        /* Its own file, made absolute (the stages change folder): argv[0] as run, or on
           moat, where the runner names the archive's /init by the ELF's file name, /init. */
        static char path[4200];
        if (argv[0][0] == '/')
            snprintf(path, sizeof(path), "%s", argv[0]);
        else if (getcwd(path, 4000))
            snprintf(path + strlen(path), sizeof(path) - strlen(path), "/%s", argv[0]);
        if (access(path, X_OK))
            snprintf(path, sizeof(path), "/init");
        stage1(path);
        return 1;
    }
    if (!strcmp(stage, "2"))
        stage2(argc, argv, self);
    else if (!strcmp(stage, "3"))
        stage3(argc, argv, self);
    else if (!strcmp(stage, "many"))
        stage_many(argc, argv, self);
    else
        stage4(argc, argv, self);
    return 0;
}
