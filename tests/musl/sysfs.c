/* Proves a sysfs mounts as Linux's, in a mount namespace of the test's own (on Linux; moat has
 * one): a 0555 root that statfs calls sysfs, no options, its line in /proc/self/mounts; the
 * CPUs' lists, which name as many CPUs as there are cpuN folders and as the affinity allows;
 * lo under class/net, a link to devices/virtual/net/lo and its files; the console's and
 * null's folders (dev, uevent, subsystem, console's active); dev/char's links by number; no
 * new name, removal, move or link, and no open for writing a read-only file (kernfs's, as it
 * has no store) where a writable one opens, while O_TRUNC on a read-only open is taken. What
 * differs between machines (the CPUs' count, the active console) is compared, not printed. */
#define _GNU_SOURCE
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

static char d[64], path[256], buf[8192];

static const char *at(const char *name)
{
    snprintf(path, sizeof(path), "%s/%s", d, name);
    return path;
}

/* A file's text, or its error's name. */
static const char *text(const char *name)
{
    int fd = open(at(name), O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (n < 0)
        return errname(e);
    buf[n] = 0;
    return buf;
}

static void show_file(const char *name)
{
    struct stat st;
    if (lstat(at(name), &st)) {
        printf("%s: %s\n", name, errname(errno));
        return;
    }
    printf("%s (%o, size %lld): %s", name, st.st_mode & 07777, (long long)st.st_size, text(name));
}

static void show_link(const char *name)
{
    struct stat st;
    long n = readlink(at(name), buf, sizeof(buf) - 1);
    if (n < 0 || lstat(at(name), &st)) {
        printf("%s: %s\n", name, errname(errno));
        return;
    }
    buf[n] = 0;
    printf("%s -> %s (%o)\n", name, buf, st.st_mode & 07777);
}

static void show_dir(const char *name)
{
    struct stat st;
    if (stat(at(name), &st))
        printf("%s/: %s\n", name, errname(errno));
    else
        printf("%s/ (%o, %s)\n", name, st.st_mode & 07777, S_ISDIR(st.st_mode) ? "dir" : "?");
}

/* The CPUs a list such as "0-1,3" names. */
static int listed(const char *s)
{
    int n = 0;
    while (*s >= '0' && *s <= '9') {
        long a = strtol(s, (char **)&s, 10), b = *s == '-' ? strtol(s + 1, (char **)&s, 10) : a;
        n += (int)(b - a + 1);
        s += *s == ',';
    }
    return n;
}

/* d's line of /proc/self/mounts. */
static void mount_line(void)
{
    int fd = open("/proc/self/mounts", O_RDONLY);
    long n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
        char *p = strchr(l, ' ');
        if (p && !strncmp(p + 1, d, strlen(d)) && p[1 + strlen(d)] == ' ')
            printf("mounts: %.*s D%s\n", (int)(p - l), l, p + 1 + strlen(d));
    }
}

int main(void)
{
    struct statfs sf;
    struct stat st;
    cpu_set_t set;
    T(unshare(CLONE_NEWNS));
    /* kept from spreading to the host's mounts, where / is a mount (not in a chroot's root) */
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    snprintf(d, sizeof(d), "/tmp/sysfs.%d", getpid());
    T(mkdir(d, 0700));
    T(mount("sysfs", d, "sysfs", 0, "size=1"));
    T(mount("sysfs", d, "sysfs", 0, NULL));
    T(statfs(d, &sf));
    printf("magic %lx, blocks %lu\n", (unsigned long)sf.f_type, (unsigned long)sf.f_blocks);
    T(stat(d, &st));
    printf("root mode %o\n", st.st_mode & 07777);
    mount_line();
    T(open(at("x"), O_CREAT | O_WRONLY, 0600));
    T(mkdir(at("x"), 0700));
    T(symlink("a", at("x")));

    puts("-- cpu");
    show_dir("devices/system/cpu");
    show_dir("devices/system/cpu/cpu0");
    int online = listed(text("devices/system/cpu/online"));
    int possible = listed(text("devices/system/cpu/possible"));
    int present = listed(text("devices/system/cpu/present"));
    int folders = 0;
    DIR *dir = opendir(at("devices/system/cpu"));
    for (struct dirent *e; dir && (e = readdir(dir));)
        folders += !strncmp(e->d_name, "cpu", 3) && e->d_name[3] >= '0' && e->d_name[3] <= '9';
    if (dir)
        closedir(dir);
    sched_getaffinity(0, sizeof(set), &set);
    printf("online %s, possible %s, present %s, cpuN folders %s\n",
           online == CPU_COUNT(&set) ? "the affinity's count" : "other",
           possible == online ? "online's" : "other", present == online ? "online's" : "other",
           folders == online ? "online's" : "other");

    puts("-- net");
    show_dir("class/net");
    show_link("class/net/lo");
    show_dir("class/net/lo");
    const char *lo[] = {"address", "flags", "ifindex", "mtu", "operstate", "type", "uevent"};
    for (unsigned i = 0; i < sizeof(lo) / sizeof(lo[0]); i++) {
        char name[64];
        snprintf(name, sizeof(name), "devices/virtual/net/lo/%s", lo[i]);
        show_file(name);
    }
    show_link("devices/virtual/net/lo/subsystem");
    show_dir("class/net/lo/subsystem/lo");

    puts("-- devices");
    show_link("class/tty/console");
    show_file("class/tty/console/dev");
    show_file("class/tty/console/uevent");
    show_link("class/tty/console/subsystem");
    const char *active = text("class/tty/console/active");
    printf("console's active: %s\n", strchr(active, '\n') && active[0] ? "a line" : active);
    show_link("class/mem/null");
    show_file("devices/virtual/mem/null/dev");
    show_file("devices/virtual/mem/null/uevent");
    show_link("devices/virtual/mem/null/subsystem");
    show_file("class/tty/tty/uevent");
    show_file("class/tty/tty1/uevent");
    show_file("class/mem/urandom/dev");
    show_file("class/tty/ttyS0/dev");
    show_link("dev/char/1:3");
    show_link("dev/char/5:1");
    show_file("dev/char/1:5/uevent");
    T(unlink(at("class/mem/null/dev")));
    T(rmdir(at("class/mem")));
    char cpu_x[128];
    snprintf(cpu_x, sizeof(cpu_x), "%s/devices/system/cpu/x", d);
    T(rename(at("devices/system/cpu/online"), cpu_x));
    T(link(at("devices/system/cpu/online"), cpu_x));
    T(open(at("devices/system/cpu/online"), O_WRONLY));
    int fd = TF(open(at("devices/system/cpu/online"), O_RDONLY | O_TRUNC));
    close(fd);
    fd = TF(open(at("devices/virtual/net/lo/mtu"), O_WRONLY)); /* (nothing written) */
    close(fd);
    fd = open(at("devices/virtual/net/lo/mtu"), O_RDONLY);
    T(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED ? -1 : 0);
    close(fd);

    T(umount(d));
    T(rmdir(d));
    return 0;
}
