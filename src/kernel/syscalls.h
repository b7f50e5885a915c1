/* The system calls' handlers, which src/abi/i386/syscall.tbl names as entry points. Each
   takes its Linux arguments in order as 32-bit words and returns a value or -errno. */
#pragma once

#include <stdint.h>

int32_t sys_ni_syscall(void);
int32_t sys_exit(uint32_t status);
int32_t sys_exit_group(uint32_t status);
int32_t sys_read(uint32_t fd, uint32_t buf, uint32_t count);
int32_t sys_write(uint32_t fd, uint32_t buf, uint32_t count);
int32_t sys_writev(uint32_t fd, uint32_t iov, uint32_t iovcnt);
int32_t sys_readv(uint32_t fd, uint32_t iov, uint32_t iovcnt);
int32_t sys_pread64(uint32_t fd, uint32_t buf, uint32_t count, uint32_t lo, uint32_t hi);
int32_t sys_pwrite64(uint32_t fd, uint32_t buf, uint32_t count, uint32_t lo, uint32_t hi);
/* files: sys_open.c, sys_fdata.c, sys_namei.c, sys_stat.c, fs.c */
int32_t sys_open(uint32_t path, uint32_t flags, uint32_t mode);
int32_t sys_openat(uint32_t dirfd, uint32_t path, uint32_t flags, uint32_t mode);
int32_t sys_creat(uint32_t path, uint32_t mode);
int32_t sys_close(uint32_t fd);
int32_t sys_dup(uint32_t fd);
int32_t sys_dup2(uint32_t oldfd, uint32_t newfd);
int32_t sys_dup3(uint32_t oldfd, uint32_t newfd, uint32_t flags);
int32_t sys_fcntl64(uint32_t fd, uint32_t cmd, uint32_t arg);
int32_t sys_pipe(uint32_t fds);
int32_t sys_pipe2(uint32_t fds, uint32_t flags);
int32_t sys_lseek(uint32_t fd, uint32_t off, uint32_t whence);
int32_t sys_llseek(uint32_t fd, uint32_t hi, uint32_t lo, uint32_t result, uint32_t whence);
int32_t sys_truncate(uint32_t path, uint32_t len);
int32_t sys_truncate64(uint32_t path, uint32_t lo, uint32_t hi);
int32_t sys_ftruncate(uint32_t fd, uint32_t len);
int32_t sys_ftruncate64(uint32_t fd, uint32_t lo, uint32_t hi);
int32_t sys_fsync(uint32_t fd);
int32_t sys_utimensat(uint32_t dirfd, uint32_t path, uint32_t times, uint32_t flags);
int32_t sys_utimensat_time64(uint32_t dirfd, uint32_t path, uint32_t times, uint32_t flags);
int32_t sys_chmod(uint32_t path, uint32_t mode);
int32_t sys_fchmod(uint32_t fd, uint32_t mode);
int32_t sys_fchmodat(uint32_t dirfd, uint32_t path, uint32_t mode);
int32_t sys_chown32(uint32_t path, uint32_t uid, uint32_t gid);
int32_t sys_lchown32(uint32_t path, uint32_t uid, uint32_t gid);
int32_t sys_fchown32(uint32_t fd, uint32_t uid, uint32_t gid);
int32_t sys_fchownat(uint32_t dirfd, uint32_t path, uint32_t uid, uint32_t gid, uint32_t flags);
int32_t sys_mkdir(uint32_t path, uint32_t mode);
int32_t sys_mkdirat(uint32_t dirfd, uint32_t path, uint32_t mode);
int32_t sys_rmdir(uint32_t path);
int32_t sys_unlink(uint32_t path);
int32_t sys_unlinkat(uint32_t dirfd, uint32_t path, uint32_t flags);
int32_t sys_rename(uint32_t oldpath, uint32_t newpath);
int32_t sys_renameat(uint32_t olddirfd, uint32_t oldpath, uint32_t newdirfd, uint32_t newpath);
int32_t sys_renameat2(uint32_t olddirfd, uint32_t oldpath, uint32_t newdirfd, uint32_t newpath,
                      uint32_t flags);
int32_t sys_symlink(uint32_t target, uint32_t path);
int32_t sys_symlinkat(uint32_t target, uint32_t dirfd, uint32_t path);
int32_t sys_readlink(uint32_t path, uint32_t buf, uint32_t size);
int32_t sys_readlinkat(uint32_t dirfd, uint32_t path, uint32_t buf, uint32_t size);
int32_t sys_access(uint32_t path, uint32_t mode);
int32_t sys_faccessat(uint32_t dirfd, uint32_t path, uint32_t mode);
int32_t sys_faccessat2(uint32_t dirfd, uint32_t path, uint32_t mode, uint32_t flags);
int32_t sys_stat64(uint32_t path, uint32_t buf);
int32_t sys_lstat64(uint32_t path, uint32_t buf);
int32_t sys_fstat64(uint32_t fd, uint32_t buf);
int32_t sys_fstatat64(uint32_t dirfd, uint32_t path, uint32_t buf, uint32_t flags);
int32_t sys_statx(uint32_t dirfd, uint32_t path, uint32_t flags, uint32_t mask, uint32_t buf);
int32_t sys_getdents64(uint32_t fd, uint32_t buf, uint32_t count);
int32_t sys_statfs64(uint32_t path, uint32_t size, uint32_t buf);
int32_t sys_fstatfs64(uint32_t fd, uint32_t size, uint32_t buf);
int32_t sys_umask(uint32_t mask);
int32_t sys_chdir(uint32_t path);
int32_t sys_fchdir(uint32_t fd);
int32_t sys_getcwd(uint32_t buf, uint32_t size);
int32_t sys_ioctl(uint32_t fd, uint32_t request, uint32_t arg);
int32_t sys_brk(uint32_t addr);
int32_t sys_mmap2(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, uint32_t fd,
                  uint32_t pgoff);
int32_t sys_munmap(uint32_t addr, uint32_t len);
int32_t sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot);
int32_t sys_getpid(void);
int32_t sys_getppid(void);
int32_t sys_getuid(void);
int32_t sys_set_thread_area(uint32_t desc);
int32_t sys_set_tid_address(uint32_t tidptr);
int32_t sys_uname(uint32_t buf);
int32_t sys_clock_gettime(uint32_t clock, uint32_t ts);
int32_t sys_clock_gettime64(uint32_t clock, uint32_t ts);
int32_t sys_nanosleep(uint32_t req, uint32_t rem);
int32_t sys_alarm(uint32_t seconds);
int32_t sys_getitimer(uint32_t which, uint32_t value);
int32_t sys_setitimer(uint32_t which, uint32_t value, uint32_t ovalue);
int32_t sys_pause(void);
int32_t sys_kill(uint32_t pid, uint32_t sig);
int32_t sys_tkill(uint32_t tid, uint32_t sig);
int32_t sys_tgkill(uint32_t tgid, uint32_t tid, uint32_t sig);
int32_t sys_sigreturn(void);
int32_t sys_rt_sigreturn(void);
int32_t sys_rt_sigaction(uint32_t sig, uint32_t act, uint32_t oact, uint32_t setsize);
int32_t sys_rt_sigprocmask(uint32_t how, uint32_t set, uint32_t oset, uint32_t setsize);
int32_t sys_rt_sigpending(uint32_t set, uint32_t setsize);
int32_t sys_rt_sigtimedwait(uint32_t set, uint32_t info, uint32_t timeout, uint32_t setsize);
int32_t sys_rt_sigsuspend(uint32_t mask, uint32_t setsize);
int32_t sys_sigaltstack(uint32_t uss, uint32_t uoss);
int32_t sys_rt_sigqueueinfo(uint32_t pid, uint32_t sig, uint32_t uinfo);
int32_t sys_rt_tgsigqueueinfo(uint32_t tgid, uint32_t tid, uint32_t sig, uint32_t uinfo);
int32_t sys_getrlimit(uint32_t resource, uint32_t rlim);
int32_t sys_ugetrlimit(uint32_t resource, uint32_t rlim);
int32_t sys_setrlimit(uint32_t resource, uint32_t rlim);
int32_t sys_prlimit64(uint32_t pid, uint32_t resource, uint32_t new_rlim, uint32_t old_rlim);
int32_t sys_time(uint32_t tloc);
int32_t sys_gettimeofday(uint32_t tv, uint32_t tz);
int32_t sys_clock_getres(uint32_t clock, uint32_t res);
int32_t sys_clock_getres_time64(uint32_t clock, uint32_t res);
int32_t sys_times(uint32_t buf);
int32_t sys_getrusage(uint32_t who, uint32_t ru);
int32_t sys_sysinfo(uint32_t info);
int32_t sys_prctl(uint32_t option, uint32_t arg2, uint32_t arg3, uint32_t arg4, uint32_t arg5);
int32_t sys_sched_getaffinity(uint32_t pid, uint32_t len, uint32_t mask);
int32_t sys_sched_setaffinity(uint32_t pid, uint32_t len, uint32_t mask);
int32_t sys_sched_yield(void);
int32_t sys_getcpu(uint32_t ucpu, uint32_t node, uint32_t cache);
int32_t sys_set_robust_list(uint32_t head, uint32_t len);
int32_t sys_get_robust_list(uint32_t pid, uint32_t head_ptr, uint32_t len_ptr);
int32_t sys_rseq(void);
int32_t sys_futex(uint32_t uaddr, uint32_t op, uint32_t val, uint32_t uts, uint32_t uaddr2,
                  uint32_t val3);
int32_t sys_futex_time64(uint32_t uaddr, uint32_t op, uint32_t val, uint32_t uts,
                         uint32_t uaddr2, uint32_t val3);
int32_t sys_poll(uint32_t ufds, uint32_t nfds, uint32_t timeout_ms);
int32_t sys_ppoll(uint32_t ufds, uint32_t nfds, uint32_t uts, uint32_t umask, uint32_t size);
int32_t sys_ppoll_time64(uint32_t ufds, uint32_t nfds, uint32_t uts, uint32_t umask,
                         uint32_t size);
int32_t sys_old_select(uint32_t args);
int32_t sys_newselect(uint32_t n, uint32_t in, uint32_t out, uint32_t ex, uint32_t utv);
int32_t sys_pselect6(uint32_t n, uint32_t in, uint32_t out, uint32_t ex, uint32_t uts,
                     uint32_t usig);
int32_t sys_pselect6_time64(uint32_t n, uint32_t in, uint32_t out, uint32_t ex, uint32_t uts,
                            uint32_t usig);
int32_t sys_getrandom(uint32_t buf, uint32_t count, uint32_t flags);
int32_t sys_madvise(uint32_t addr, uint32_t len_in, uint32_t advice);
int32_t sys_clock_nanosleep(uint32_t clock, uint32_t flags, uint32_t req, uint32_t rem);
int32_t sys_clock_nanosleep_time64(uint32_t clock, uint32_t flags, uint32_t req, uint32_t rem);
int32_t sys_getgroups(uint32_t size, uint32_t list);
