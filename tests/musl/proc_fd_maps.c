/* Proves /proc/self/fd and /proc/self/maps as Linux's procfs shows them. fd: a link for each
 * open descriptor and no other (the listing's own included), named by its number, whose
 * rights are the file's access and whose target is the file's path (a folder's too), a pipe's
 * "pipe:[inode]", or the path marked "(deleted)"; it opens the same file; a closed one is gone
 * (ENOENT); each leads to the open file itself (Linux's magic links): a deleted file, the
 * same pipe, an O_TMPFILE file that linkat names through it. maps: every line in Linux's form (the
 * name, if any, from a column of its own); the program's code named by its file, at the offset
 * where the file holds those very bytes; the stack, the heap and the ABI's page named so; an
 * anonymous mapping unnamed, its rights as mprotect set them. It works in a scratch file under the
 * working directory and removes it. */
#define _GNU_SOURCE
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FILE_NAME "proc_fd_maps.tmp"

static char maps[32768];

static const char *target(int fd)
{
    static char t[512];
    char path[64];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    long n = readlink(path, t, sizeof(t) - 1);
    if (n < 0)
        return errname(errno);
    t[n] = 0;
    return t;
}

static void show_link(const char *what, int fd, const char *want, const char *as)
{
    char path[64];
    struct stat st;
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    const char *t = target(fd);
    printf("%s: %s", what, !strcmp(t, want) ? as : t);
    if (lstat(path, &st) == 0)
        printf(", mode %o", (unsigned)st.st_mode & 07777);
    printf("\n");
}

/* Are the listed names exactly the open descriptors? */
static void listing(void)
{
    DIR *d = opendir("/proc/self/fd");
    char seen[256] = {0};
    int others = 0, n, last = -1, ascending = 1;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            (n = atoi(e->d_name)) >= 0 && n < 256 ? seen[n] = 1 : others++;
            ascending &= n > last;
            last = n;
        }
    int missing = 0, extra = 0;
    for (n = 0; n < 256; n++) {
        int open_now = fcntl(n, F_GETFD) >= 0;
        missing += open_now && !seen[n];
        extra += !open_now && seen[n];
    }
    printf("listing: %s, %s\n",
           d && !missing && !extra && !others ? "every open descriptor, no other" : "WRONG",
           ascending ? "from 0 up" : "out of order");
    if (d)
        closedir(d);
}

/* The maps line holding address a, or NULL. */
static char *line_of(uintptr_t a)
{
    for (char *l = maps; *l; l = strchr(l, '\n') + 1) {
        unsigned long from, to;
        if (sscanf(l, "%lx-%lx", &from, &to) == 2 && a >= from && a < to)
            return l;
        if (!strchr(l, '\n'))
            break;
    }
    return NULL;
}

/* The line's fields: rights, offset, inode and name (empty if none). */
static int fields(const char *l, char perms[5], unsigned long long *off, unsigned long *ino,
                  char name[256])
{
    unsigned long from, to;
    int at = 0;
    name[0] = 0;
    if (!l || sscanf(l, "%lx-%lx %4s %llx %*x:%*x %lu%n", &from, &to, perms, off, ino, &at) < 5)
        return 0;
    while (l[at] == ' ')
        at++;
    sscanf(l + at, "%255[^\n]", name);
    return 1;
}

static void named(const char *what, uintptr_t a, const char *want)
{
    char perms[5], name[256];
    unsigned long long off;
    unsigned long ino;
    if (!fields(line_of(a), perms, &off, &ino, name))
        printf("%s: no line\n", what);
    else
        printf("%s: %s\n", what, !strcmp(name, want) ? want : name);
}

/* Linux's form: the name after blanks, at column 25 + 6 per byte of the kernel's pointer + 2
   (an i386 program on an x86_64 kernel sees 64-bit columns); an unnamed line ends in a blank. */
static int well_formed(void)
{
    for (char *l = maps; *l;) {
        char *end = strchr(l, '\n');
        if (!end)
            return 0;
        size_t len = (size_t)(end - l), at = 0;
        for (int blanks = 0; at < len && blanks < 5; at++)
            blanks += l[at] == ' ';
        while (at < len && l[at] == ' ')
            at++;
        if (at == len ? l[len - 1] != ' ' : at != 25 + 4 * 6 && at != 25 + 8 * 6)
            return 0;
        l = end + 1;
    }
    return 1;
}

static void read_maps(void)
{
    int fd = open("/proc/self/maps", O_RDONLY);
    long n = 0, r;
    while (fd >= 0 && (r = read(fd, maps + n, sizeof(maps) - 1 - n)) > 0)
        n += r;
    maps[n] = 0;
    close(fd);
}

static void check_maps(void)
{
    char exe[512];
    long n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;
    char *heap = (char *)syscall(SYS_brk, 0);
    syscall(SYS_brk, heap + 8192);
    heap[0] = 1;
    unsigned char *anon =
        mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(anon + 4096, 4096, PROT_NONE);
    int local = 0;
    read_maps();
    printf("maps: %s\n", well_formed() ? "every line in Linux's form" : "WRONG form");

    char perms[5], name[256];
    unsigned long long off;
    unsigned long ino;
    struct stat st;
    stat(exe, &st);
    uintptr_t code = (uintptr_t)(void *)check_maps;
    if (!exe[0] && fields(line_of(code), perms, &off, &ino, name)) {
        printf("code: %s, no file (%s), inode %lu\n", perms, name[0] ? name : "no name", ino);
    } else if (fields(line_of(code), perms, &off, &ino, name)) {
        unsigned long from = strtoul(line_of(code), 0, 16);
        unsigned char bytes[32];
        int fd = open(exe, O_RDONLY);
        int same = pread(fd, bytes, sizeof(bytes), (off_t)(off + (code - from))) == sizeof(bytes) &&
                   !memcmp(bytes, (void *)code, sizeof(bytes));
        close(fd);
        printf("code: %s, %s, inode %s, %s\n", perms,
               !strcmp(name, exe) ? "the program's file" : name,
               ino == st.st_ino ? "the file's" : "WRONG",
               same ? "the file holds its bytes at the offset" : "WRONG offset");
    } else {
        printf("code: no line\n");
    }
    named("stack", (uintptr_t)&local, "[stack]");
    named("heap", (uintptr_t)heap, "[heap]");
    uintptr_t abi = getauxval(AT_SYSINFO_EHDR);
#ifdef AT_SYSINFO
    if (!abi)
        abi = getauxval(AT_SYSINFO); /* moat's i386 vsyscall page */
#endif
    named("vDSO", abi, "[vdso]");
    for (int i = 0; i < 3; i++) {
        char what[32];
        fields(line_of((uintptr_t)anon + i * 4096), perms, &off, &ino, name);
        snprintf(what, sizeof(what), "anonymous, page %d", i);
        printf("%s: %s, offset %llx, inode %lu, %s\n", what, perms, off, ino,
               name[0] ? name : "no name");
    }
    munmap(anon, 3 * 4096);
    read_maps();
    named("after munmap", (uintptr_t)anon, "");
    for (int i = 0; i < 300; i++) /* alternating rights: 300 lines, more than 8 KiB */
        mmap(0, 4096, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
             0);
    read_maps();
    printf("300 more mappings: %s\n", well_formed() ? "every line whole" : "WRONG");
}

/* The links lead to the open file itself, as Linux's magic links: a deleted file, a pipe
   (the same pipe, not a new one), an O_TMPFILE file that linkat names through one. */
static void magic(int deleted, int pipes[2])
{
    char path[64], got[8] = {0};
    snprintf(path, sizeof(path), "/proc/self/fd/%d", deleted);
    int fd = open(path, O_RDONLY);
    printf("deleted, opened through it: %s\n",
           fd >= 0 && read(fd, got, 5) == 5 && !strcmp(got, "moat\n") ? "the same file" : "WRONG");
    close(fd);
    struct stat st, via;
    fstat(pipes[0], &st);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", pipes[0]);
    printf("pipe, stat through it: %s\n",
           stat(path, &via) == 0 && via.st_ino == st.st_ino && S_ISFIFO(via.st_mode) ? "the pipe's"
                                                                                     : "WRONG");
    write(pipes[1], "via", 3);
    fd = open(path, O_RDONLY);
    memset(got, 0, sizeof(got));
    printf("pipe, read through it: %s\n",
           fd >= 0 && read(fd, got, 3) == 3 && !strcmp(got, "via") ? "what was written" : "WRONG");
    close(fd);
    fd = open(".", O_TMPFILE | O_RDWR, 0600);
    write(fd, "tmp\n", 4);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    T(linkat(AT_FDCWD, path, AT_FDCWD, FILE_NAME, AT_SYMLINK_FOLLOW));
    int named = open(FILE_NAME, O_RDONLY);
    memset(got, 0, sizeof(got));
    printf("O_TMPFILE named through it: %s\n",
           named >= 0 && read(named, got, 4) == 4 && !strcmp(got, "tmp\n") ? "its data" : "WRONG");
    close(named);
    close(fd);
    T(unlink(FILE_NAME));
    T(chdir("/proc/self/cwd"));
}

/* fd 0, a pipe (the case's stdin), read again through its link: the same pipe's bytes. */
static void stdin_link(void)
{
    struct stat st;
    if (fstat(0, &st) || !S_ISFIFO(st.st_mode)) {
        printf("stdin: not a pipe\n");
        return;
    }
    char want[32];
    snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
    printf("stdin's link: %s\n", !strcmp(target(0), want) ? "pipe:[its inode]" : target(0));
    int fd = open("/proc/self/fd/0", O_RDONLY);
    char got[16] = {0};
    long n = 0, r;
    while (fd >= 0 && n < 15 && (r = read(fd, got + n, (size_t)(15 - n))) > 0)
        n += r;
    printf("stdin's pipe, read through its link: %s\n",
           !strcmp(got, "hello\n") ? "its bytes" : got);
    close(fd);
}

/* fdinfo: a descriptor's position and flags (the mount id and inode are the host's); task:
 * the one thread, named by its tid, with the process's files. */
static void fdinfo_task(int fd)
{
    char path[64], buf[256] = {0};
    lseek(fd, 3, SEEK_SET);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
    int f = open(path, O_RDONLY);
    read(f, buf, sizeof(buf) - 1);
    close(f);
    char *end = strstr(buf, "mnt_id:");
    if (end)
        *end = 0;
    printf("fdinfo:\n%s", buf);
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int n = 0, tid = 0;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.')
            n++, tid = atoi(e->d_name);
    if (d)
        closedir(d);
    printf("task: %d thread%s, %s\n", n, n == 1 ? "" : "s", tid == getpid() ? "the tid" : "WRONG");
    char comm[2][32] = {{0}};
    snprintf(path, sizeof(path), "/proc/self/task/%d/comm", getpid());
    f = open(path, O_RDONLY);
    read(f, comm[0], sizeof(comm[0]) - 1);
    close(f);
    f = open("/proc/self/comm", O_RDONLY);
    read(f, comm[1], sizeof(comm[1]) - 1);
    close(f);
    printf("task's comm: %s\n",
           comm[0][0] && !strcmp(comm[0], comm[1]) ? "the process's" : "WRONG");
    fcntl(fd, F_SETFD, 0);
    lseek(fd, 0, SEEK_SET);
}

int main(void)
{
    char cwd[400], path[512];
    getcwd(cwd, sizeof(cwd));
    snprintf(path, sizeof(path), "%s/" FILE_NAME, strcmp(cwd, "/") ? cwd : "");
    int rw = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(rw, "moat\n", 5);
    int ro = open(FILE_NAME, O_RDONLY), wo = open(FILE_NAME, O_WRONLY);
    int dir = open(".", O_RDONLY | O_DIRECTORY), pipes[2];
    pipe(pipes);
    struct stat st, dirst;
    stat("/proc/self/fd", &dirst);
    printf("/proc/self/fd: mode %o\n", (unsigned)dirst.st_mode & 07777);
    show_link("read-write", rw, path, "its path");
    show_link("read-only", ro, path, "its path");
    show_link("write-only", wo, path, "its path");
    show_link("folder", dir, cwd, "its path");
    fstat(pipes[0], &st);
    char pipe_name[64];
    snprintf(pipe_name, sizeof(pipe_name), "pipe:[%lu]", (unsigned long)st.st_ino);
    show_link("pipe", pipes[0], pipe_name, "pipe:[its inode]");
    listing();
    fdinfo_task(ro);

    char fdpath[64], got[8] = {0};
    snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", ro);
    int again = open(fdpath, O_RDONLY);
    printf("open through it: %s\n", again >= 0 && read(again, got, 5) == 5 && !strcmp(got, "moat\n")
                                        ? "the same file"
                                        : "WRONG");
    close(again);
    close(wo);
    show_link("closed", wo, "", "");
    T(stat(fdpath, &st));
    snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", wo);
    T(stat(fdpath, &st));
    listing();
    T(unlink(FILE_NAME));
    const char *t = target(rw);
    size_t tl = strlen(t);
    printf("deleted: %s\n", tl >= 9 && !strcmp(t + tl - 9, "(deleted)") ? "marked (deleted)" : t);
    magic(rw, pipes);
    stdin_link();
    check_maps();
    return 0;
}
