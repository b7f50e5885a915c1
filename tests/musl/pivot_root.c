/* Proves pivot_root as Linux's: an initramfs's root (rootfs, which has no parent mount) cannot
 * be pivoted (EINVAL), so the program first makes its root a mount of its own, as switch_root
 * does (a tmpfs moved onto "/", then chroot "."); then the refusals in Linux's order (EPERM
 * without CAP_SYS_ADMIN, ENOENT, ENOTDIR, EBUSY for the root's own mount, EINVAL for a new root
 * that is no mount's root or a put_old outside it), the pivot itself (the new root at "/", the
 * old one at put_old with its files, the working directory carried along, /proc/mounts saying
 * so), unmounting the old root, and the "pivot_root . ." form, whose old root, stacked on the
 * new one (here on a mount stacked on it), "umount -l ." takes away, while a file of the new
 * root kept open is named from it; and pivot_root onto a directory bound onto itself, as runc
 * does it. moat only: on Linux it would pivot the host's root. Its output is Linux's, as Debian's
 * Linux i386 in QEMU gave it (that last part, added later, as Linux does it). */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static long pivot(const char *new_root, const char *put_old)
{
    return syscall(SYS_pivot_root, new_root, put_old);
}

static void cwd(void)
{
    char buf[256];
    printf("cwd %s\n", getcwd(buf, sizeof(buf)) ? buf : "?");
}

static void exists(const char *path)
{
    printf("%s %s\n", path, access(path, F_OK) ? "is not there" : "is there");
}

/* The mount lines under /, in order, as Linux's /proc/mounts lists them. */
static void mounts(void)
{
    char buf[2048];
    int fd = open("/proc/self/mounts", O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(0, "\n")) {
        char src[64], dir[128], type[32];
        if (sscanf(line, "%63s %127s %31s", src, dir, type) == 3)
            printf("  %s on %s type %s\n", src, dir, type);
    }
}

int main(void)
{
    puts("-- on rootfs");
    T(mkdir("/pr", 0755));
    T(mount("tmpfs", "/pr", "tmpfs", 0, 0));
    T(mkdir("/pr/old", 0755));
    T(pivot("/pr", "/pr/old"));
    T(mkdir("/r", 0755));
    T(mount("root", "/r", "tmpfs", 0, 0));
    T(chdir("/r"));
    T(mount("/r", "/", 0, MS_MOVE, 0));
    T(chroot("."));
    cwd();

    puts("-- a root of its own");
    T(mkdir("/new", 0755));
    T(mkdir("/plain", 0755));
    T(mkdir("/plain/old", 0755));
    T(mount("newroot", "/new", "tmpfs", 0, 0));
    T(mkdir("/new/old", 0755));
    T(mkdir("/new/proc", 0755));
    T(mkdir("/new/sub", 0755));
    T(mkdir("/outside", 0755));
    int fd = open("/new/sub/file", O_CREAT | O_WRONLY, 0644);
    T(close(fd));
    fd = open("/marker", O_CREAT | O_WRONLY, 0644);
    T(close(fd));
    T(seteuid(65534));
    T(pivot("/new", "/new/old"));
    T(seteuid(0));
    T(pivot("/none", "/new/old"));
    T(pivot("/new", "/none"));
    T(pivot("/marker", "/new/old"));
    T(pivot("/new", "/marker"));
    T(pivot((void *)8, "/new/old"));
    T(pivot("/", "/new/old"));
    T(pivot("/new", "/outside"));
    T(pivot("/plain", "/plain/old"));
    T(pivot("/new/sub", "/new/old"));
    T(mkdir("/other", 0755));
    T(mount("other", "/other", "tmpfs", 0, 0));
    T(pivot("/new", "/other"));
    T(mount("proc", "/new/proc", "proc", 0, 0));

    puts("-- pivot");
    T(pivot("/new", "/new/old"));
    cwd();
    exists("/sub/file");
    exists("/old/marker");
    exists("/old/new");
    mounts();
    T(pivot("/", "/old"));
    T(umount2("/old", MNT_DETACH));
    exists("/old/marker");
    mounts();

    puts("-- pivot_root . .");
    T(mkdir("/next", 0755));
    T(mount("next", "/next", "tmpfs", 0, 0));
    T(mkdir("/next/proc", 0755));
    T(mount("proc", "/next/proc", "proc", 0, 0));
    fd = open("/next/kept", O_CREAT | O_WRONLY, 0644);
    T(chdir("/next"));
    T(mount("stacked", ".", "tmpfs", 0, 0)); /* on the new root: put_old is this one's root */
    T(pivot(".", "."));
    cwd();
    exists("/sub");
    char link[64], to[64] = "";
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    T(readlink(link, to, sizeof(to) - 1));
    printf("the file kept open: %s\n", to);
    T(umount2(".", MNT_DETACH));
    exists("/sub");
    T(umount2(".", MNT_DETACH));
    T(chdir("/"));
    cwd();
    mounts();

    puts("-- pivot_root onto a directory bound onto itself (runc's way)");
    T(mkdir("/jail", 0755));
    T(mkdir("/jail/old", 0755));
    T(close(open("/jail/inside", O_CREAT | O_WRONLY, 0644)));
    T(mount("/jail", "/jail", NULL, MS_BIND, NULL));
    T(chdir("/jail"));
    T(pivot(".", "old"));
    cwd();
    exists("/inside");
    exists("/old/jail");
    T(chdir(".."));
    cwd();
    T(umount2("/old", MNT_DETACH)); /* the bind keeps the old root's file system */
    exists("/inside");
    exists("/old/jail");
    mounts();

    puts("-- put_old under the new root's directory, but not through its mount");
    T(mkdir("/r", 0755));
    T(mount("r", "/r", "tmpfs", 0, 0));
    T(chroot("/r"));
    T(chdir("/"));
    T(mkdir("/n", 0755));
    T(mkdir("/n/x", 0755));
    T(mount("x", "/n/x", "tmpfs", 0, 0));
    T(chdir("/n/x"));
    T(mount("/n", "/n", NULL, MS_BIND, NULL));
    T(pivot("/n", ".")); /* EINVAL, as Linux's is_path_reachable: it made a loop of mounts */
    T(chdir("/"));
    cwd();
    return 0;
}
