/* Proves chroot behaves as Linux's: the app's absolute paths start at the new root, and ".."
 * stops there, symlinks' absolute targets too; the working directory stays where it was, and
 * getcwd then says "(unreachable)" before its path; ENOENT, ENOTDIR, EFAULT. It works in a
 * scratch folder of its own under the working directory, as files.c does, and removes it
 * through a descriptor of the folder it started in, which chroot does not move. */
#define _GNU_SOURCE
#include "report.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DIR_NAME "chroot_scratch.tmp"

static void cwd(const char *what)
{
    char buf[4200]; /* the system call's: musl's getcwd makes "(unreachable)" ENOENT */
    if (syscall(SYS_getcwd, buf, sizeof(buf)) < 0) {
        printf("%s: getcwd -1 %s\n", what, errname(errno));
        return;
    }
    /* Outside the root, the rest is the host's own path: only its start is compared. */
    if (!strncmp(buf, "(unreachable)", 13))
        printf("%s: (unreachable)...\n", what);
    else
        printf("%s: %s\n", what, buf);
}

int main(void)
{
    int start = open(".", O_RDONLY | O_DIRECTORY);
    T(mkdir(DIR_NAME, 0755));
    T(mkdir(DIR_NAME "/root", 0755));
    T(mkdir(DIR_NAME "/root/sub", 0755));
    T(symlink("/sub", DIR_NAME "/root/abs"));
    int fd = open(DIR_NAME "/root/sub/file", O_WRONLY | O_CREAT, 0644);
    write(fd, "inside\n", 7);
    close(fd);
    T(open(DIR_NAME "/file", O_WRONLY | O_CREAT, 0644) >= 0);

    T(chroot("nope"));
    T(chroot(DIR_NAME "/file"));
    T(chroot(""));
    T(chroot((char *)8));
    T(chroot(DIR_NAME "/root"));
    cwd("the working directory stays");
    T(access("/sub/file", F_OK));
    T(access("/../../sub/file", F_OK));
    T(access("/abs/file", F_OK));
    T(access("/" DIR_NAME, F_OK));
    T(chdir("/"));
    cwd("after chdir(\"/\")");
    T(chdir(".."));
    cwd("after chdir(\"..\")");
    T(chdir("sub"));
    cwd("after chdir(\"sub\")");
    char buf[16] = {0};
    fd = open("file", O_RDONLY);
    read(fd, buf, sizeof(buf) - 1);
    close(fd);
    printf("read through the new root: %s", buf);

    T(fchdir(start));
    cwd("back through a descriptor");
    T(unlink(DIR_NAME "/root/sub/file"));
    T(unlink(DIR_NAME "/root/abs"));
    T(rmdir(DIR_NAME "/root/sub"));
    T(rmdir(DIR_NAME "/root"));
    T(unlink(DIR_NAME "/file"));
    T(rmdir(DIR_NAME));
    return 0;
}
