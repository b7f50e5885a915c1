/* Proves the file system calls behave as Linux's: open/openat/creat/close, read/write/readv/
 * writev/pread64/pwrite64, lseek/_llseek, the stat family and statx, getdents64, access,
 * readlink, getcwd/chdir/fchdir, mkdir/rmdir, unlink, rename, symlink, truncate, fcntl, dup,
 * pipe, ioctl, umask, utimensat, fsync, statfs64, the devices, sendfile, and their errors
 * (ENOENT, ENOTDIR, EISDIR, EEXIST, EBADF, EMFILE, ENAMETOOLONG, ELOOP, ...). It works in a scratch
 * folder of its own under the working directory, so its output is the same on any Linux
 * file system and on moat's tree. Built for x86_64, it makes that ABI's calls instead of
 * i386's own: stat, lstat, fstat and newfstatat, statfs and fstatfs, and no _llseek. */
#define _GNU_SOURCE
#include "report.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#define DIR_NAME "files_scratch.tmp"

#ifdef __x86_64__
/* x86_64's struct stat, for the raw stat/lstat/fstat/newfstatat. */
struct kstat64 {
    unsigned long dev, ino, nlink;
    unsigned int mode, uid, gid, pad0;
    unsigned long rdev;
    long size, blksize, blocks;
    unsigned long atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    long unused[3];
};
#define STAT "stat"
#define FSTATAT "newfstatat"
#define SYS_STAT SYS_stat
#define SYS_LSTAT SYS_lstat
#define SYS_FSTAT SYS_fstat
#define SYS_FSTATAT SYS_newfstatat
#else
#define STAT "stat64"
#define FSTATAT "fstatat64"
#define SYS_STAT SYS_stat64
#define SYS_LSTAT SYS_lstat64
#define SYS_FSTAT SYS_fstat64
#define SYS_FSTATAT SYS_fstatat64
/* The kernel's struct stat64 (i386), for the raw stat64/lstat64/fstat64/fstatat64. */
struct kstat64 {
    unsigned long long dev;
    unsigned char pad0[4];
    unsigned long ino32;
    unsigned int mode, nlink;
    unsigned long uid, gid;
    unsigned long long rdev;
    unsigned char pad3[4];
    long long size;
    unsigned long blksize;
    unsigned long long blocks;
    unsigned long atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    unsigned long long ino;
} __attribute__((packed));
#endif

/* struct statx (musl 1.2.3 has no statx()). */
struct kstatx {
    uint32_t mask, blksize;
    uint64_t attributes;
    uint32_t nlink, uid, gid;
    uint16_t mode, spare0;
    uint64_t ino, size, blocks, attributes_mask;
    struct {
        int64_t sec;
        uint32_t nsec;
        int32_t reserved;
    } atime, btime, ctime, mtime;
    uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
    uint64_t spare2[14];
};
#define statx(dirfd, path, flags, mask, buf) syscall(SYS_statx, dirfd, path, flags, mask, buf)
#define STATX_BASIC_STATS 0x7ffu

static void show_kstat(const char *what, long r, const struct kstat64 *st)
{
    if (r < 0) {
        printf("%s = -1 %s\n", what, errname(errno));
        return;
    }
    const char *type = S_ISREG(st->mode)    ? "file"
                       : S_ISDIR(st->mode)  ? "dir"
                       : S_ISLNK(st->mode)  ? "symlink"
                       : S_ISCHR(st->mode)  ? "chr"
                       : S_ISFIFO(st->mode) ? "fifo"
                                            : "other";
    printf("%s: %s", what, type);
    if (!S_ISDIR(st->mode))
        printf(" mode %o size %lld nlink %u", st->mode & 07777, (long long)st->size,
               (unsigned)st->nlink);
    if (S_ISCHR(st->mode))
        printf(" rdev %llx", (unsigned long long)st->rdev);
    printf("\n");
}

static void put(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, text, strlen(text));
    close(fd);
}

static void cat(const char *what, int fd)
{
    char buf[64];
    long n = read(fd, buf, sizeof(buf) - 1);
    if (n < 0) {
        printf("%s: -1 %s\n", what, errname(errno));
        return;
    }
    for (long i = 0; i < n; i++)
        if (buf[i] == 0)
            buf[i] = '.';
    buf[n] = 0;
    printf("%s: %ld \"%s\"\n", what, n, buf);
}

static void rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st))
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        char sub[512];
        while (d && (e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
                rm_tree(sub);
            }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's entries through getdents64, sorted (each file system has its own order). */
static void list(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    char buf[1024], *names[128];
    int count = 0;
    long n;
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
        for (long off = 0; off < n;) {
            unsigned short reclen = *(unsigned short *)(buf + off + 16);
            unsigned char type = *(unsigned char *)(buf + off + 18);
            char *name = buf + off + 19;
            if (count < 128) {
                names[count] = malloc(strlen(name) + 8);
                sprintf(names[count++], "%s:%s", name,
                        type == DT_DIR   ? "d"
                        : type == DT_REG ? "f"
                        : type == DT_LNK ? "l"
                                         : "?");
            }
            off += reclen;
        }
    qsort(names, (size_t)count, sizeof(names[0]), cmp);
    printf("%s:", path);
    for (int i = 0; i < count; i++)
        printf(" %s", names[i]), free(names[i]);
    printf("\n");
    close(fd);
}

static void basics(void)
{
    printf("-- open, read, write\n");
    int fd = TF(open("a", O_RDWR | O_CREAT | O_EXCL, 0644));
    TF(open("a", O_RDWR | O_CREAT | O_EXCL, 0644));
    TF(open("missing", O_RDONLY));
    TF(open("a/", O_RDONLY));
    TF(open("a/", O_RDWR | O_CREAT, 0644)); /* a trailing slash is EISDIR to O_CREAT */
    TF(open("a/", O_RDWR | O_CREAT | O_EXCL, 0644));
    TF(open("new/", O_RDWR | O_CREAT, 0644));
    TF(open("a/b", O_RDONLY));
    TF(open(".", O_WRONLY));
    TF(open("a", O_RDONLY | O_DIRECTORY));
    T(write(fd, "hello, world", 12));
    T(lseek(fd, 0, SEEK_CUR));
    T(lseek(fd, 7, SEEK_SET));
    cat("read from 7", fd);
    char b1[3], b2[4];
    struct iovec rv[2] = {{b1, 3}, {b2, 4}};
    T(lseek(fd, 0, SEEK_SET));
    T(readv(fd, rv, 2));
    printf("readv: %.3s|%.4s\n", b1, b2);
    struct iovec wv[2] = {{"AB", 2}, {"CDE", 3}};
    T(writev(fd, wv, 2));
    T(pwrite(fd, "xy", 2, 0));
    T(lseek(fd, 0, SEEK_CUR));
    char pb[8] = {0};
    T(pread(fd, pb, 5, 10));
    printf("pread: %s\n", pb);
    T(pread(fd, pb, 5, -1));
    T(lseek(fd, 0, SEEK_END));
    T(lseek(fd, -100, SEEK_CUR));
    T(lseek(fd, 0, 7));
#ifndef __x86_64__
    long long res = 0;
    T(syscall(SYS__llseek, fd, 0, 3, &res, SEEK_SET));
    printf("_llseek result %lld\n", res);
#endif
    T(lseek(fd, 20, SEEK_SET));
    T(write(fd, "Z", 1));
    T(lseek(fd, 0, SEEK_SET));
    cat("with a hole", fd);
    T(close(fd));
    T(close(fd));
    T(read(fd, b1, 1));
    fd = TF(open("a", O_RDONLY));
    T(write(fd, "x", 1));
    T(ioctl(fd, TCGETS, &(struct termios){0}));
    int avail = -1;
    T(ioctl(fd, FIONREAD, &avail));
    printf("FIONREAD %d\n", avail);
    close(fd);
    fd = TF(open("a", O_WRONLY | O_APPEND));
    T(write(fd, "!", 1));
    close(fd);
    fd = TF(creat("c", 0600));
    T(write(fd, "cc", 2));
    close(fd);
    fd = TF(creat("c", 0600));
    close(fd);
    struct stat st;
    stat("c", &st);
    printf("creat truncates: size %lld\n", (long long)st.st_size);
    int dfd = TF(open(".", O_RDONLY | O_DIRECTORY));
    T(read(dfd, b1, 1));
    fd = TF(openat(dfd, "a", O_RDONLY));
    cat("openat", fd);
    close(fd);
    TF(openat(99, "a", O_RDONLY));
    TF(openat(dfd, "/dev/null", O_RDONLY));
    fd = open("a", O_RDONLY);
    TF(openat(fd, "x", O_RDONLY));
    close(fd);
    close(dfd);
}

static void stats(void)
{
    printf("-- stat\n");
    struct kstat64 st;
    long r;
    put("s", "12345");
    symlink("s", "sl");
    r = syscall(SYS_STAT, "s", &st);
    show_kstat(STAT " s", r, &st);
    r = syscall(SYS_STAT, "sl", &st);
    show_kstat(STAT " sl", r, &st);
    r = syscall(SYS_LSTAT, "sl", &st);
    show_kstat("l" STAT " sl", r, &st);
    r = syscall(SYS_STAT, "nope", &st);
    show_kstat(STAT " nope", r, &st);
    r = syscall(SYS_STAT, "s/", &st);
    show_kstat(STAT " s/", r, &st);
    r = syscall(SYS_STAT, ".", &st);
    show_kstat(STAT " .", r, &st);
    int fd = open("s", O_RDONLY);
    r = syscall(SYS_FSTAT, fd, &st);
    show_kstat("f" STAT " s", r, &st);
    r = syscall(SYS_FSTATAT, AT_FDCWD, "sl", &st, AT_SYMLINK_NOFOLLOW);
    show_kstat(FSTATAT " sl nofollow", r, &st);
    r = syscall(SYS_FSTATAT, fd, "", &st, AT_EMPTY_PATH);
    show_kstat(FSTATAT " fd empty", r, &st);
    r = syscall(SYS_FSTATAT, fd, "", &st, 0);
    show_kstat(FSTATAT " fd empty no flag", r, &st);
    r = syscall(SYS_FSTATAT, AT_FDCWD, "s", &st, 0x4);
    show_kstat(FSTATAT " bad flag", r, &st);
    r = syscall(SYS_FSTAT, 99, &st);
    show_kstat("f" STAT " 99", r, &st);
    close(fd);
    r = syscall(SYS_STAT, "/dev/null", &st);
    show_kstat(STAT " /dev/null", r, &st);
    struct kstatx sx;
    T(statx(AT_FDCWD, "s", 0, STATX_BASIC_STATS, &sx));
    printf("statx: basic %d size %llu mode %o\n", (sx.mask & 0x7ff) == 0x7ff,
           (unsigned long long)sx.size, sx.mode & 07777);
    T(statx(AT_FDCWD, "sl", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx));
    printf("statx sl: link %d size %llu\n", S_ISLNK(sx.mode), (unsigned long long)sx.size);
    T(statx(AT_FDCWD, "nope", 0, STATX_BASIC_STATS, &sx));
    T(statx(AT_FDCWD, "s", 0x1, STATX_BASIC_STATS, &sx));
#ifdef __x86_64__
    char sfs[120];
    T(syscall(SYS_statfs, ".", sfs));
    T(syscall(SYS_statfs, "nope", sfs));
    T(syscall(SYS_fstatfs, 0, sfs));
    T(syscall(SYS_fstatfs, 99, sfs));
#else
    char sfs[84];
    T(syscall(SYS_statfs64, ".", 84, sfs));
    T(syscall(SYS_statfs64, ".", 80, sfs));
    T(syscall(SYS_statfs64, "nope", 84, sfs));
    T(syscall(SYS_fstatfs64, 0, 84, sfs));
    T(syscall(SYS_fstatfs64, 99, 84, sfs));
#endif
    printf("-- utimensat\n");
    struct timespec ts[2] = {{1000000000, 5}, {1234567890, 0}};
    T(utimensat(AT_FDCWD, "s", ts, 0));
    struct stat s2;
    stat("s", &s2);
    printf("times: %lld %lld\n", (long long)s2.st_atime, (long long)s2.st_mtime);
    ts[0].tv_nsec = UTIME_OMIT;
    ts[1].tv_sec = 1500000000;
    T(utimensat(AT_FDCWD, "s", ts, 0));
    stat("s", &s2);
    printf("times: %lld %lld\n", (long long)s2.st_atime, (long long)s2.st_mtime);
    ts[1].tv_nsec = 1000000000;
    T(utimensat(AT_FDCWD, "s", ts, 0));
    T(utimensat(AT_FDCWD, "nope", NULL, 0));
    fd = open("s", O_RDONLY);
    T(futimens(fd, NULL));
    T(fsync(fd));
    T(fdatasync(fd));
    T(fsync(99));
    close(fd);
}

static void names(void)
{
    printf("-- mkdir, rmdir, unlink, rename, symlink\n");
    T(mkdir("d", 0755));
    T(mkdir("d", 0755));
    T(mkdir("x/y", 0755));
    T(mkdir("a/y", 0755));
    T(mkdir("d/", 0755));
    put("d/f", "in d");
    T(rmdir("d"));
    T(rmdir("a"));
    T(rmdir("."));
    T(rmdir("nope"));
    T(unlink("d"));
    T(unlink("nope"));
    int dfd = open("d", O_RDONLY | O_DIRECTORY);
    T(mkdirat(dfd, "sub", 0700));
    T(unlinkat(dfd, "sub", 0));
    T(unlinkat(dfd, "sub", 0x1));
    T(unlinkat(dfd, "sub", AT_REMOVEDIR));
    close(dfd);
    list("d");
    int fd = open("d/f", O_RDONLY);
    T(unlink("d/f"));
    cat("read after unlink", fd);
    struct stat st;
    fstat(fd, &st);
    printf("nlink after unlink: %u\n", (unsigned)st.st_nlink);
    close(fd);
    put("r1", "one");
    put("r2", "two");
    T(rename("r1", "r2"));
    T(rename("r1", "r2"));
    fd = open("r2", O_RDONLY);
    cat("r2", fd);
    close(fd);
    mkdir("rd", 0755);
    mkdir("rd/in", 0755);
    T(rename("rd", "rd/in/x"));
    T(rename("r2", "rd"));
    T(rename("rd", "r2"));
    mkdir("empty", 0755);
    T(rename("empty", "rd"));
    T(rename("rd/in", "empty"));
    T(rename("r2", "r2"));
    T(syscall(SYS_renameat2, AT_FDCWD, "s", AT_FDCWD, "r2", 1 /* RENAME_NOREPLACE */));
    T(renameat(AT_FDCWD, "r2", AT_FDCWD, "r3"));
    list(".");
    printf("-- symlinks\n");
    T(symlink("r3", "l1"));
    T(symlink("r3", "l1"));
    T(symlink("nowhere", "dangling"));
    T(symlink("", "emptylink"));
    T(symlink("loop2", "loop1"));
    T(symlink("loop1", "loop2"));
    T(symlink("empty", "ldir"));
    TF(open("loop1", O_RDONLY));
    TF(open("dangling", O_RDONLY));
    TF(open("l1", O_RDONLY | O_NOFOLLOW));
    TF(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644));
    fd = TF(open("dangling", O_WRONLY | O_CREAT, 0644));
    close(fd);
    T(access("nowhere", F_OK));
    put("ldir/viaLink", "v");
    T(access("empty/viaLink", F_OK));
    T(mkdir("ldir/../made", 0755));
    T(access("made", F_OK));
    char buf[64];
    long n = T(readlink("l1", buf, sizeof(buf)));
    printf("readlink: %.*s\n", (int)(n > 0 ? n : 0), buf);
    n = T(readlink("l1", buf, 1));
    printf("readlink short: %.*s\n", (int)(n > 0 ? n : 0), buf);
    T(readlink("r3", buf, sizeof(buf)));
    T(readlink("nope", buf, sizeof(buf)));
    T(readlink("l1", buf, 0));
    n = T(readlinkat(AT_FDCWD, "ldir", buf, sizeof(buf)));
    T(access("r3", R_OK | W_OK));
    T(access("r3", X_OK));
    T(access("empty", X_OK));
    T(access("r3", 8));
    T(faccessat(AT_FDCWD, "loop1", F_OK, AT_SYMLINK_NOFOLLOW));
    T(faccessat(AT_FDCWD, "loop1", F_OK, 0));
    T(syscall(SYS_faccessat, AT_FDCWD, "r3", F_OK));
}

static void limits(void)
{
    printf("-- limits\n");
    char name[300], *path = malloc(5000);
    memset(name, 'n', 256);
    name[256] = 0;
    TF(open(name, O_RDONLY | O_CREAT, 0644));
    T(mkdir(name, 0755));
    name[255] = 0;
    int fd = TF(open(name, O_RDONLY | O_CREAT, 0644));
    close(fd);
    T(unlink(name));
    memset(path, 'p', 4999);
    for (int i = 1; i < 4999; i += 2)
        path[i] = '/';
    path[4999] = 0;
    TF(open(path, O_RDONLY));
    path[4095] = 0;
    T(access(path, F_OK));
    path[4094] = 0;
    T(access(path, F_OK));
    free(path);
    int count = 0, first = -1, last = -1;
    for (;;) {
        int f = open("/dev/null", O_RDONLY);
        if (f < 0) {
            printf("open until failure: %s\n", errname(errno));
            break;
        }
        if (first < 0)
            first = f;
        last = f;
        count++;
    }
    TF(dup(0));
    for (int f = first; f <= last; f++)
        close(f);
    printf("closed them all: %d\n", count > 100);
}

static void fds(void)
{
    struct stat st0;
    printf("-- fcntl, dup\n");
    put("f", "0123456789");
    int fd = open("f", O_RDWR);
    T(fcntl(fd, F_GETFD));
    T(fcntl(fd, F_SETFD, FD_CLOEXEC));
    T(fcntl(fd, F_GETFD));
    T(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK));
    T(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY));
    T(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK));
    T(fcntl(fd, F_SETFL, 0));
    T(fcntl(fd, 9999));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 4};
    T(fcntl(fd, F_SETLK, &fl));
    fl.l_type = F_RDLCK;
    T(fcntl(fd, F_GETLK, &fl));
    printf("F_GETLK: unlocked %d\n", fl.l_type == F_UNLCK);
    fl.l_type = 7;
    T(fcntl(fd, F_SETLKW, &fl));
    fl.l_type = F_UNLCK;
    T(fcntl(fd, F_SETLK, &fl));
    int rofd = open("f", O_RDONLY);
    fl.l_type = F_WRLCK;
    T(fcntl(rofd, F_SETLK, &fl));
    close(rofd);
    T(fcntl(99, F_GETFD));
    int d = T(fcntl(fd, F_DUPFD, 50));
    T(fcntl(d, F_GETFD));
    int dc = T(fcntl(fd, F_DUPFD_CLOEXEC, 50));
    T(fcntl(dc, F_GETFD));
    T(lseek(fd, 4, SEEK_SET));
    cat("through the dup", d);
    T(lseek(fd, 0, SEEK_CUR));
    int d2 = TF(dup(fd));
    TF(dup2(fd, fd));
    T(dup2(99, 60));
    T(dup2(fd, 60));
    T(dup3(fd, fd, 0));
    T(dup3(fd, 61, O_CLOEXEC));
    T(fcntl(61, F_GETFD));
    T(dup3(fd, 62, 0x4));
    TF(dup(99));
    close(d), close(dc), close(d2), close(60), close(61), close(fd);
    T(ftruncate(fd, 0));
    fd = open("f", O_RDONLY);
    T(ftruncate(fd, 0));
    close(fd);
    fd = open("f", O_RDWR);
    T(ftruncate(fd, 4));
    cat("after ftruncate 4", fd);
    T(ftruncate(fd, 6));
    T(lseek(fd, 0, SEEK_SET));
    cat("after ftruncate 6", fd);
    T(ftruncate(fd, -1));
    close(fd);
    T(truncate("f", 2));
    T(truncate("empty", 0));
    T(truncate("nope", 0));
    T(truncate("f", -1));
    fd = open("f", O_RDONLY);
    cat("after truncate 2", fd);
    close(fd);
    printf("-- chmod, chown\n");
    T(chmod("f", 04751));
    T(stat("f", &st0) == 0 ? (long)(st0.st_mode & 07777) : -1);
    fd = open("f", O_RDONLY);
    T(fchmod(fd, 0640));
    T(fstat(fd, &st0) == 0 ? (long)(st0.st_mode & 07777) : -1);
    T(chmod("nope", 0644));
    T(fchmod(99, 0644));
    T(chmod("f", 06755));
    T(chown("f", 12, 34));
    T(stat("f", &st0) == 0 ? (long)(st0.st_mode & 07777) : -1);
    printf("owner %u:%u\n", (unsigned)st0.st_uid, (unsigned)st0.st_gid);
    T(fchown(fd, -1, 56));
    fstat(fd, &st0);
    printf("owner %u:%u\n", (unsigned)st0.st_uid, (unsigned)st0.st_gid);
    T(lchown("sl", 7, 8));
    lstat("sl", &st0);
    printf("symlink owner %u:%u\n", (unsigned)st0.st_uid, (unsigned)st0.st_gid);
    T(fchownat(AT_FDCWD, "f", 0, 0, 0x4));
    T(fchownat(AT_FDCWD, "f", 0, 0, 0));
    T(fchmodat(AT_FDCWD, "f", 0644, 0));
    close(fd);
    T(umask(022));
    T(umask(077));
    fd = open("um", O_CREAT | O_WRONLY, 0666);
    struct stat st;
    fstat(fd, &st);
    printf("mode under umask 077: %o\n", st.st_mode & 0777);
    close(fd);
    T(umask(022));
}

static void pipes_and_devices(void)
{
    printf("-- pipes\n");
    signal(SIGPIPE, SIG_IGN);
    int p[2];
    T(pipe(p));
    T(write(p[1], "through the pipe", 16));
    cat("pipe", p[0]);
    T(fsync(p[0]));
    struct stat st;
    fstat(p[0], &st);
    printf("pipe is a fifo: %d\n", S_ISFIFO(st.st_mode));
    T(lseek(p[0], 0, SEEK_SET));
    T(pread(p[0], &st, 1, 0));
    T(write(p[0], "x", 1));
    T(read(p[1], &st, 1));
    T(fcntl(p[0], F_GETPIPE_SZ));
    T(close(p[1]));
    T(read(p[0], &st, 1));
    T(close(p[0]));
    T(pipe2(p, O_NONBLOCK | O_CLOEXEC));
    T(fcntl(p[0], F_GETFD));
    T(read(p[0], &st, 1));
    static char big[70000];
    long total = 0, n;
    while ((n = write(p[1], big, 4096)) > 0)
        total += n;
    printf("pipe filled: %ld, then %s\n", total, errname(errno));
    T(write(p[1], big, 1));
    int avail = 0;
    T(ioctl(p[0], FIONREAD, &avail));
    printf("FIONREAD %d\n", avail);
    T(read(p[0], big, 70000));
    T(close(p[0]));
    T(write(p[1], "x", 1));
    T(write(p[1], "x", 0));
    close(p[1]);
    T(pipe2(p, 0x4));
    printf("-- devices\n");
    int fd = TF(open("/dev/null", O_RDWR));
    T(write(fd, "gone", 4));
    T(fdatasync(fd));
    T(syscall(SYS_syncfs, fd));
    T(read(fd, big, 10));
    T(lseek(fd, 0, SEEK_SET));
    T(ioctl(fd, TCGETS, &(struct termios){0}));
    close(fd);
    fd = TF(open("/dev/zero", O_RDWR));
    memset(big, 'x', 8);
    T(read(fd, big, 8));
    printf("zeros: %d\n", big[0] == 0 && big[7] == 0);
    T(pread(fd, big, 8, 100));
    T(pwrite(fd, "x", 1, 100));
    T(write(fd, "x", 1));
    close(fd);
    fd = TF(open("/dev/full", O_RDWR));
    T(write(fd, "x", 1));
    T(read(fd, big, 4));
    close(fd);
    const char *rnd[] = {"/dev/urandom", "/dev/random"};
    for (int i = 0; i < 2; i++) {
        fd = open(rnd[i], O_RDONLY);
        unsigned char a[16] = {0}, b[16] = {0};
        long r1 = read(fd, a, 16), r2 = read(fd, b, 16);
        printf("%s: %ld %ld differ %d\n", rnd[i], r1, r2, memcmp(a, b, 16) != 0);
        close(fd);
    }
    T(access("/dev/console", F_OK));
}

/* sendfile (i386: sendfile64 through musl, and sendfile's 32-bit offset by number): from a
   file, at its position or at an offset of the call's, into a file, a pipe, a device or the
   console; and the errors, in Linux's order. */
static void sendfiles(void)
{
    printf("-- sendfile\n");
    signal(SIGPIPE, SIG_IGN);
    put("sf_in", "0123456789abcdef");
    put("sf_line", "sent to stdout\n");
    int in = open("sf_in", O_RDONLY), out = TF(open("sf_out", O_WRONLY | O_CREAT | O_TRUNC, 0644));
    T(sendfile(out, in, NULL, 4));
    T(lseek(in, 0, SEEK_CUR));
    off_t o = 10;
    T(sendfile(out, in, &o, 100));
    printf("offset %ld\n", (long)o);
    T(lseek(in, 0, SEEK_CUR));
    T(sendfile(out, in, &o, 100));
    printf("offset %ld\n", (long)o);
    T(sendfile(out, in, NULL, 0));
    close(out);
    out = open("sf_out", O_RDONLY);
    cat("sf_out", out);
    close(out);
    int line = open("sf_line", O_RDONLY);
    T(sendfile(1, line, NULL, 100));
    T(sendfile(1, line, NULL, 100));
    int p[2];
    pipe2(p, O_NONBLOCK);
    T(sendfile(p[1], in, NULL, 3));
    cat("pipe", p[0]);
    static char big[65536];
    T(write(p[1], big, sizeof(big)));
    T(sendfile(p[1], in, NULL, 3));
    T(read(p[0], big, 65536 - 5));
    T(sendfile(p[1], in, NULL, 100));
    T(lseek(in, 0, SEEK_CUR));
    T(sendfile(p[0], in, NULL, 1));
    T(sendfile(1, p[0], NULL, 1));
    T(sendfile(1, p[0], &o, 1));
    close(p[0]);
    T(sendfile(p[1], in, NULL, 1));
    close(p[1]);
    printf("errors\n");
    int null = open("/dev/null", O_WRONLY), full = open("/dev/full", O_WRONLY);
    int wr = open("sf_in", O_WRONLY), app = open("sf_out", O_WRONLY | O_APPEND);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    o = 0;
    T(sendfile(null, in, &o, 5));
    T(sendfile(99, in, NULL, 1));
    T(sendfile(null, 99, NULL, 1));
    T(sendfile(null, wr, NULL, 1));
    T(sendfile(in, in, NULL, 1));
    T(sendfile(99, 99, (off_t *)8, 1));
    o = -1;
    T(sendfile(null, in, &o, 1));
    o = 0; /* at the end of the file, Linux finds nothing to move before it minds where to */
    T(sendfile(app, in, &o, 1));
    T(sendfile(full, in, &o, 1));
    T(sendfile(null, dir, &o, 1));
#ifdef __i386__
    /* sendfile's own number: its offset is a 32-bit off_t, which stops at 2 GiB - 1. */
    int32_t o32 = 2;
    T(syscall(SYS_sendfile, null, in, &o32, 4));
    printf("offset %d\n", o32);
    o32 = 0x7FFFFFFE;
    T(syscall(SYS_sendfile, null, in, &o32, 4));
    o32 = 0x7FFFFFFF;
    T(syscall(SYS_sendfile, null, in, &o32, 4));
    o32 = -1;
    T(syscall(SYS_sendfile, null, in, &o32, 4));
#endif
    close(in), close(line), close(null), close(full), close(wr), close(app), close(dir);
}

/* moat only (args: tree): what the archive of tests/files/tree put in the tree. */
static void tree(void)
{
    int fd = open("/etc/motd", O_RDONLY);
    cat("/etc/motd", fd);
    close(fd);
    fd = open("/bin/etc-link/issue", O_RDONLY);
    cat("/bin/etc-link/issue", fd);
    close(fd);
    char buf[64];
    long n = readlink("/etc/issue", buf, sizeof(buf));
    printf("/etc/issue -> %.*s\n", (int)(n > 0 ? n : 0), buf);
    list("/");
    list("/etc");
    list("/dev");
    struct kstat64 st;
    long r = syscall(SYS_STAT, "/init", &st);
    printf("/init: %ld, regular %d, mode %o, has data %d\n", r, S_ISREG(st.mode), st.mode & 07777,
           st.size > 1000 && st.blocks > 0);
    r = syscall(SYS_STAT, "/tmp", &st);
    printf("/tmp mode %o\n", st.mode & 07777);
    r = syscall(SYS_STAT, "/dev", &st); /* its entry says 1970, and its devices came after it */
    printf("/dev mtime %lu, as its archive entry says\n", (unsigned long)st.mtime);
    r = syscall(SYS_FSTAT, 1, &st);
    show_kstat("f" STAT " 1", r, &st);
    T(write(1, "fd 1 is the console\n", 20));
    T(fcntl(0, F_GETFL) & O_ACCMODE);
    fd = T(open("/etc/motd", O_WRONLY | O_APPEND));
    T(write(fd, "appended\n", 9));
    close(fd);
    fd = open("/etc/motd", O_RDONLY);
    cat("/etc/motd", fd);
    close(fd);
    getcwd(buf, sizeof(buf));
    printf("cwd %s\n", buf);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "tree") == 0) {
        tree();
        return 0;
    }
    umask(022);
    rm_tree(DIR_NAME);
    char start[512], here[512];
    getcwd(start, sizeof(start));
    T(mkdir(DIR_NAME, 0755));
    int top = open(".", O_RDONLY | O_DIRECTORY);
    T(chdir(DIR_NAME));
    getcwd(here, sizeof(here));
    printf("getcwd is the scratch folder: %d\n",
           strlen(here) > strlen(DIR_NAME) &&
               strcmp(here + strlen(here) - strlen(DIR_NAME) - 1, "/" DIR_NAME) == 0);
    T(syscall(SYS_getcwd, here, 1));
    basics();
    stats();
    names();
    limits();
    fds();
    pipes_and_devices();
    sendfiles();
    printf("-- chdir\n");
    T(chdir("r3"));
    T(chdir("nope"));
    T(fchdir(99));
    int f = open("r3", O_RDONLY);
    T(fchdir(f));
    close(f);
    mkdir("gone", 0755);
    T(chdir("gone"));
    T(rmdir("../gone"));
    T(getcwd(here, sizeof(here)) == NULL);
    TF(open("new", O_CREAT | O_WRONLY, 0644));
    T(fchdir(top));
    getcwd(here, sizeof(here));
    printf("back where it started: %d\n", strcmp(here, start) == 0);
    rm_tree(DIR_NAME);
    T(access(DIR_NAME, F_OK));
    return 0;
}
