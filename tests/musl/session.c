/* Proves the one process's group, session and ids are Linux init's: group and session 0 (its
 * parent's, the kernel's) until setsid makes it the leader of both (1); then setsid is EPERM,
 * as for any group leader, and setpgid may not move a session leader. getpgid, getsid and
 * setpgid know no other process (ESRCH), setpgid no other group (EPERM). getresuid and
 * getresgid give root's three ids. reboot checks its magic numbers and its command (EINVAL),
 * and Ctrl-Alt-Del's setting is accepted. capget gives root's sets as Linux 6.1 has them.
 * unshare refuses the namespaces moat lacks (EINVAL, as a Linux built without them). Run as
 * /init: on Linux, that is pid 1. */
#define _GNU_SOURCE
#include "report.h"
#include <stdint.h>
#include <stdio.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAGIC1 0xfee1dead
#define MAGIC2 672274793

int main(void)
{
    T(getpgrp());
    T(getpgid(0));
    T(getpgid(1));
    T(getpgid(2));
    T(getsid(0));
    T(getsid(1));
    T(getsid(2));
    T(setpgid(2, 0));
    T(setpgid(0, -1));
    T(setpgid(0, 5));
    T(setsid());
    T(getpgrp());
    T(getsid(0));
    T(setsid());
    T(setpgid(0, 0));
    T(setpgid(1, 1));
    uid_t r = 7, e = 7, s = 7;
    gid_t gr = 7, ge = 7, gs = 7;
    T(getresuid(&r, &e, &s));
    printf("uids %u %u %u\n", r, e, s);
    T(getresgid(&gr, &ge, &gs));
    printf("gids %u %u %u\n", gr, ge, gs);
    T(getresuid(&r, &e, (uid_t *)8));
    /* capget: root's sets, for each header version; the version written back when unknown */
    uint32_t hdr[2] = {0x20080522, 0}, caps[6] = {0};
    T(syscall(SYS_capget, hdr, caps));
    printf("caps v3: %x %x %x / %x %x %x\n", caps[0], caps[1], caps[2], caps[3], caps[4], caps[5]);
    hdr[0] = 0x19980330, caps[3] = 7;
    T(syscall(SYS_capget, hdr, caps));
    printf("caps v1: %x %x %x, next set untouched: %x\n", caps[0], caps[1], caps[2], caps[3]);
    hdr[0] = 1;
    T(syscall(SYS_capget, hdr, caps));
    printf("version written back: %#x\n", hdr[0]);
    hdr[0] = 1;
    T(syscall(SYS_capget, hdr, 0));
    hdr[1] = 999999;
    T(syscall(SYS_capget, hdr, caps));
    hdr[1] = -1;
    T(syscall(SYS_capget, hdr, caps));
    T(syscall(SYS_capget, (void *)8, caps));
    T(syscall(SYS_reboot, 0x12345678, MAGIC2, RB_DISABLE_CAD, 0));
    T(syscall(SYS_reboot, MAGIC1, 1, RB_DISABLE_CAD, 0));
    T(syscall(SYS_reboot, MAGIC1, MAGIC2, 0x1234, 0));
    T(syscall(SYS_reboot, MAGIC1, MAGIC2, RB_DISABLE_CAD, 0));
    T(syscall(SYS_reboot, MAGIC1, MAGIC2, 0xA1B2C3D4, (void *)8)); /* RESTART2's string */
    /* unshare of the namespaces moat has not: EINVAL, as a Linux built without them */
    T(syscall(SYS_unshare, 0x04000000)); /* CLONE_NEWUTS */
    T(syscall(SYS_unshare, 0x08000000)); /* CLONE_NEWIPC */
    T(syscall(SYS_unshare, 0x10000000)); /* CLONE_NEWUSER */
    T(syscall(SYS_unshare, 0x20000000)); /* CLONE_NEWPID */
    T(syscall(SYS_unshare, 0x40000000)); /* CLONE_NEWNET */
    T(syscall(SYS_unshare, 0x00000080)); /* CLONE_NEWTIME */
    T(syscall(SYS_unshare, 0x02000000)); /* CLONE_NEWCGROUP: ignored, as without cgroups */
    return 0;
}
