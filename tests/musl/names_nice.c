/* Proves the calls a root process uses to name its machine and set its priority behave as
 * Linux's: getpriority and setpriority (the raw call's 20 - nice, musl's nice value; EINVAL for
 * a bad `which`, ESRCH for another process, group or user; values clamped to -20..19), i386's
 * nice, sched_getaffinity's length an unsigned int;
 * and sethostname and setdomainname, which uname then reports (EINVAL past 64 bytes, EFAULT).
 * On a Linux host the names change in a UTS namespace of the program's own (unshare, which
 * moat lacks: its one process owns the machine), so the host keeps its name. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char *errname(int e)
{
    return e == EINVAL ? "EINVAL" : e == ESRCH ? "ESRCH" : e == EFAULT ? "EFAULT" : "?";
}

#define T(call) show(#call, (long)(call))
static long show(const char *what, long r)
{
    if (r == -1 && errno)
        printf("%s = -1 %s\n", what, errname(errno));
    else
        printf("%s = %ld\n", what, r);
    errno = 0;
    return r;
}

static void names(void)
{
    struct utsname u;
    unshare(CLONE_NEWUTS);
    T(sethostname("appliance", 9));
    T(setdomainname("example.org", 11));
    uname(&u);
    printf("uname: nodename \"%s\", domainname \"%s\"\n", u.nodename, u.domainname);
    T(sethostname("ab", 1));
    uname(&u);
    printf("uname: nodename \"%s\"\n", u.nodename);
    char big[65];
    memset(big, 'x', sizeof(big));
    T(sethostname(big, 64));
    uname(&u);
    printf("a 64-byte name: %zu bytes back\n", strlen(u.nodename));
    T(sethostname(big, 65));
    T(syscall(SYS_sethostname, "x", -1));
    T(sethostname((char *)8, 4));
    T(setdomainname((char *)8, 4));
    uname(&u);
    printf("unchanged by the errors: %zu, \"%s\"\n", strlen(u.nodename), u.domainname);
}

int main(void)
{
    errno = 0; /* the nice value only goes up: lowering it needs privilege on a host */
    T(syscall(SYS_getpriority, PRIO_PROCESS, 0));
    T(getpriority(PRIO_PROCESS, 0));
    T(setpriority(PRIO_PROCESS, 0, 3));
#ifdef SYS_nice
    T(syscall(SYS_nice, 2));
#else
    setpriority(PRIO_PROCESS, 0, 5); /* x86_64 has no nice: the same line and effect */
    printf("syscall(SYS_nice, 2) = 0\n");
#endif
    T(getpriority(PRIO_PROCESS, getpid()));
    T(setpriority(PRIO_PROCESS, 0, 100));
    T(getpriority(PRIO_PROCESS, 0));
    T(syscall(SYS_getpriority, PRIO_PROCESS, 0));
#ifdef SYS_nice
    T(syscall(SYS_nice, 100));
#else
    printf("syscall(SYS_nice, 100) = 0\n");
#endif
    T(getpriority(PRIO_PROCESS, 0));
    T(getpriority(3, 0));
    T(setpriority(-1, 0, 0));
    T(getpriority(PRIO_PROCESS, 0x7ffffff0));
    T(setpriority(PRIO_PROCESS, 0x7ffffff0, 1));
    T(getpriority(PRIO_USER, 0x7ffffff0));
    T(getpriority(PRIO_PGRP, 0x7ffffff0));
    T(setpriority(PRIO_PGRP, 0x7ffffff0, 1));
    T(getpriority(PRIO_PROCESS, 0));
    long set[4];
    T(syscall(SYS_sched_getaffinity, 0, 0x20000000L, set)); /* an unsigned int: len * 8 wraps */
    names();
    return 0;
}
