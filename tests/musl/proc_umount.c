/* Proves the boot's /proc is a mount as the one Linux's init makes: umount refuses it while a
 * file in it is open (EBUSY), then takes it away, leaving the folder it covered (empty, mode
 * 0555, the root's device); procfs mounted there again shows the process once more, in one
 * line of /proc/mounts. */
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static int entries(const char *path)
{
    DIR *d = opendir(path);
    int n = 0;
    while (d && readdir(d))
        n++;
    if (d)
        closedir(d);
    return d ? n : -1;
}

int main(void)
{
    struct stat root, st;
    stat("/", &root);
    int fd = open("/proc/self/stat", O_RDONLY);
    T(umount("/proc"));
    close(fd);
    T(umount("/proc"));
    T(stat("/proc", &st));
    printf("/proc: a folder %d, mode %o, the root's device %d, entries %d\n", S_ISDIR(st.st_mode),
           st.st_mode & 07777, st.st_dev == root.st_dev, entries("/proc"));
    T(open("/proc/self/stat", O_RDONLY));
    T(umount("/proc"));
    T(mount("proc", "/proc", "proc", 0, NULL));
    char buf[4096] = {0};
    readlink("/proc/self", buf, sizeof(buf) - 1);
    printf("/proc/self: getpid's %d\n", atoi(buf) == getpid());
    fd = open("/proc/mounts", O_RDONLY);
    int n = (int)read(fd, buf, sizeof(buf) - 1), lines = 0;
    buf[n > 0 ? n : 0] = 0;
    for (char *p = buf; (p = strstr(p, " /proc proc ")); p++)
        lines++;
    printf("/proc/mounts: %d line for /proc\n", lines);
    return 0;
}
