/* Bind mounts at their edges, moat only (where Linux differs, it says so): a directory bound
 * into itself, which a search of the tree for an open file's name (/proc/self/fd) must not
 * walk round and round, and bound again with MS_REC; the working directory left in a bind
 * unmounted lazily (no mount on a place reached through it); a file hidden under a bind of
 * /proc; a read-only bind reopened for writing through /proc/self/fd (EROFS, as Linux: the
 * file's own mount); the source directory removed while bound; a bind moved; a mount moved
 * under its own root through a bind (ELOOP, where Linux allows it: it made a loop of parents
 * that hung rename); the file system a bind shows (EBUSY to unmount while it does, where
 * Linux's would go; lazily, it stays while the bind does, as Linux's); the mount table filled
 * (ENOMEM), an MS_REC bind that does not fit leaving nothing behind; and a nosuid bind's
 * set-user-ID program. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

/* The lines of /proc/self/mounts. */
static int mounts(void)
{
    char line[512];
    int n = 0;
    FILE *f = fopen("/proc/self/mounts", "r");
    while (f && fgets(line, sizeof(line), f))
        n++;
    if (f)
        fclose(f);
    return n;
}

static void cwd(void)
{
    char buf[256];
    printf("getcwd %s\n", getcwd(buf, sizeof(buf)) ? buf : strerror(errno));
}

static void fd_link(int fd)
{
    char link[64], to[256];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, to, sizeof(to) - 1);
    printf("fd's link: %.*s\n", n < 0 ? 0 : (int)n, to);
}

/* A copy of this program at path, set-user-ID root. */
static void copy_self(const char *path)
{
    char buf[4096];
    int in = open("/proc/self/exe", O_RDONLY), out = open(path, O_CREAT | O_WRONLY, 0755);
    for (ssize_t n; (n = read(in, buf, sizeof(buf))) > 0;)
        if (write(out, buf, (size_t)n) != n)
            break;
    close(in);
    close(out);
    T(chmod(path, 04755));
}

int main(int argc, char **argv)
{
    if (argc > 1) { /* run again: through the nosuid bind, then through the file system's mount */
        printf("%s: euid %d\n", argv[1], (int)geteuid());
        if (!strcmp(argv[1], "nosuid"))
            T(execl("/t/x", "x", "suid", (char *)NULL));
        return 0;
    }
    T(mkdir("/t", 0755));
    T(mount("base", "/t", "tmpfs", 0, NULL));
    T(close(open("/t/early", O_CREAT | O_WRONLY, 0644))); /* listed after d: newest first */
    T(mkdir("/t/d", 0755));
    T(mkdir("/t/d/sub", 0755));
    T(mkdir("/t/e", 0755));
    T(close(open("/t/d/f", O_CREAT | O_WRONLY, 0644)));

    puts("-- a directory bound into itself");
    T(mount("/t/d", "/t/d/sub", NULL, MS_BIND, NULL));
    int fd;
    TF(fd = open("/t/d/sub/f", O_RDONLY));
    fd_link(fd); /* the file's own place */
    T(close(fd));
    TF(fd = open("/t/early", O_RDONLY));
    fd_link(fd); /* found after d, without going round and round through the bind */
    T(close(fd));
    T(mount("/t/d", "/t/e", NULL, MS_BIND | MS_REC, NULL)); /* the bind in it copied once */
    struct stat a, b;
    T(stat("/t/e/sub", &a));
    T(stat("/t/d", &b));
    printf("e/sub is d: %d\n", a.st_ino == b.st_ino);
    T(access("/t/e/sub/f", F_OK));
    T(access("/t/e/sub/sub/f", F_OK)); /* the plain sub: the copy's own bind is not copied */
    T(umount("/t/e/sub"));
    T(umount("/t/e"));
    T(umount("/t/d/sub"));

    /* Linux names it "(unreachable)/sub" and its ".." stays at the detached root; moat names
       the source's place, and ".." leads to the source's parent. */
    puts("-- the working directory in a bind unmounted lazily");
    T(mount("/t/d", "/t/e", NULL, MS_BIND, NULL));
    T(chdir("/t/e/sub"));
    T(umount("/t/e"));
    T(umount2("/t/e", MNT_DETACH));
    cwd();
    T(mkdir("c", 0755));
    T(mount("/t", "c", NULL, MS_MOVE, NULL)); /* EINVAL, as Linux's check_mnt: a mount gone */
    T(mount("x", "c", "tmpfs", 0, NULL));
    T(mount("/t/d", "c", NULL, MS_BIND, NULL));
    T(rmdir("c"));
    T(chdir(".."));
    cwd();
    T(chdir("/"));
    T(umount("/t/e"));

    puts("-- a file hidden under a bind of /proc");
    T(mkdir("/h", 0755));
    TF(fd = open("/h/f", O_CREAT | O_RDWR, 0644));
    T(mount("/proc", "/h", NULL, MS_BIND, NULL));
    fd_link(fd); /* Linux: /h/f; moat finds no name for it (the search went round forever) */
    T(close(fd));
    T(umount("/h"));

    puts("-- a read-only bind reopened through /proc/self/fd");
    T(mount("/t/d", "/t/e", NULL, MS_BIND, NULL));
    T(mount(NULL, "/t/e", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
    TF(fd = open("/t/e/f", O_RDONLY));
    char link[64];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    T(open(link, O_WRONLY));
    T(fchmod(fd, 0600));
    T(close(fd));
    T(chmod("/t/e/f", 0600));
    T(chmod("/t/d/f", 0600));
    T(umount("/t/e"));

    puts("-- the source removed while bound");
    T(mkdir("/t/gone", 0755));
    T(mount("/t/gone", "/t/e", NULL, MS_BIND, NULL));
    T(rmdir("/t/gone"));
    T(chdir("/t/e"));
    T(open("new", O_CREAT | O_WRONLY, 0644));
    T(chdir(".."));
    cwd();
    T(chdir("/"));
    T(umount("/t/e"));

    puts("-- a bind moved");
    T(mkdir("/t/m", 0755));
    T(mount("/t/d", "/t/e", NULL, MS_BIND, NULL));
    T(mount("/t/e", "/t/m", NULL, MS_MOVE, NULL));
    T(chdir("/t/m/sub/.."));
    cwd();
    T(chdir("/"));
    T(umount("/t/m"));
    T(umount("/t/e"));

    puts("-- a mount moved under its own root through a bind");
    T(mkdir("/u", 0755));
    T(mkdir("/t/d/x", 0755));
    T(mount("/t/d", "/u", NULL, MS_BIND, NULL));
    /* Linux: 0; here ".." of base's root would lead into base itself, a loop that hung rename */
    T(mount("/t", "/u/x", NULL, MS_MOVE, NULL));
    T(rename("/t/d", "/t/d2"));
    T(rename("/t/d2", "/t/d"));
    T(umount("/u"));
    T(rmdir("/t/d/x"));

    puts("-- the file system a bind shows");
    T(mount("/t/d", "/t/e", NULL, MS_BIND, NULL)); /* /t/e lies in base too */
    T(mount("/t/d", "/u", NULL, MS_BIND, NULL));
    T(umount("/t")); /* Linux: 0, the bind keeping base */
    T(umount("/u"));
    T(umount("/t/e"));

    puts("-- the mount table filled");
    int before = mounts(), made = 0;
    while (mount("/t/d", "/t/e", NULL, MS_BIND, NULL) == 0)
        made++;
    printf("mount(bind) = -1 %s after %d more\n", errname(errno), made > 0);
    for (int i = 0; i < made; i++)
        umount("/t/e");
    T(mount("/t/d", "/t/d/sub", NULL, MS_BIND, NULL));
    made = 0;
    while (mount("/t/d/sub", "/t/e", NULL, MS_BIND, NULL) == 0)
        made++;
    T(umount("/t/e")); /* one slot free: too few for d and the bind on its sub */
    made--;
    T(mount("/t/d", "/t/e", NULL, MS_BIND | MS_REC, NULL));
    for (int i = 0; i < made; i++)
        umount("/t/e");
    T(umount("/t/d/sub"));
    printf("mounts as before: %d\n", mounts() == before);

    puts("-- a file system unmounted lazily while a bind shows it");
    T(mkdir("/l", 0755));
    T(mount("lazy", "/l", "tmpfs", 0, NULL));
    T(mkdir("/l/d", 0755));
    T(close(open("/l/d/kept", O_CREAT | O_WRONLY, 0644)));
    T(mkdir("/l/sub", 0755));
    T(mount("inner", "/l/sub", "tmpfs", 0, NULL)); /* goes with it */
    T(mkdir("/v", 0755));
    T(mount("/l/d", "/v", NULL, MS_BIND, NULL));
    T(umount2("/l", MNT_DETACH)); /* the bind keeps the file system */
    T(access("/v/kept", F_OK));
    T(access("/l/d", F_OK)); /* the plain directory again */
    T(close(open("/v/new", O_CREAT | O_WRONLY, 0644)));
    char line[256] = "";
    FILE *f = fopen("/proc/self/mountinfo", "r");
    while (f && fgets(line, sizeof(line), f) && !strstr(line, " /v "))
        ;
    if (f)
        fclose(f);
    char root[64] = "";
    sscanf(line, "%*d %*d %*s %63s", root);
    printf("the bind's root in its file system: %s\n", root);
    T(umount("/v")); /* the last: the file system goes */
    printf("mounts as before: %d\n", mounts() == before);

    puts("-- a nosuid bind's set-user-ID program");
    copy_self("/t/x");
    T(mkdir("/b", 0755));
    T(mount("/t", "/b", NULL, MS_BIND, NULL));
    T(mount(NULL, "/b", NULL, MS_REMOUNT | MS_BIND | MS_NOSUID, NULL));
    T(setresuid(1000, 1000, 1000));
    T(execl("/b/x", "x", "nosuid", (char *)NULL));
    return 1;
}
