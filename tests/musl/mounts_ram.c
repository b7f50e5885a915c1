/* Proves devtmpfs and ramfs mount as Linux's, in a mount namespace of the test's own (on
 * Linux; moat has one): a devtmpfs is a tmpfs (statfs) whose 0755 root holds the kernel's
 * device nodes (null, zero, console, tty, random with their numbers, null writable), shown in
 * /proc/self/mounts with tmpfs's size=, nr_inodes= and mode=755, and takes files of its own; a
 * ramfs has a 0755 root, takes mode= and ignores every other option (a bad mode is EINVAL),
 * statfs says ramfs with no blocks to count, /proc/self/mounts shows its mode= when not 0755;
 * /proc/filesystems names both. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static char d[64], path[128], buf[8192];

static const char *at(const char *name)
{
    snprintf(path, sizeof(path), "%s/%s", d, name);
    return path;
}

/* A node's type and numbers, and its mode (mode: where udev, on a host that runs it, leaves
   devtmpfs's alone). */
static void node(const char *name, int mode)
{
    struct stat st;
    if (stat(at(name), &st))
        printf("%s: %s\n", name, errname(errno));
    else
        printf(mode ? "%s: %s %u:%u, mode %o\n" : "%s: %s %u:%u\n", name,
               S_ISCHR(st.st_mode)   ? "char"
               : S_ISBLK(st.st_mode) ? "block"
                                     : "other",
               major(st.st_rdev), minor(st.st_rdev), st.st_mode & 07777);
}

/* d's line of /proc/self/mounts, numbers as N. */
static void mount_line(void)
{
    int fd = open("/proc/self/mounts", O_RDONLY);
    long n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
        char *p = strchr(l, ' ');
        if (!p || strncmp(p + 1, d, strlen(d)) || p[1 + strlen(d)] != ' ')
            continue;
        printf("mounts: ");
        for (; *l; l++) {
            if (*l >= '0' && *l <= '9' && l[-1] == '=' && strncmp(l - 5, "mode", 4)) {
                while (l[1] >= '0' && l[1] <= '9')
                    l++;
                putchar('N');
            } else {
                putchar(*l == *d && !strncmp(l, d, strlen(d)) ? (l += strlen(d) - 1, 'D') : *l);
            }
        }
        putchar('\n');
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    mkdir("/tmp", 01777);
    snprintf(d, sizeof(d), "/tmp/mounts-ram-%d", getpid());
    T(unshare(CLONE_NEWNS));
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    T(mkdir(d, 0700));

    printf("-- devtmpfs\n");
    T(mount("devtmpfs", d, "devtmpfs", 0, NULL));
    struct stat st;
    struct statfs sf;
    stat(d, &st);
    statfs(d, &sf);
    printf("root mode %o, tmpfs %d\n", st.st_mode & 07777, sf.f_type == 0x01021994);
    node("null", 1);
    node("zero", 1);
    node("console", 0);
    node("tty", 1);
    node("random", 1);
    int fd = TF(open(at("null"), O_WRONLY));
    T(write(fd, "x", 1));
    close(fd);
    fd = TF(open(at("mine"), O_CREAT | O_WRONLY, 0600));
    close(fd);
    T(unlink(at("mine")));
    mount_line();
    T(umount(d));

    printf("-- ramfs\n");
    T(mount("none", d, "ramfs", 0, NULL));
    stat(d, &st);
    statfs(d, &sf);
    printf("root mode %o, ramfs %d, blocks %llu, files %llu\n", st.st_mode & 07777,
           sf.f_type == 0x858458f6, (unsigned long long)sf.f_blocks,
           (unsigned long long)sf.f_files);
    mount_line();
    T(umount(d));
    T(mount("none", d, "ramfs", 0, "mode=700,size=1k,nosuchoption"));
    stat(d, &st);
    printf("root mode %o\n", st.st_mode & 07777);
    fd = TF(open(at("big"), O_CREAT | O_WRONLY, 0600));
    static char page[4096];
    T(write(fd, page, sizeof(page)));
    close(fd);
    mount_line();
    T(umount(d));
    T(mount("none", d, "ramfs", 0, "mode=8"));
    T(rmdir(d));

    fd = open("/proc/filesystems", O_RDONLY);
    long n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    printf("filesystems: devtmpfs %d, ramfs %d\n", !!strstr(buf, "nodev\tdevtmpfs\n"),
           !!strstr(buf, "nodev\tramfs\n"));
    return 0;
}
