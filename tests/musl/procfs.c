/* Proves /proc shows the one process as Linux's procfs would show it as /init: /proc/self
 * links to 1, whose exe links to the program's file (and runs it again), cwd to the working
 * directory; cmdline and environ are its arguments' and environment's bytes; stat's 52
 * fields, status, statm and comm name it; meminfo, uptime, loadavg, stat, mounts, version
 * and cpuinfo are there; /proc is procfs (statfs), and its files read the same in pieces.
 * What Linux's procfs refuses root, moat's refuses: writes and mappings (EIO), new names
 * (ENOENT), removals (EPERM; EBUSY for /proc, a mount point), moves and links out (EXDEV),
 * while an open for writing and a truncate succeed and change nothing. With "again", it
 * reports that exe ran it. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;

static char buf[16384];

static long slurp(const char *path, size_t piece)
{
    int fd = open(path, O_RDONLY);
    long n = 0, r;
    if (fd < 0)
        return -1;
    while (n < (long)sizeof(buf) - 1 && (r = read(fd, buf + n, piece)) > 0)
        n += r;
    close(fd);
    buf[n] = 0;
    return n;
}

static void link_of(const char *path)
{
    char target[256];
    long n = readlink(path, target, sizeof(target) - 1);
    if (n < 0) {
        printf("readlink %s: %s\n", path, errname(errno));
        return;
    }
    target[n] = 0;
    printf("%s -> %s\n", path, target);
}

/* Do the bytes at buf hold the strings of v, each with its NUL? */
static int same_strings(long n, char *const *v)
{
    long at = 0;
    for (; *v; v++) {
        size_t len = strlen(*v) + 1;
        if (at + (long)len > n || memcmp(buf + at, *v, len))
            return 0;
        at += (long)len;
    }
    return at == n;
}

static int has_line(const char *prefix)
{
    for (char *p = buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (!strncmp(p, prefix, strlen(prefix)))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "again")) {
        printf("run again through /proc/self/exe, as %s\n", argv[0]);
        return 0;
    }
    /* A folder's links count its subfolders whether or not anything has looked inside yet. */
    struct stat before, after;
    stat("/proc/sys/kernel", &before);
    slurp("/proc/sys/kernel/ostype", 4096);
    stat("/proc/sys/kernel", &after);
    printf("sys/kernel's links before and after a look inside: %s\n",
           before.st_nlink == after.st_nlink ? "the same" : "differ");
    link_of("/proc/self");
    link_of("/proc/self/exe");
    link_of("/proc/1/root");
    link_of("/proc/mounts");
    chdir("/etc");
    link_of("/proc/self/cwd");
    chdir("/");

    long n = slurp("/proc/self/cmdline", 3);
    printf("cmdline: %s\n", same_strings(n, argv) ? "its arguments" : "WRONG");
    n = slurp("/proc/self/environ", 4096);
    printf("environ: %s\n", same_strings(n, environ) ? "its environment" : "WRONG");
    slurp("/proc/self/comm", 1);
    printf("comm: %s", buf);
    slurp("/proc/self/stat", 5);
    int fields = 2;
    for (char *p = strrchr(buf, ')'); p && *p; p++)
        fields += *p == ' ';
    char comm[32], state;
    int pid, ppid;
    sscanf(buf, "%d (%31[^)]) %c %d", &pid, comm, &state, &ppid);
    printf("stat: pid %d, comm %s, state %c, ppid %d, %d fields\n", pid, comm, state, ppid, fields);
    slurp("/proc/self/status", 4096);
    printf("status: %s, %s\n", has_line("Pid:\t1\n") ? "Pid 1" : "WRONG",
           has_line("PPid:\t0\n") ? "PPid 0" : "WRONG");
    struct rlimit sigpending;
    getrlimit(RLIMIT_SIGPENDING, &sigpending);
    char sigq[64];
    snprintf(sigq, sizeof(sigq), "SigQ:\t0/%lu\n", (unsigned long)sigpending.rlim_cur);
    printf("status: %s\n", has_line(sigq) ? "SigQ, none queued of RLIMIT_SIGPENDING" : "WRONG");
    slurp("/proc/self/loginuid", 4096);
    printf("loginuid: %s\n", buf); /* unset, as the kernel starts init */
    unsigned long size, resident;
    slurp("/proc/self/statm", 4096);
    printf("statm: %s\n",
           sscanf(buf, "%lu %lu", &size, &resident) == 2 && size >= resident && resident > 0
               ? "size and resident pages"
               : "WRONG");
    slurp("/proc/meminfo", 7);
    unsigned long total = 0, free_kb = 0;
    char *p = strstr(buf, "MemTotal:"), *q = strstr(buf, "MemFree:");
    if (p && q)
        total = strtoul(p + 9, 0, 10), free_kb = strtoul(q + 8, 0, 10);
    printf("meminfo: %s\n", total && free_kb && free_kb <= total ? "MemTotal, MemFree" : "WRONG");
    printf("meminfo: %s\n",
           has_line("SReclaimable:") ? "SReclaimable (free's buff/cache)" : "WRONG");
    double up = -1, idle = -1;
    slurp("/proc/uptime", 4096);
    sscanf(buf, "%lf %lf", &up, &idle);
    printf("uptime: %s\n", up >= 0 && idle >= 0 ? "two numbers" : "WRONG");
    slurp("/proc/loadavg", 4096);
    printf("loadavg: %s", buf);
    slurp("/proc/stat", 4096);
    printf("stat: %s, %s\n", has_line("cpu ") ? "cpu line" : "WRONG",
           has_line("btime ") ? "btime" : "WRONG");
    slurp("/proc/mounts", 4096);
    printf("mounts:\n%s", buf);
    slurp("/proc/cpuinfo", 100);
    printf("cpuinfo: %s, %s\n", has_line("processor\t: 0") ? "processor 0" : "WRONG",
           has_line("flags\t\t:") ? "flags" : "WRONG");
    slurp("/proc/version", 4096);
    printf("version: %s\n",
           !strncmp(buf, "Linux version 6.1.0-moat #1 moat ", 33) ? "moat's" : "WRONG");
    struct statfs sf;
    statfs("/proc", &sf);
    printf("statfs /proc: type %#lx, flags %#lx\n", (unsigned long)sf.f_type,
           (unsigned long)sf.f_flags & 0x1FFF);
    struct stat root, proc, exe;
    stat("/", &root);
    stat("/proc", &proc);
    lstat("/proc/self/exe", &exe);
    printf("/proc's device: %s, its links' too: %s\n",
           proc.st_dev != root.st_dev ? "its own" : "the root's",
           exe.st_dev == proc.st_dev ? "yes" : "no");

    /* sys/kernel's hostname and domainname take a write, as Linux's (up to a newline). */
    int h = open("/proc/sys/kernel/hostname", O_WRONLY);
    T(write(h, "fromproc\nignored", 16));
    T(pwrite(h, "", 0, 2)); /* nothing: the name stays whole */
    close(h);
    struct utsname u;
    uname(&u);
    slurp("/proc/sys/kernel/hostname", 4096);
    printf("hostname: uname's %s, the file's %s", u.nodename, buf);
    h = open("/proc/sys/kernel/domainname", O_WRONLY);
    T(write(h, "example", 7));
    close(h);
    uname(&u);
    printf("domainname: uname's %s\n", u.domainname);
    h = open("/proc/sys/kernel/domainname", O_WRONLY | O_APPEND); /* a position, as Linux's */
    T(write(h, "ab", 2));
    T(write(h, "cd", 2));
    close(h);
    uname(&u);
    printf("domainname, written twice: %s\n", u.domainname);

    /* procfs refuses changes. */
    close(TF(open("/proc/meminfo", O_WRONLY)));
    close(TF(open("/proc/meminfo", O_RDONLY | O_TRUNC)));
    T(open("/proc/new", O_WRONLY | O_CREAT, 0644));
    T(mkdir("/proc/new", 0755));
    T(unlink("/proc/meminfo"));
    T(rmdir("/proc/1"));
    T(rmdir("/proc"));
    T(rename("/proc/meminfo", "/tmp/meminfo"));
    T(rename("/proc", "/tmp/proc"));
    T(rename("/proc/1/stat", "/proc/stat2"));
    T(rename("/proc/self/stat", "/proc/self/status"));
    T(open("/proc", O_TMPFILE | O_RDWR, 0600));
    T(execl("/proc/meminfo", "meminfo", (char *)0));
    T(link("/proc/meminfo", "/tmp/meminfo"));
    T(symlink("x", "/proc/new"));
    T(truncate("/proc/meminfo", 0));
    int w = open("/proc/meminfo", O_WRONLY);
    T(write(w, "x", 1));
    close(w);
    int fd = open("/proc/meminfo", O_RDONLY);
    void *m = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("mmap /proc/meminfo: %s\n", m == MAP_FAILED ? errname(errno) : "mapped");
    close(fd);
    fflush(stdout);
    execl("/proc/self/exe", "self", "again", (char *)0);
    printf("execl /proc/self/exe: %s\n", errname(errno));
    return 1;
}
