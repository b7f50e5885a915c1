/* The one table of system calls, indexed by Linux i386's numbers (syscall_32.tbl). Every
   empty slot, and every number past the end, is sys_ni_syscall: -ENOSYS. Both entries,
   int $0x80 and sysenter, call it from entry.S. */
#include "kernel/syscall.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscall_nr.h"
#include "kernel/syscalls.h"

typedef int32_t syscall_fn(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

/* Handlers take only the arguments they use; the cdecl ABI makes extra ones harmless. */
#define SYSCALL(nr, fn) [nr] = (syscall_fn *)(void (*)(void))(fn)

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init" /* named slots override the default */
syscall_fn *const syscall_table[NR_SYSCALLS] = {
    [0 ... NR_SYSCALLS - 1] = (syscall_fn *)(void (*)(void))sys_ni_syscall,
    SYSCALL(1, sys_exit),
    SYSCALL(3, sys_read),
    SYSCALL(4, sys_write),
    SYSCALL(5, sys_open),
    SYSCALL(6, sys_close),
    SYSCALL(8, sys_creat),
    SYSCALL(10, sys_unlink),
    SYSCALL(12, sys_chdir),
    SYSCALL(13, sys_time),
    SYSCALL(15, sys_chmod),
    SYSCALL(19, sys_lseek),
    SYSCALL(20, sys_getpid),
    SYSCALL(27, sys_alarm),
    SYSCALL(29, sys_pause),
    SYSCALL(33, sys_access),
    SYSCALL(37, sys_kill),
    SYSCALL(38, sys_rename),
    SYSCALL(39, sys_mkdir),
    SYSCALL(40, sys_rmdir),
    SYSCALL(41, sys_dup),
    SYSCALL(42, sys_pipe),
    SYSCALL(43, sys_times),
    SYSCALL(45, sys_brk),
    SYSCALL(54, sys_ioctl),
    SYSCALL(55, sys_fcntl64), /* fcntl: the same commands */
    SYSCALL(60, sys_umask),
    SYSCALL(63, sys_dup2),
    SYSCALL(64, sys_getppid),
    SYSCALL(75, sys_setrlimit),
    SYSCALL(76, sys_getrlimit),
    SYSCALL(77, sys_getrusage),
    SYSCALL(78, sys_gettimeofday),
    SYSCALL(80, sys_getgroups),
    SYSCALL(82, sys_old_select),
    SYSCALL(83, sys_symlink),
    SYSCALL(85, sys_readlink),
    SYSCALL(91, sys_munmap),
    SYSCALL(92, sys_truncate),
    SYSCALL(93, sys_ftruncate),
    SYSCALL(94, sys_fchmod),
    SYSCALL(104, sys_setitimer),
    SYSCALL(105, sys_getitimer),
    SYSCALL(116, sys_sysinfo),
    SYSCALL(118, sys_fsync),
    SYSCALL(119, sys_sigreturn),
    SYSCALL(122, sys_uname),
    SYSCALL(125, sys_mprotect),
    SYSCALL(133, sys_fchdir),
    SYSCALL(140, sys_llseek), /* _llseek */
    SYSCALL(142, sys_newselect),
    SYSCALL(145, sys_readv),
    SYSCALL(146, sys_writev),
    SYSCALL(148, sys_fsync), /* fdatasync */
    SYSCALL(158, sys_sched_yield),
    SYSCALL(162, sys_nanosleep),
    SYSCALL(168, sys_poll),
    SYSCALL(172, sys_prctl),
    SYSCALL(173, sys_rt_sigreturn),
    SYSCALL(174, sys_rt_sigaction),
    SYSCALL(175, sys_rt_sigprocmask),
    SYSCALL(176, sys_rt_sigpending),
    SYSCALL(177, sys_rt_sigtimedwait),
    SYSCALL(178, sys_rt_sigqueueinfo),
    SYSCALL(179, sys_rt_sigsuspend),
    SYSCALL(180, sys_pread64),
    SYSCALL(181, sys_pwrite64),
    SYSCALL(183, sys_getcwd),
    SYSCALL(186, sys_sigaltstack),
    SYSCALL(191, sys_ugetrlimit),
    SYSCALL(192, sys_mmap2),
    SYSCALL(193, sys_truncate64),
    SYSCALL(194, sys_ftruncate64),
    SYSCALL(195, sys_stat64),
    SYSCALL(196, sys_lstat64),
    SYSCALL(197, sys_fstat64),
    SYSCALL(198, sys_lchown32),
    SYSCALL(199, sys_getuid), /* getuid32 */
    SYSCALL(200, sys_getuid), /* getgid32 */
    SYSCALL(201, sys_getuid), /* geteuid32 */
    SYSCALL(202, sys_getuid), /* getegid32 */
    SYSCALL(205, sys_getgroups), /* getgroups32 */
    SYSCALL(207, sys_fchown32),
    SYSCALL(212, sys_chown32),
    SYSCALL(219, sys_madvise),
    SYSCALL(220, sys_getdents64),
    SYSCALL(221, sys_fcntl64),
    SYSCALL(224, sys_getpid), /* gettid: one thread, so the tid is the pid */
    SYSCALL(238, sys_tkill),
    SYSCALL(240, sys_futex),
    SYSCALL(241, sys_sched_setaffinity),
    SYSCALL(242, sys_sched_getaffinity),
    SYSCALL(243, sys_set_thread_area),
    SYSCALL(252, sys_exit_group),
    SYSCALL(258, sys_set_tid_address),
    SYSCALL(265, sys_clock_gettime),
    SYSCALL(266, sys_clock_getres),
    SYSCALL(267, sys_clock_nanosleep),
    SYSCALL(268, sys_statfs64),
    SYSCALL(269, sys_fstatfs64),
    SYSCALL(270, sys_tgkill),
    SYSCALL(295, sys_openat),
    SYSCALL(296, sys_mkdirat),
    SYSCALL(298, sys_fchownat),
    SYSCALL(300, sys_fstatat64),
    SYSCALL(301, sys_unlinkat),
    SYSCALL(302, sys_renameat),
    SYSCALL(304, sys_symlinkat),
    SYSCALL(305, sys_readlinkat),
    SYSCALL(306, sys_fchmodat),
    SYSCALL(307, sys_faccessat),
    SYSCALL(308, sys_pselect6),
    SYSCALL(309, sys_ppoll),
    SYSCALL(311, sys_set_robust_list),
    SYSCALL(312, sys_get_robust_list),
    SYSCALL(318, sys_getcpu),
    SYSCALL(320, sys_utimensat),
    SYSCALL(330, sys_dup3),
    SYSCALL(331, sys_pipe2),
    SYSCALL(335, sys_rt_tgsigqueueinfo),
    SYSCALL(340, sys_prlimit64),
    SYSCALL(353, sys_renameat2),
    SYSCALL(355, sys_getrandom),
    SYSCALL(383, sys_statx),
    SYSCALL(386, sys_rseq),
    SYSCALL(403, sys_clock_gettime64),
    SYSCALL(406, sys_clock_getres_time64),
    SYSCALL(407, sys_clock_nanosleep_time64),
    SYSCALL(412, sys_utimensat_time64),
    SYSCALL(413, sys_pselect6_time64),
    SYSCALL(414, sys_ppoll_time64),
    SYSCALL(422, sys_futex_time64),
    SYSCALL(439, sys_faccessat2),
};
#pragma GCC diagnostic pop

static uint32_t logged[1024 / 32];

sword_t sys_ni_syscall(void)
{
    uint32_t nr = frame_syscall_nr_saved(frame_user());
    uint32_t bit = nr < 1024 ? nr : 1023;
    if (!(logged[bit / 32] & (1u << (bit % 32)))) {
        logged[bit / 32] |= 1u << (bit % 32);
        const char *name = syscall_name(nr);
        if (name)
            klog("syscall %u (%s) not implemented (-ENOSYS)", nr, name);
        else
            klog("syscall %u not implemented (-ENOSYS)", nr);
    }
    return -ENOSYS;
}

void syscall_exit_work(struct trap_frame *f)
{
    if (sig_deliverable())
        sig_deliver(f);
}
