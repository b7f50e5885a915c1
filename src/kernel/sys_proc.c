/* The process calls a single-threaded app on one CPU still makes: prctl, the scheduler's
   affinity and yield, getcpu, the robust futex list and futex itself, and the waits of a
   process that never has a child. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_GET_KEEPCAPS 7
#define PR_SET_KEEPCAPS 8
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_GET_SECCOMP 21
#define PR_CAPBSET_READ 23
#define PR_CAPBSET_DROP 24
#define PR_GET_SECUREBITS 27
#define PR_SET_SECUREBITS 28
#define SECBIT_KEEP_CAPS 0x10
#define PR_SET_TIMERSLACK 29
#define PR_GET_TIMERSLACK 30
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define PR_SET_THP_DISABLE 41
#define PR_GET_THP_DISABLE 42
#define PR_CAP_AMBIENT 47
enum {
    PR_CAP_AMBIENT_IS_SET = 1,
    PR_CAP_AMBIENT_RAISE,
    PR_CAP_AMBIENT_LOWER,
    PR_CAP_AMBIENT_CLEAR_ALL
};

static struct {
    uint32_t pdeathsig, dumpable, subreaper, no_new_privs, thp_disable;
    word_t timerslack;
} pr = {.dumpable = 1, .timerslack = 50000};

void prctl_exec(void)
{
    pr.dumpable = cred.euid == cred.uid && cred.egid == cred.gid;
    if (cred.secureexec)
        pr.pdeathsig = 0;
}

void prctl_undumpable(void)
{
    pr.dumpable = 0, pr.pdeathsig = 0;
}

bool prctl_no_new_privs(void)
{
    return pr.no_new_privs;
}

/* The options whose whole state is a flag set to 0 or 1. */
static int32_t flag(uint32_t *state, bool set, word_t arg)
{
    if (!set)
        return (int32_t)*state;
    if (arg > 1)
        return -EINVAL;
    *state = (uint32_t)arg;
    return 0;
}

sword_t sys_prctl(uint32_t option, word_t arg2, word_t arg3, word_t arg4, word_t arg5)
{
    char name[16];
    word_t rest = arg3 | arg4 | arg5; /* nonzero: some options take none of these (EINVAL) */
    switch (option) {
    case PR_SET_PDEATHSIG:
        if (arg2 > NSIG)
            return -EINVAL;
        pr.pdeathsig = (uint32_t)arg2;
        return 0;
    case PR_GET_PDEATHSIG:
        return copy_to_user(arg2, &pr.pdeathsig, 4);
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
        return flag(&pr.dumpable, option == PR_SET_DUMPABLE, arg2);
    case PR_GET_SECUREBITS: /* keepcaps is the one bit moat has */
        return cred.keepcaps ? SECBIT_KEEP_CAPS : 0;
    case PR_SET_SECUREBITS:
        if (!capable(CAP_SETPCAP))
            return -EPERM;
        if (arg2 & ~(word_t)SECBIT_KEEP_CAPS)
            return -EPERM; /* the other bits (noroot, no_setuid_fixup, the locks) are not kept */
        cred.keepcaps = arg2 != 0;
        return 0;
    case PR_GET_KEEPCAPS:
        return cred.keepcaps;
    case PR_SET_KEEPCAPS:
        if (arg2 > 1)
            return -EINVAL;
        cred.keepcaps = arg2;
        return 0;
    case PR_SET_NAME: { /* Linux: up to 15 bytes of the string, the rest of comm zeroed */
        int32_t n = copy_string_from_user(name, arg2, 15);
        if (n == -EFAULT)
            return -EFAULT;
        n = n < 0 ? 15 : n; /* -ENAMETOOLONG: no NUL in the 15 */
        memset(name + n, 0, sizeof(name) - (uint32_t)n);
        memcpy(app.comm, name, sizeof(name));
        return 0;
    }
    case PR_GET_NAME:
        return copy_to_user(arg2, app.comm, sizeof(app.comm));
    case PR_GET_SECCOMP:
        return 0; /* no seccomp filter */
    case PR_CAPBSET_READ:
        return arg2 <= CAP_LAST_CAP ? (sword_t)(cred.bnd >> arg2 & 1) : -EINVAL;
    case PR_CAPBSET_DROP:
        if (!capable(CAP_SETPCAP))
            return -EPERM;
        if (arg2 > CAP_LAST_CAP)
            return -EINVAL;
        cred.bnd &= ~(1ull << arg2);
        return 0;
    case PR_SET_TIMERSLACK:
        pr.timerslack = arg2 ? arg2 : 50000;
        return 0;
    case PR_GET_TIMERSLACK:
        return (sword_t)pr.timerslack;
    case PR_SET_CHILD_SUBREAPER:
        pr.subreaper = arg2 != 0;
        return 0;
    case PR_GET_CHILD_SUBREAPER:
        return copy_to_user(arg2, &pr.subreaper, 4);
    case PR_SET_NO_NEW_PRIVS:
        if (arg2 != 1 || rest)
            return -EINVAL;
        pr.no_new_privs = 1;
        return 0;
    case PR_GET_NO_NEW_PRIVS:
        if (arg2 || rest)
            return -EINVAL;
        return (int32_t)pr.no_new_privs;
    case PR_SET_THP_DISABLE:
    case PR_GET_THP_DISABLE:
        if (rest || (option == PR_GET_THP_DISABLE && arg2))
            return -EINVAL;
        return flag(&pr.thp_disable, option == PR_SET_THP_DISABLE, arg2 != 0);
    case PR_CAP_AMBIENT: /* a capability both permitted and inheritable may be raised */
        if (arg2 == PR_CAP_AMBIENT_CLEAR_ALL) {
            if (rest)
                return -EINVAL;
            cred.amb = 0;
            return 0;
        }
        if (arg3 > CAP_LAST_CAP || arg4 || arg5)
            return -EINVAL;
        if (arg2 == PR_CAP_AMBIENT_IS_SET)
            return (sword_t)(cred.amb >> arg3 & 1);
        if (arg2 == PR_CAP_AMBIENT_LOWER)
            cred.amb &= ~(1ull << arg3);
        else if (arg2 != PR_CAP_AMBIENT_RAISE)
            return -EINVAL;
        else if (cred.prm & cred.inh & 1ull << arg3)
            cred.amb |= 1ull << arg3;
        else
            return -EPERM;
        return 0;
    default:
        return -EINVAL;
    }
}

/* The one CPU's mask: a kernel long (NR_CPUS <= a long's bits), of which as much as the app's
   buffer holds, in the app's longs (4 bytes for int $0x80's, as Linux's compat call). */
#define CPUMASK_SIZE sizeof(word_t)

sword_t sys_sched_getaffinity(uint32_t pid, uint32_t len, uaddr_t mask)
{
    if (len * 8 < 1 || (len & (abi_long_size() - 1))) /* an unsigned int, as Linux's: may wrap */
        return -EINVAL;
    if (pid && pid != APP_PID)
        return -ESRCH;
    word_t one = 1, n = len < CPUMASK_SIZE ? len : CPUMASK_SIZE;
    return copy_to_user(mask, &one, n) ? -EFAULT : (sword_t)n;
}

sword_t sys_sched_setaffinity(uint32_t pid, uint32_t len, uaddr_t mask)
{
    word_t m = 0;
    if (copy_from_user(&m, mask, len < CPUMASK_SIZE ? len : CPUMASK_SIZE))
        return -EFAULT;
    if (pid && pid != APP_PID)
        return -ESRCH;
    return m & 1 ? 0 : -EINVAL; /* the mask must hold an online CPU */
}

/* wait4, waitpid and waitid: the app has no children (moat has no fork), so once the
   arguments pass Linux's checks each gives ECHILD, WNOHANG or not; wait4 writes no status or
   rusage (waitid's siginfo: see sys_waitid). i386's waitpid is wait4 itself (syscall.tbl):
   the rusage pointer it lacks is never read. */
#define WNOHANG 0x1
#define WUNTRACED 0x2 /* waitid's WSTOPPED */
#define WEXITED 0x4
#define WCONTINUED 0x8
#define WNOWAIT 0x01000000
#define WAIT_THREAD_BITS 0xE0000000u /* __WNOTHREAD, __WALL, __WCLONE */
enum { P_ALL, P_PID, P_PGID, P_PIDFD };

sword_t sys_wait4(uint32_t pid, uaddr_t status, uint32_t options, uaddr_t ru)
{
    (void)status, (void)ru;
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WAIT_THREAD_BITS))
        return -EINVAL;
    return pid == 0x80000000u ? -ESRCH : -ECHILD; /* INT_MIN: there is no -INT_MIN */
}

static sword_t waitid_check(uint32_t which, uint32_t id, uint32_t options)
{
    if (options & ~(WNOHANG | WNOWAIT | WEXITED | WUNTRACED | WCONTINUED | WAIT_THREAD_BITS) ||
        !(options & (WEXITED | WUNTRACED | WCONTINUED)))
        return -EINVAL;
    switch (which) {
    case P_ALL:
        return -ECHILD;
    case P_PID:
        return (int32_t)id <= 0 ? -EINVAL : -ECHILD;
    case P_PGID:
        return (int32_t)id < 0 ? -EINVAL : -ECHILD;
    case P_PIDFD: /* moat has no pidfd: any file is not one */
        return (int32_t)id < 0 ? -EINVAL : -EBADF;
    }
    return -EINVAL;
}

/* Whatever the error, Linux then writes the six fields waitid reports in the siginfo (zeros,
   without a child): si_signo, si_errno, si_code, and after them, where the union starts (at
   a long's alignment), si_pid, si_uid and si_status. */
sword_t sys_waitid(uint32_t which, uint32_t id, uaddr_t info, uint32_t options, uaddr_t ru)
{
    (void)ru;
    static const uint32_t zeros[3];
    sword_t err = waitid_check(which, id, options);
    if (info && (copy_to_user(info, zeros, sizeof(zeros)) ||
                 copy_to_user(info + (abi_long_size() == 8 ? 16 : 12), zeros, sizeof(zeros))))
        return -EFAULT;
    return err;
}

sword_t sys_sched_yield(void)
{
    return 0;
}

sword_t sys_getcpu(uaddr_t ucpu, uaddr_t node, uaddr_t cache)
{
    uint32_t zero = 0;
    if (ucpu && copy_to_user(ucpu, &zero, 4))
        return -EFAULT;
    if (node && copy_to_user(node, &zero, 4))
        return -EFAULT;
    return 0;
}

sword_t sys_set_robust_list(uaddr_t head, word_t len)
{
    if (len != abi_robust_list_head_size())
        return -EINVAL;
    app.robust_list = head; /* one thread that never dies before the app: nothing to walk */
    return 0;
}

sword_t sys_get_robust_list(uint32_t pid, uaddr_t head_ptr, uaddr_t len_ptr)
{
    if (pid && pid != APP_PID)
        return -ESRCH;
    if (abi_long_to_user(len_ptr, abi_robust_list_head_size()) ||
        abi_long_to_user(head_ptr, app.robust_list))
        return -EFAULT;
    return 0;
}

sword_t sys_rseq(void)
{
    /* Restartable sequences are not implemented; unlike an empty slot this is not logged:
       glibc tries rseq at start-up and carries on without it, as on a kernel before 4.18. */
    return -ENOSYS;
}
