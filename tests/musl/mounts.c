/* mount(2) and umount2 as Linux's, in a mount namespace of the test's own (on Linux; moat has
 * one): tmpfs over a directory (its own device, a 1777 root, its line in /proc/self/mounts),
 * what crosses it (EXDEV) and what it keeps busy (rmdir, rename, umount: EBUSY while a file is
 * open in it or the working directory is), stacked mounts, a read-only remount (EBUSY while
 * a file is open for writing, then EROFS for every change, ST_RDONLY), nodev and noexec, a
 * moved mount, the propagation types, procfs mounted again, MNT_EXPIRE and MNT_DETACH, a
 * tmpfs's size=, nr_blocks= and nr_inodes= (shown as Linux's shmem shows them, ENOSPC past them,
 * the root counting one inode, statfs saying so, a remount below what it holds EINVAL, a bad size
 * EINVAL), and the refusals (ENODEV, EINVAL, ENOTDIR, ENOENT, and EPERM without CAP_SYS_ADMIN). */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static char d[64], e[64];

/* dir/name, in one of two buffers by turns: a call may take two paths */
static const char *at(const char *dir, const char *name)
{
    static char path[2][128];
    static int turn;
    turn ^= 1;
    snprintf(path[turn], sizeof(path[turn]), "%s/%s", dir, name);
    return path[turn];
}

static dev_t dev_of(const char *p)
{
    struct stat st;
    return stat(p, &st) ? (dev_t)-1 : st.st_dev;
}

/* /proc/self/mounts' lines for the test's directories, named D and E */
static void mounts(const char *what)
{
    FILE *f = fopen("/proc/self/mounts", "r");
    char line[512];
    printf("mounts %s:\n", what);
    while (f && fgets(line, sizeof(line), f)) {
        char src[128], dir[256], rest[256];
        if (sscanf(line, "%127s %255s %255[^\n]", src, dir, rest) != 3)
            continue;
        const char *name = !strcmp(dir, d) ? "D" : !strcmp(dir, e) ? "E" : NULL;
        if (name)
            printf("  %s %s %s\n", src, name, rest);
    }
    if (f)
        fclose(f);
}

/* /proc/self/mountinfo's lines for D: each one's parent (the mount D's directory is on, or the
   one it is stacked on), root, mount options, type and source. The ids and devices are each
   kernel's own, and the file system's options differ by version (inode64), so those are
   checked or left out. */
static void mountinfo(const char *what)
{
    struct {
        int id, parent;
        unsigned major, minor;
        char root[64], point[256], opts[128], type[32], source[128];
    } l[64];
    int n = 0;
    char line[1024];
    FILE *f = fopen("/proc/self/mountinfo", "r");
    while (f && n < 64 && fgets(line, sizeof(line), f)) {
        char *dash = strstr(line, " - ");
        if (dash &&
            sscanf(line, "%d %d %u:%u %63s %255s %127s", &l[n].id, &l[n].parent, &l[n].major,
                   &l[n].minor, l[n].root, l[n].point, l[n].opts) == 7 &&
            sscanf(dash + 3, "%31s %127s", l[n].type, l[n].source) == 2)
            n++;
    }
    if (f)
        fclose(f);
    struct stat up;
    stat("/tmp", &up);
    printf("mountinfo %s:\n", what);
    int fd = open(d, O_RDONLY | O_DIRECTORY), mnt_id = -1;
    char info[64];
    snprintf(info, sizeof(info), "/proc/self/fdinfo/%d", fd);
    f = fopen(info, "r");
    while (f && fgets(line, sizeof(line), f))
        sscanf(line, "mnt_id: %d", &mnt_id);
    if (f)
        fclose(f);
    close(fd);
    for (int i = 0; i < n; i++) {
        if (strcmp(l[i].point, d))
            continue;
        /* (in a chroot, /tmp's mount may lie outside the root and have no line) */
        const char *parent = "/tmp's";
        for (int j = 0; j < n; j++)
            if (l[j].id == l[i].parent)
                parent = !strcmp(l[j].point, d)                         ? "the one below"
                         : makedev(l[j].major, l[j].minor) == up.st_dev ? "/tmp's"
                                                                        : "another";
        printf("  %s D: parent %s, root %s, %s, %s%s\n", l[i].source, parent, l[i].root, l[i].opts,
               l[i].type, l[i].id == mnt_id ? ", fdinfo's mnt_id" : "");
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    mkdir("/tmp", 01777);
    snprintf(d, sizeof(d), "/tmp/mounts-d-%d", getpid());
    snprintf(e, sizeof(e), "/tmp/mounts-e-%d", getpid());
    T(unshare(CLONE_NEWNS));
    /* nothing to propagate to the host's namespace: where "/" is no mount point (a chroot) this
       is EINVAL, and the test unmounts what it mounts anyway */
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    T(mkdir(d, 0755));
    T(mkdir(e, 0755));
    int fd = open(at(e, "file"), O_CREAT | O_WRONLY, 0644);
    close(fd);
    dev_t outside = dev_of(d);

    printf("-- tmpfs over a directory\n");
    T(mount("none", d, "tmpfs", 0, NULL));
    struct stat st;
    stat(d, &st);
    printf("its own device: %d, root mode %o\n", st.st_dev != outside, st.st_mode);
    mounts("after mount");
    struct statfs sf;
    T(statfs(d, &sf));
    printf("statfs: tmpfs %d, flags %#lx\n", sf.f_type == 0x01021994, (unsigned long)sf.f_flags);
    fd = TF(open(at(d, "f"), O_CREAT | O_RDWR, 0644));
    T(write(fd, "data", 4));
    printf("a file in it on its device: %d\n", dev_of(at(d, "f")) == st.st_dev);
    T(link(at(d, "f"), at(e, "g")));
    T(rename(at(d, "f"), at(e, "g")));
    T(rename(at(e, "file"), at(d, "file")));
    T(rmdir(d));
    T(rename(d, at(e, "moved")));
    T(umount(d));
    T(close(fd));
    T(chdir(d));
    T(umount(d));
    T(chdir("/"));
    T(umount2(d, 0x100));
    T(umount(d));
    printf("gone: the device %d, the file %d\n", dev_of(d) == outside, access(at(d, "f"), F_OK));
    T(umount(d));

    printf("-- stacked\n");
    T(mount("first", d, "tmpfs", 0, NULL));
    close(open(at(d, "first"), O_CREAT | O_WRONLY, 0644));
    T(mount("second", d, "tmpfs", 0, "mode=755"));
    stat(d, &st);
    printf("the second on top: mode %o, the first's file hidden: %d\n", st.st_mode,
           access(at(d, "first"), F_OK) != 0);
    mounts("stacked");
    mountinfo("stacked");
    T(umount(d));
    printf("the first again: %d\n", access(at(d, "first"), F_OK) == 0);
    T(umount(d));

    printf("-- read-only\n");
    T(mount("none", d, "tmpfs", MS_NOSUID, NULL));
    close(open(at(d, "f"), O_CREAT | O_WRONLY, 0644));
    fd = TF(open(at(d, "f"), O_WRONLY));
    T(mount(NULL, d, NULL, MS_REMOUNT | MS_RDONLY, NULL));
    T(close(fd));
    T(mount(NULL, d, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID, NULL));
    mounts("read-only");
    mountinfo("read-only");
    T(statfs(d, &sf));
    printf("statfs flags %#lx\n", (unsigned long)sf.f_flags);
    T(open(at(d, "new"), O_CREAT | O_WRONLY, 0644));
    T(open(at(d, "f"), O_WRONLY));
    T(open(at(d, "f"), O_RDONLY | O_TRUNC));
    fd = TF(open(at(d, "f"), O_RDONLY));
    T(close(fd));
    T(unlink(at(d, "f")));
    T(mkdir(at(d, "dir"), 0755));
    T(chmod(at(d, "f"), 0600));
    T(truncate(at(d, "f"), 0));
    T(symlink("x", at(d, "l")));
    T(rename(at(d, "f"), at(d, "g")));
    T(mount(NULL, d, NULL, MS_REMOUNT, NULL));
    fd = TF(open(at(d, "new"), O_CREAT | O_WRONLY, 0644));
    T(close(fd));
    T(umount(d));

    printf("-- nodev, noexec\n");
    T(mount("none", d, "tmpfs", MS_NODEV | MS_NOEXEC, NULL));
    T(mknod(at(d, "null"), S_IFCHR | 0666, makedev(1, 3)));
    T(open(at(d, "null"), O_RDONLY));
    int in = open("/proc/self/exe", O_RDONLY), out = open(at(d, "prog"), O_CREAT | O_WRONLY, 0755);
    char buf[4096];
    ssize_t n;
    while ((n = read(in, buf, sizeof(buf))) > 0)
        write(out, buf, (size_t)n);
    close(in), close(out);
    char *argv[] = {"prog", NULL};
    T(execve(at(d, "prog"), argv, argv + 1));
    T(umount(d));

    printf("-- moved, propagation\n");
    T(mount(NULL, d, NULL, MS_PRIVATE, NULL));
    T(mount("none", d, "tmpfs", 0, NULL));
    close(open(at(d, "marker"), O_CREAT | O_WRONLY, 0644));
    T(mount(NULL, d, NULL, MS_PRIVATE, NULL));
    T(mount(NULL, d, NULL, MS_SHARED | MS_PRIVATE, NULL));
    T(mount(d, e, NULL, MS_MOVE, NULL));
    printf("the marker moved: %d, gone from the old place: %d\n",
           access(at(e, "marker"), F_OK) == 0, access(at(d, "marker"), F_OK) != 0);
    mounts("moved");
    T(mount(e, at(e, "x"), NULL, MS_MOVE, NULL));
    T(mkdir(at(e, "sub"), 0755));
    T(mount(e, at(e, "sub"), NULL, MS_MOVE, NULL));
    T(umount(e));

    printf("-- procfs again\n");
    T(mount("proc", d, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
    char self[64];
    ssize_t len = readlink(at(d, "self"), self, sizeof(self) - 1);
    self[len > 0 ? len : 0] = 0;
    printf("its self names this process: %d\n", len > 0 && atoi(self) == getpid());
    mounts("procfs");
    T(statfs(d, &sf));
    printf("statfs: procfs %d, flags %#lx\n", sf.f_type == 0x9fa0, (unsigned long)sf.f_flags);
    T(umount(d));

    printf("-- expire, detach\n");
    T(mount("none", d, "tmpfs", 0, NULL));
    T(umount2(d, MNT_EXPIRE | MNT_DETACH));
    T(umount2(d, MNT_EXPIRE));
    T(umount2(d, MNT_EXPIRE));
    T(mount("none", d, "tmpfs", 0, NULL));
    fd = TF(open(at(d, "f"), O_CREAT | O_RDWR, 0644));
    T(write(fd, "kept", 4));
    T(umount2(d, MNT_DETACH));
    printf("detached: the directory again %d, the open file still reads: ", dev_of(d) == outside);
    char got[8] = "";
    pread(fd, got, 4, 0);
    printf("%s\n", got);
    T(close(fd));

    printf("-- deep\n"); /* a tree nested deeper than any kernel stack could recurse */
    T(mount("none", d, "tmpfs", 0, NULL));
    T(chdir(d));
    int depth = 0;
    while (depth < 3000 && !mkdir("x", 0755) && !chdir("x"))
        depth++;
    printf("nested %d deep\n", depth);
    T(chdir("/"));
    T(umount(d));

    printf("-- unnamed but open\n"); /* a file unlinked while open keeps its mount busy */
    T(mount("none", d, "tmpfs", 0, NULL));
    fd = TF(open(at(d, "f"), O_CREAT | O_RDWR, 0644));
    T(unlink(at(d, "f")));
    T(mount(NULL, d, NULL, MS_REMOUNT | MS_RDONLY, NULL));
    T(umount(d));
    T(close(fd));
    T(umount(d));

    printf("-- a stack moved, and into itself\n");
    T(mkdir(at(e, "m"), 0755));
    T(mkdir(at(e, "t"), 0755));
    T(mount("lower", at(e, "m"), "tmpfs", 0, NULL));
    T(chdir(at(e, "m")));
    T(mount("upper", ".", "tmpfs", 0, NULL));
    T(mount(".", at(e, "m"), NULL, MS_MOVE, NULL));
    T(mount(".", at(e, "t"), NULL, MS_MOVE, NULL));
    T(chdir("/"));
    T(rmdir(at(e, "m")));
    T(chdir(at(e, "t")));
    T(chdir(".."));
    char cwd[128];
    printf("\"..\" of the upper one leads to E: %d\n", getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, e));
    T(umount2(at(e, "t"), MNT_DETACH)); /* the upper one: the lower stays */
    T(rmdir(at(e, "t")));
    T(umount(at(e, "t")));
    T(rmdir(at(e, "t")));

    printf("-- a removed directory\n");
    T(mkdir(at(e, "gone"), 0755));
    T(chdir(at(e, "gone")));
    T(rmdir(at(e, "gone")));
    T(mount("none", ".", "tmpfs", 0, NULL));
    T(chdir("/"));

    printf("-- size=\n");
    T(mount("none", d, "tmpfs", 0, "size=64k"));
    T(statfs(d, &sf));
    printf("statfs: blocks %ld free %ld\n", (long)sf.f_blocks, (long)sf.f_bfree);
    fd = open(at(d, "fill"), O_CREAT | O_WRONLY, 0644);
    static char page[4096];
    long written = 0, w;
    while ((w = write(fd, page, sizeof(page))) > 0)
        written += w;
    printf("written %ld, then %s\n", written, errname(errno));
    T(fallocate(fd, 0, 0, 65537));
    T(symlink("short", at(d, "short"))); /* tmpfs keeps a target under 128 bytes inline */
    static char target[200];
    memset(target, 't', sizeof(target) - 1);
    T(symlink(target, at(d, "long")));
    T(statfs(d, &sf));
    printf("statfs: blocks %ld free %ld\n", (long)sf.f_blocks, (long)sf.f_bfree);
    T(mount(NULL, d, NULL, MS_REMOUNT, "size=32k"));
    T(mount(NULL, d, NULL, MS_REMOUNT, "size=1q"));
    T(mount(NULL, d, NULL, MS_REMOUNT, "size="));
    T(mount(NULL, d, NULL, MS_REMOUNT, "size=0x"));
    T(mount(NULL, d, NULL, MS_REMOUNT, "mode=9"));
    T(ftruncate(fd, 8192));
    T(mount(NULL, d, NULL, MS_REMOUNT, "size=32k"));
    T(statfs(d, &sf));
    printf("statfs: blocks %ld free %ld\n", (long)sf.f_blocks, (long)sf.f_bfree);
    T(mount(NULL, d, NULL, MS_REMOUNT, "nr_blocks=0x3"));
    T(close(fd));
    T(unlink(at(d, "fill")));
    T(mount(NULL, d, NULL, MS_REMOUNT, "nr_blocks=0x3"));
    T(statfs(d, &sf));
    printf("statfs: blocks %ld free %ld\n", (long)sf.f_blocks, (long)sf.f_bfree);
    T(umount(d));
    T(mount("none", d, "tmpfs", 0, "nr_inodes=3"));
    mounts("nr_inodes");
    T(statfs(d, &sf));
    printf("statfs: files %ld free %ld\n", (long)sf.f_files, (long)sf.f_ffree);
    T(close(open(at(d, "a"), O_CREAT | O_WRONLY, 0644)));
    T(mkdir(at(d, "b"), 0755));
    T(open(at(d, "c"), O_CREAT | O_WRONLY, 0644));
    T(mkdir(at(d, "c"), 0755));
    T(symlink("a", at(d, "c")));
    T(mknod(at(d, "c"), S_IFIFO | 0644, 0));
    T(mount(NULL, d, NULL, MS_REMOUNT, "nr_inodes=2"));
    T(unlink(at(d, "a")));
    T(mount(NULL, d, NULL, MS_REMOUNT, "nr_inodes=2"));
    T(statfs(d, &sf));
    printf("statfs: files %ld free %ld\n", (long)sf.f_files, (long)sf.f_ffree);
    T(rmdir(at(d, "b")));
    T(umount(d));
    T(mount("none", d, "tmpfs", 0, "huge=never,gid=65534,size=1m,mode=0700,uid=65534"));
    mounts("options as Linux shows them");
    T(umount(d));
    T(mount("none", d, "tmpfs", 0, "size=12q"));
    T(mount("none", d, "tmpfs", 0, "size=1%"));
    T(statfs(d, &sf));
    printf("size=1%%: some blocks: %d\n", sf.f_blocks > 0 && sf.f_blocks == sf.f_bfree);
    T(umount(d));

    printf("-- refusals\n");
    T(mount("none", d, "nosuchfs", 0, NULL));
    T(mount("none", d, "tmpfs", 0, "bogus=1"));
    T(mount("none", at(e, "file"), "tmpfs", 0, NULL));
    T(mount("none", at(d, "missing"), "tmpfs", 0, NULL));
    T(mount("none", d, NULL, 0, NULL));
    T(umount(d));
    T(umount(at(d, "missing")));
    T(mount(NULL, d, NULL, MS_REMOUNT, NULL));
    T(mount(NULL, d, NULL, MS_PRIVATE, NULL));
    T(mount("none", d, "tmpfs", 0, NULL));
    T(chdir(d)); /* relative paths: nobody may not search every host's /tmp */
    T(setresuid(65534, 65534, 0));
    T(mount("none", "missing", "tmpfs", 0, NULL));
    T(mount("none", ".", "tmpfs", 0, NULL));
    T(umount("."));
    T(setresuid(0, 0, 0));
    T(chdir("/"));
    T(umount(d));
    T(unlink(at(e, "file")));
    T(rmdir(at(e, "sub")));
    T(rmdir(d));
    T(rmdir(e));
    return 0;
}
