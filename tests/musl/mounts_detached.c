/* A tmpfs unmounted lazily (MNT_DETACH) while it is the working directory: moat takes its
 * names away at once and treats what is left as removed, so nothing new can be made there and
 * ".." leads nowhere, while the directories around it go as usual. moat-only: Linux keeps a
 * detached tree usable through a working directory until nothing holds it. */
#include "report.h"
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char cwd[64];
    mkdir("/tmp", 01777);
    T(mkdir("/tmp/a", 0755));
    T(mkdir("/tmp/a/m", 0755));
    T(mount("none", "/tmp/a/m", "tmpfs", 0, NULL));
    T(mkdir("/tmp/a/m/old", 0755));
    T(chdir("/tmp/a/m"));
    T(umount2("/tmp/a/m", MNT_DETACH));
    T(mkdir("d", 0755));
    T(open("f", O_CREAT | O_WRONLY, 0644));
    T(access("old", F_OK));
    T(chdir(".."));
    T(getcwd(cwd, sizeof(cwd)) == NULL);
    T(rmdir("/tmp/a/m"));
    T(rmdir("/tmp/a"));
    T(chdir(".."));
    T(chdir("/"));
    T(mount("none", "/tmp", "tmpfs", 0, NULL));
    T(umount("/tmp"));
    return 0;
}
