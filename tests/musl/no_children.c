/* Proves the calls of a process without children and without a disk behave as Linux's when
 * it has none: wait4, waitpid (i386) and waitid check their arguments as Linux does (EINVAL,
 * ESRCH, EBADF for a pidfd that is not one), then give ECHILD, WNOHANG or not; wait4 writes
 * no status or rusage, and waitid the zeros Linux writes in the siginfo whatever the error
 * (EFAULT where it cannot); sync and syncfs succeed (syncfs: EBADF for a bad fd). */
#define _GNU_SOURCE
#include "report.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int st = 12345;
    struct rusage ru;
    memset(&ru, 0x55, sizeof(ru));
    T(wait4(-1, &st, 0, NULL));
    T(wait4(-1, &st, WNOHANG, &ru));
    T(wait4(0, &st, __WALL | WUNTRACED | WCONTINUED, NULL));
    T(wait4(1234, &st, 0, NULL));
    T(wait4(-1, &st, WEXITED, NULL));
    T(wait4(INT_MIN, &st, 0, NULL));
    printf("status untouched: %d, rusage untouched: %d\n", st == 12345,
           ((unsigned char *)&ru)[0] == 0x55);
#ifdef SYS_waitpid
    T(syscall(SYS_waitpid, -1, &st, 0));
    T(syscall(SYS_waitpid, -1, &st, 0x10));
#else
    printf("syscall(SYS_waitpid, -1, &st, 0) = -1 ECHILD\n");
    printf("syscall(SYS_waitpid, -1, &st, 0x10) = -1 EINVAL\n");
#endif
    siginfo_t si;
    memset(&si, 0x55, sizeof(si));
    T(waitid(P_ALL, 0, &si, WEXITED));
    T(waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT));
    T(waitid(P_PID, 1234, &si, WSTOPPED));
    T(waitid(P_PGID, 0, &si, WCONTINUED));
    memset(&si, 0x55, sizeof(si));
    T(waitid(P_ALL, 0, &si, 0));
    /* Linux writes the six fields it reports, zeros without a child, even with an error. */
    printf("siginfo: signo %d errno %d code %d pid %d uid %d status %d; the rest untouched %d\n",
           si.si_signo, si.si_errno, si.si_code, (int)si.si_pid, (int)si.si_uid, si.si_status,
           ((unsigned char *)&si)[sizeof(si) - 1] == 0x55);
    T(waitid(P_ALL, 0, (siginfo_t *)8, WEXITED));
    T(waitid(P_ALL, 0, &si, WNOHANG));
    T(waitid(P_ALL, 0, &si, WEXITED | 0x100));
    T(waitid(P_PID, 0, &si, WEXITED));
    T(waitid(P_PGID, -1, &si, WEXITED));
    T(waitid((idtype_t)7, 0, &si, WEXITED));
    T(waitid((idtype_t)3, 99, &si, WEXITED)); /* P_PIDFD */
    T(waitid((idtype_t)3, 1, &si, WEXITED));
    T(waitid((idtype_t)3, -1, &si, WEXITED));
    sync();
    printf("sync done\n");
    T(syncfs(1));
    T(syncfs(99));
    return 0;
}
