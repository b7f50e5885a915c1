/* Proves a sysfs or procfs folder held open after its mount is detached (umount2 MNT_DETACH)
 * stays as moat's detach leaves it, removed and empty: a listing or a lookup in it does not
 * make its nodes again, which nothing would ever free (the folder freed with its names still
 * in it, their ".." left pointing at freed memory). 300 rounds of mount, open, detach, list
 * and close give back all their memory. moat-only: Linux keeps a detached tree whole while it
 * is held. */
#define _GNU_SOURCE
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

static char buf[4096];

/* The round's folder, held open while its mount goes: the bytes a listing of it gives. */
static long round_trip(const char *type, const char *folder, int *held)
{
    char path[64];
    mount(type, "/x", type, 0, NULL);
    snprintf(path, sizeof(path), "/x/%s", folder);
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    umount2("/x", MNT_DETACH);
    long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
    *held = openat(fd, "tty", O_RDONLY | O_DIRECTORY);
    if (*held >= 0)
        close(*held);
    close(fd);
    return n;
}

int main(void)
{
    struct sysinfo before, after;
    int held;
    T(mkdir("/x", 0700));
    printf("sysfs class: listing %ld bytes, ", round_trip("sysfs", "class", &held));
    printf("tty %s\n", held >= 0 ? "found" : errname(errno));
    printf("procfs sys: listing %ld bytes\n", round_trip("proc", "sys", &held));
    sysinfo(&before);
    for (int i = 0; i < 300; i++) {
        round_trip("sysfs", "dev/char", &held);
        round_trip("proc", "sys/kernel", &held);
    }
    sysinfo(&after);
    printf("memory back: %s\n",
           after.freeram * after.mem_unit + 65536 >= before.freeram * before.mem_unit ? "yes"
                                                                                      : "no");
    return 0;
}
