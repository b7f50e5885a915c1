/* Bind mounts (MS_BIND) as Linux's, in a mount namespace of the test's own (on Linux; moat has
 * one), all in a tmpfs of its own at T: a directory bound elsewhere (the same inode and device
 * through both names, files made through either seen through the other, the type and data
 * ignored), ".." of the bind's root and getcwd through it, submounts left out unless MS_REC
 * (then umount EBUSY while they stay), a file bound onto a file (ENOTDIR across kinds), a
 * read-only bind (MS_RDONLY ignored on the bind itself, then MS_REMOUNT|MS_BIND|MS_RDONLY: EROFS
 * through the bind alone, ST_RDONLY, the file system still rw; without MS_BIND, the file
 * system's for every mount), EXDEV between the two mounts, /proc/self/mountinfo's root field
 * and /proc/self/mounts' line, umount (EBUSY while a file is open through the bind but not
 * through the source, MNT_DETACH), a directory bound into itself (one level only), a mount's
 * point reached through another mount (EBUSY), a chroot into a read-only bind, a bind of the
 * root and the mounts past /proc/.., access(W_OK) through a read-only bind, and the refusals
 * (ENOENT, EPERM without CAP_SYS_ADMIN). */
#define _GNU_SOURCE
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static char t[64], src[80], p[80], dst[80], f1[80], f2[80];

/* dir/name, in one of two buffers by turns: a call may take two paths */
static const char *at(const char *dir, const char *name)
{
    static char path[2][160];
    static int turn;
    turn ^= 1;
    snprintf(path[turn], sizeof(path[turn]), "%s/%s", dir, name);
    return path[turn];
}

static struct stat st_of(const char *path)
{
    struct stat st = {0};
    stat(path, &st);
    return st;
}

static int same(const char *a, const char *b)
{
    struct stat x = st_of(a), y = st_of(b);
    return x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

static const char *name(const char *path) /* T for the temporary directory */
{
    static char buf[2][160];
    static int turn;
    size_t n = strlen(t);
    turn ^= 1;
    if (!strncmp(path, t, n) && (path[n] == '/' || !path[n]))
        snprintf(buf[turn], sizeof(buf[turn]), "T%s", path + n);
    else
        snprintf(buf[turn], sizeof(buf[turn]), "%s", path);
    return buf[turn];
}

/* /proc/self/mountinfo's and /proc/self/mounts' lines for a mount point: mountinfo's root, the
   mount's options, type, source and the file system's own rw or ro; no ids or devices */
static void info(const char *point)
{
    char line[1024], root[160], dir[160], opts[128], type[32], source[64], sopts[256];
    FILE *f = fopen("/proc/self/mountinfo", "r");
    while (f && fgets(line, sizeof(line), f)) {
        char *dash = strstr(line, " - ");
        if (dash && sscanf(line, "%*d %*d %*s %159s %159s %127s", root, dir, opts) == 3 &&
            sscanf(dash + 3, "%31s %63s %255s", type, source, sopts) == 3 && !strcmp(dir, point))
            printf("  mountinfo: root %s, at %s, %s, %s, %s, fs %.2s\n", root, name(dir), opts,
                   type, source, sopts);
    }
    if (f)
        fclose(f);
    f = fopen("/proc/self/mounts", "r");
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "%63s %159s %127[^\n]", source, dir, opts) == 3 && !strcmp(dir, point))
            printf("  mounts: %s %s %s\n", source, name(dir), opts);
    if (f)
        fclose(f);
}

static void touch(const char *path, const char *text)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    write(fd, text, strlen(text));
    close(fd);
}

static const char *content(const char *path)
{
    static char buf[3][16];
    static int turn;
    turn = (turn + 1) % 3;
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf[turn], sizeof(buf[turn]) - 1);
    buf[turn][n > 0 ? n : 0] = 0;
    close(fd);
    return n < 0 ? "(none)" : buf[turn];
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir) /* sorted: each file system has its own order */
{
    char *names[16];
    int n = 0;
    DIR *dp = opendir(dir);
    struct dirent *de;
    while (dp && n < 16 && (de = readdir(dp)))
        names[n++] = strdup(de->d_name);
    if (dp)
        closedir(dp);
    qsort(names, n, sizeof(*names), cmp);
    printf("%s:", name(dir));
    for (int i = 0; i < n; i++)
        printf(" %s", names[i]), free(names[i]);
    printf("\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    mkdir("/tmp", 01777);
    snprintf(t, sizeof(t), "/tmp/bind-%d", getpid());
    snprintf(src, sizeof(src), "%s/s", t);
    snprintf(p, sizeof(p), "%s/p", t);
    snprintf(dst, sizeof(dst), "%s/p/d", t);
    snprintf(f1, sizeof(f1), "%s/f1", t);
    snprintf(f2, sizeof(f2), "%s/f2", t);
    T(unshare(CLONE_NEWNS));
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL); /* EINVAL in a chroot */
    T(mkdir(t, 0755));
    T(mount("base", t, "tmpfs", 0, NULL));
    T(mkdir(src, 0755));
    T(mkdir(at(src, "sub"), 0755));
    T(mkdir(p, 0755));
    T(mkdir(dst, 0755));
    touch(at(src, "a"), "A");
    dev_t base = st_of(t).st_dev;

    printf("-- a directory bound\n");
    T(mount(src, dst, "nosuchfs", MS_BIND, "bogus=1")); /* the type and data are ignored */
    printf("a through the target: %s\n", content(at(dst, "a")));
    touch(at(dst, "b"), "B");
    printf("b through the source: %s\n", content(at(src, "b")));
    printf("the roots: same inode and device %d, the file system's device %d\n", same(src, dst),
           st_of(dst).st_dev == base);
    list(dst);

    printf("-- \"..\" and getcwd\n");
    printf("\"..\" of the target is its parent %d, not the source's %d\n", same(at(dst, ".."), p),
           !same(at(dst, ".."), t));
    T(chdir(at(dst, "sub")));
    char cwd[160];
    printf("getcwd %s\n", getcwd(cwd, sizeof(cwd)) ? name(cwd) : "?");
    T(chdir("../.."));
    printf("getcwd %s\n", getcwd(cwd, sizeof(cwd)) ? name(cwd) : "?");
    T(chdir("/"));

    printf("-- /proc/self/mountinfo\n");
    info(dst);
    T(mount(at(dst, "sub"), at(src, "sub"), NULL, MS_BIND, NULL)); /* a bind of the bind */
    info(at(src, "sub"));
    T(umount(at(src, "sub")));

    printf("-- EXDEV between the mounts\n");
    T(rename(at(src, "a"), at(dst, "c")));
    T(link(at(src, "a"), at(dst, "c")));
    T(rename(at(dst, "b"), at(dst, "c")));
    T(rename(at(dst, "c"), at(dst, "b")));
    T(umount(dst));
    printf("after umount: the source's a %s, b %s; the target's a %s\n", content(at(src, "a")),
           content(at(src, "b")), content(at(dst, "a")));

    printf("-- submounts\n");
    T(mount("inner", at(src, "sub"), "tmpfs", 0, NULL));
    touch(at(src, "sub/in"), "IN");
    T(mount(src, dst, NULL, MS_BIND, NULL));
    printf("without MS_REC: in %s, the plain directory %d\n", content(at(dst, "sub/in")),
           st_of(at(dst, "sub")).st_dev == base);
    T(umount(dst));
    T(mount(src, dst, NULL, MS_BIND | MS_REC, NULL));
    printf("with MS_REC: in %s, inner's device %d\n", content(at(dst, "sub/in")),
           same(at(dst, "sub"), at(src, "sub")));
    info(at(dst, "sub"));
    T(umount(dst));
    T(umount(at(dst, "sub")));
    T(umount(dst));
    T(mount(at(src, "sub"), dst, NULL, MS_BIND, NULL));
    printf("a bind of inner: inner's device %d, not base's %d\n",
           st_of(dst).st_dev == st_of(at(src, "sub")).st_dev, st_of(dst).st_dev != base);
    info(dst);
    T(umount(dst));
    T(umount(at(src, "sub")));

    printf("-- a file bound\n");
    touch(f1, "one");
    touch(f2, "two");
    T(mount(f1, f2, NULL, MS_BIND, NULL));
    printf("f2 reads %s, same inode %d\n", content(f2), same(f1, f2));
    touch(f2, "ONE");
    printf("written through f2, f1 reads %s\n", content(f1));
    info(f2);
    T(umount(f2));
    printf("after umount f2 reads %s\n", content(f2));
    T(mount(src, f2, NULL, MS_BIND, NULL));
    T(mount(f1, dst, NULL, MS_BIND, NULL));

    printf("-- read-only\n");
    T(mount(src, dst, NULL, MS_BIND | MS_RDONLY, NULL)); /* MS_RDONLY ignored here */
    T(close(open(at(dst, "w"), O_CREAT | O_WRONLY, 0644)));
    T(mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
    T(open(at(dst, "x"), O_CREAT | O_WRONLY, 0644));
    T(unlink(at(dst, "w")));
    T(open(at(dst, "a"), O_WRONLY));
    T(close(open(at(src, "x"), O_CREAT | O_WRONLY, 0644)));
    printf("x through the target: %d\n", access(at(dst, "x"), F_OK) == 0);
    struct statfs sf;
    T(statfs(dst, &sf));
    printf("statfs(dst) flags %#lx, read-only %d\n", (unsigned long)sf.f_flags,
           (sf.f_flags & ST_RDONLY) != 0);
    T(access(at(dst, "a"), W_OK)); /* EROFS ("SuS v2 requires") */
    T(access(at(src, "a"), W_OK));
    T(statfs(src, &sf));
    printf("statfs(src) flags %#lx, read-only %d\n", (unsigned long)sf.f_flags,
           (sf.f_flags & ST_RDONLY) != 0);
    info(dst);
    T(mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND, NULL));
    T(unlink(at(dst, "x")));
    T(mount(NULL, dst, NULL, MS_REMOUNT | MS_RDONLY, NULL)); /* without MS_BIND: the fs's */
    T(open(at(src, "x"), O_CREAT | O_WRONLY, 0644));
    info(dst);
    info(t);
    T(mount(NULL, dst, NULL, MS_REMOUNT, NULL));
    T(close(open(at(src, "x"), O_CREAT | O_WRONLY, 0644)));
    info(dst);
    T(unlink(at(dst, "x")));
    T(umount(dst));

    printf("-- umount\n");
    T(mount(src, dst, NULL, MS_BIND, NULL));
    int fd = TF(open(at(dst, "a"), O_RDONLY));
    T(umount(dst));
    T(close(fd));
    fd = TF(open(at(src, "a"), O_RDONLY));
    T(umount(dst)); /* a file open through the source holds the source's mount only */
    T(close(fd));
    T(mount(src, dst, NULL, MS_BIND, NULL));
    fd = TF(open(at(dst, "a"), O_RDONLY));
    T(umount2(dst, MNT_DETACH));
    char got[8] = "";
    pread(fd, got, sizeof(got) - 1, 0);
    printf("detached: the plain directory again %d, the open file still reads %s\n",
           st_of(dst).st_ino != st_of(src).st_ino, got);
    T(close(fd));
    T(umount(dst));

    printf("-- into itself\n");
    ino_t plain = st_of(at(src, "sub")).st_ino;
    T(mount(src, at(src, "sub"), NULL, MS_BIND, NULL));
    list(at(src, "sub"));
    list(at(src, "sub/sub"));
    printf("sub/sub is the plain sub: %d, sub is the source's root %d\n",
           st_of(at(src, "sub/sub")).st_ino == plain, same(at(src, "sub"), src));
    T(umount(at(src, "sub")));
    T(umount(at(src, "sub")));

    printf("-- a mount's point through another mount\n");
    T(mount(src, dst, NULL, MS_BIND, NULL));
    T(mount("inner", at(dst, "sub"), "tmpfs", 0, NULL));
    T(rmdir(at(src, "sub"))); /* the same node: EBUSY however it is named */
    T(rename(at(src, "sub"), at(src, "moved")));
    T(umount(at(dst, "sub")));
    T(umount(dst));

    printf("-- a chroot into a read-only bind\n");
    int top;
    TF(top = open("/", O_RDONLY | O_DIRECTORY));
    T(mount(src, dst, NULL, MS_BIND, NULL));
    T(mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
    T(chroot(dst));
    T(chdir("/"));
    T(mkdir("/new", 0755));
    T(open("b", O_CREAT | O_WRONLY, 0644));
    T(fchdir(top));
    T(chroot("."));
    T(close(top));
    T(umount(dst));

    printf("-- a bind of the root\n");
    T(mkdir(at(t, "br"), 0755));
    T(mount("/", at(t, "br"), NULL, MS_BIND, NULL));
    printf("\"..\" of it is T: %d\n", same(at(t, "br/.."), t));
    T(chdir(at(t, "br")));
    printf("getcwd %s\n", getcwd(cwd, sizeof(cwd)) ? name(cwd) : "-");
    T(chdir("/"));
    T(umount(at(t, "br")));
    T(mkdir(at(t, "after"), 0755)); /* the root still writable */
    char up[200];
    snprintf(up, sizeof(up), "/proc/..%s/br", t); /* the tree's mounts past /proc/.. too */
    T(mount("over", at(t, "br"), "tmpfs", 0, NULL));
    printf("through /proc/..: the mount's root %d\n", same(up, at(t, "br")));
    T(umount(at(t, "br")));

    printf("-- refusals\n");
    T(mount(at(src, "missing"), dst, NULL, MS_BIND, NULL));
    T(mount(src, at(dst, "missing"), NULL, MS_BIND, NULL));
    T(chdir(t)); /* relative paths: nobody may not search the host's /tmp */
    T(setresuid(65534, 65534, 0));
    T(mount("s", "p/d", NULL, MS_BIND, NULL));
    T(mount("missing", "p/d", NULL, MS_BIND, NULL));
    T(mount("s", "missing", NULL, MS_BIND, NULL));
    T(setresuid(0, 0, 0));
    T(chdir("/"));
    T(umount(t));
    T(rmdir(t));
    return 0;
}
