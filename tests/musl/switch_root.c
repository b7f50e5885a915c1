/* switch_root's moves, as busybox's, in a mount namespace of the test's own on Linux: a tmpfs
 * mounted at /newroot-PID, the working directory moved into it, the mount moved onto "/"
 * (MS_MOVE: "/" itself still names the old root), then chroot(".") makes it the root: its
 * file at "/", "/.." staying, statfs, its line in /proc/self/mounts as "/". Then the old root,
 * reached through a descriptor kept, is cleaned. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

int main(void)
{
    char d[64], cwd[64];
    setvbuf(stdout, NULL, _IONBF, 0);
    snprintf(d, sizeof(d), "/newroot-%d", getpid());
    T(unshare(CLONE_NEWNS));
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    int old = open("/", O_RDONLY | O_DIRECTORY);
    T(mkdir(d, 0755));
    T(mount("newroot", d, "tmpfs", 0, NULL));
    int fd = TF(open("/tmp-marker-outside", O_CREAT | O_WRONLY, 0644));
    close(fd);
    T(chdir(d));
    fd = TF(open("marker", O_CREAT | O_WRONLY, 0644));
    close(fd);
    struct stat root, here;
    stat("/", &root);
    stat(".", &here);
    printf("a mount point apart from /: %d\n", root.st_dev != here.st_dev);
    T(mount(".", "/", NULL, MS_MOVE, NULL));
    printf("before chroot, / is still the old root: %d\n",
           access("/tmp-marker-outside", F_OK) == 0);
    T(chroot("."));
    T(chdir("/"));
    printf("after: the marker at /: %d, the old root's file gone: %d\n",
           access("/marker", F_OK) == 0, access("/tmp-marker-outside", F_OK) != 0);
    printf("getcwd: %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
    T(chdir(".."));
    printf("\"..\" stays: %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
    struct statfs sf;
    T(statfs("/", &sf));
    printf("/ is tmpfs: %d\n", sf.f_type == 0x01021994);
    T(mkdir("/proc", 0555));
    T(mount("proc", "/proc", "proc", 0, NULL));
    FILE *f = fopen("/proc/self/mounts", "r");
    char line[256];
    while (f && fgets(line, sizeof(line), f))
        if (!strncmp(line, "newroot ", 8))
            printf("mounts: %s", line);
    if (f)
        fclose(f);
    T(umount("/proc"));
    T(fchdir(old));
    T(unlink("tmp-marker-outside"));
    T(rmdir(d + 1));
    return 0;
}
