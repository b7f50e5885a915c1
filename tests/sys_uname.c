/* Proves uname (122) fills struct utsname: sysname "Linux", release 6.1's (the calls moat
 * follows), moat in the version, machine "i686", every field NUL-terminated within its 65
 * bytes; a bad pointer gives -EFAULT. */
#include "raw.h"

static char uts[6][65];

static int terminated(const char *f)
{
    for (int i = 0; i < 65; i++)
        if (!f[i])
            return 1;
    return 0;
}

int main(void)
{
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 65; j++)
            uts[i][j] = 'X';
    show("uname(&uts)", sys1(__NR_uname, uts));
    int ok = 1;
    for (int i = 0; i < 6; i++)
        ok &= terminated(uts[i]);
    fact("all six fields NUL-terminated", ok);
    put("sysname: ");
    put(uts[0]);
    put("\nmachine: ");
    put(uts[4]);
    put("\n");
    put("release: ");
    put(uts[2]);
    put("\nversion: ");
    put(uts[3]);
    put("\n");
    show("uname(NULL)", sys1(__NR_uname, 0));
    show("uname(0xc0000000)", sys1(__NR_uname, KERNEL_LO));
    show("uname(0xffffff00) (runs off the top)", sys1(__NR_uname, 0xffffff00u));
    return 0;
}
