/* The system calls' handlers, which the ABIs' syscall.tbl name as entry points. Each
   takes its Linux arguments in order as register words (uaddr_t: an address in the app) and
   returns a value or -errno. */
#pragma once

#include <mode/types.h>

sword_t sys_ni_syscall(void);
sword_t sys_execve(uaddr_t path, uaddr_t argv, uaddr_t envp);
sword_t sys_execveat(uint32_t dirfd, uaddr_t path, uaddr_t argv, uaddr_t envp, uint32_t flags);
sword_t sys_exit(uint32_t status);
sword_t sys_exit_group(uint32_t status);
sword_t sys_read(uint32_t fd, uaddr_t buf, word_t count);
sword_t sys_write(uint32_t fd, uaddr_t buf, word_t count);
sword_t sys_writev(uint32_t fd, uaddr_t iov, word_t iovcnt);
sword_t sys_preadv(uint32_t fd, uaddr_t iov, word_t iovcnt, word_t lo, word_t hi);
sword_t sys_pwritev(uint32_t fd, uaddr_t iov, word_t iovcnt, word_t lo, word_t hi);
sword_t sys_readv(uint32_t fd, uaddr_t iov, word_t iovcnt);
sword_t sys_sendfile(uint32_t out_fd, uint32_t in_fd, uaddr_t offset, word_t count);
sword_t sys_sendfile64(uint32_t out_fd, uint32_t in_fd, uaddr_t offset, word_t count);
sword_t sys_pread64(uint32_t fd, uaddr_t buf, word_t count, word_t lo, word_t hi);
sword_t sys_pwrite64(uint32_t fd, uaddr_t buf, word_t count, word_t lo, word_t hi);
/* files: sys_open.c, sys_fdata.c, sys_namei.c, sys_stat.c, fs.c */
sword_t sys_open(uaddr_t path, uint32_t flags, uint32_t mode);
sword_t sys_openat(uint32_t dirfd, uaddr_t path, uint32_t flags, uint32_t mode);
sword_t sys_creat(uaddr_t path, uint32_t mode);
sword_t sys_close(uint32_t fd);
sword_t sys_dup(uint32_t fd);
sword_t sys_dup2(uint32_t oldfd, uint32_t newfd);
sword_t sys_dup3(uint32_t oldfd, uint32_t newfd, uint32_t flags);
sword_t sys_fcntl64(uint32_t fd, uint32_t cmd, word_t arg);
sword_t sys_pipe(uaddr_t fds);
sword_t sys_pipe2(uaddr_t fds, uint32_t flags);
sword_t sys_lseek(uint32_t fd, word_t off, uint32_t whence);
sword_t sys_llseek(uint32_t fd, word_t hi, word_t lo, uaddr_t result, uint32_t whence);
sword_t sys_truncate(uaddr_t path, word_t len);
sword_t sys_truncate64(uaddr_t path, word_t lo, word_t hi);
sword_t sys_ftruncate(uint32_t fd, word_t len);
sword_t sys_ftruncate64(uint32_t fd, word_t lo, word_t hi);
sword_t sys_fallocate(uint32_t fd, uint32_t mode, word_t off_lo, word_t off_hi, word_t len_lo,
                      word_t len_hi);
sword_t sys_fsync(uint32_t fd);
sword_t sys_utimensat(uint32_t dirfd, uaddr_t path, uaddr_t times, uint32_t flags);
sword_t sys_utimensat_time64(uint32_t dirfd, uaddr_t path, uaddr_t times, uint32_t flags);
sword_t sys_chmod(uaddr_t path, uint32_t mode);
sword_t sys_fchmod(uint32_t fd, uint32_t mode);
sword_t sys_fchmodat(uint32_t dirfd, uaddr_t path, uint32_t mode);
sword_t sys_chown32(uaddr_t path, uint32_t uid, uint32_t gid);
sword_t sys_lchown32(uaddr_t path, uint32_t uid, uint32_t gid);
sword_t sys_fchown32(uint32_t fd, uint32_t uid, uint32_t gid);
sword_t sys_fchownat(uint32_t dirfd, uaddr_t path, uint32_t uid, uint32_t gid, uint32_t flags);
sword_t sys_mkdir(uaddr_t path, uint32_t mode);
sword_t sys_mknod(uaddr_t path, uint32_t mode, uint32_t dev);
sword_t sys_mknodat(uint32_t dirfd, uaddr_t path, uint32_t mode, uint32_t dev);
sword_t sys_mkdirat(uint32_t dirfd, uaddr_t path, uint32_t mode);
sword_t sys_rmdir(uaddr_t path);
sword_t sys_unlink(uaddr_t path);
sword_t sys_unlinkat(uint32_t dirfd, uaddr_t path, uint32_t flags);
sword_t sys_rename(uaddr_t oldpath, uaddr_t newpath);
sword_t sys_renameat(uint32_t olddirfd, uaddr_t oldpath, uint32_t newdirfd, uaddr_t newpath);
sword_t sys_renameat2(uint32_t olddirfd, uaddr_t oldpath, uint32_t newdirfd, uaddr_t newpath,
                      uint32_t flags);
sword_t sys_link(uaddr_t oldpath, uaddr_t newpath);
sword_t sys_linkat(uint32_t olddirfd, uaddr_t oldpath, uint32_t newdirfd, uaddr_t newpath,
                   uint32_t flags);
sword_t sys_symlink(uaddr_t target, uaddr_t path);
sword_t sys_symlinkat(uaddr_t target, uint32_t dirfd, uaddr_t path);
sword_t sys_readlink(uaddr_t path, uaddr_t buf, word_t size);
sword_t sys_readlinkat(uint32_t dirfd, uaddr_t path, uaddr_t buf, word_t size);
sword_t sys_access(uaddr_t path, uint32_t mode);
sword_t sys_faccessat(uint32_t dirfd, uaddr_t path, uint32_t mode);
sword_t sys_faccessat2(uint32_t dirfd, uaddr_t path, uint32_t mode, uint32_t flags);
sword_t sys_stat64(uaddr_t path, uaddr_t buf);
sword_t sys_lstat64(uaddr_t path, uaddr_t buf);
sword_t sys_fstat64(uint32_t fd, uaddr_t buf);
sword_t sys_fstatat64(uint32_t dirfd, uaddr_t path, uaddr_t buf, uint32_t flags);
sword_t sys_statx(uint32_t dirfd, uaddr_t path, uint32_t flags, uint32_t mask, uaddr_t buf);
sword_t sys_getdents64(uint32_t fd, uaddr_t buf, word_t count);
sword_t sys_statfs64(uaddr_t path, word_t size, uaddr_t buf);
sword_t sys_fstatfs64(uint32_t fd, word_t size, uaddr_t buf);
sword_t sys_umask(uint32_t mask);
sword_t sys_chroot(uaddr_t path);
sword_t sys_chdir(uaddr_t path);
sword_t sys_fchdir(uint32_t fd);
sword_t sys_getcwd(uaddr_t buf, word_t size);
sword_t sys_ioctl(uint32_t fd, uint32_t request, word_t arg);
sword_t sys_brk(uaddr_t addr);
sword_t sys_mmap2(uaddr_t addr, word_t len, word_t prot, uint32_t flags, uint32_t fd, word_t pgoff);
sword_t sys_munmap(uaddr_t addr, word_t len);
sword_t sys_mprotect(uaddr_t addr, word_t len, word_t prot);
sword_t sys_mremap(uaddr_t addr, word_t old_len, word_t new_len, uint32_t flags, uaddr_t new_addr);
sword_t sys_mlock(uaddr_t addr, word_t len);
sword_t sys_mlock2(uaddr_t addr, word_t len, uint32_t flags);
sword_t sys_munlock(uaddr_t addr, word_t len);
sword_t sys_mlockall(uint32_t flags);
sword_t sys_munlockall(void);
sword_t sys_getpid(void);
sword_t sys_getppid(void);
sword_t sys_getuid(void);
sword_t sys_geteuid(void);
sword_t sys_getgid(void);
sword_t sys_getegid(void);
sword_t sys_setuid(uint32_t uid);
sword_t sys_setgid(uint32_t gid);
sword_t sys_setreuid(uint32_t ruid, uint32_t euid);
sword_t sys_setregid(uint32_t rgid, uint32_t egid);
sword_t sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid);
sword_t sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid);
sword_t sys_setfsuid(uint32_t uid);
sword_t sys_setfsgid(uint32_t gid);
sword_t sys_set_thread_area(uaddr_t desc);
sword_t sys_get_thread_area(uaddr_t desc);
sword_t sys_set_tid_address(uaddr_t tidptr);
sword_t sys_uname(uaddr_t buf);
sword_t sys_sethostname(uaddr_t name, uint32_t len);
sword_t sys_setdomainname(uaddr_t name, uint32_t len);
sword_t sys_getpriority(uint32_t which, uint32_t who);
sword_t sys_setpriority(uint32_t which, uint32_t who, uint32_t niceval);
sword_t sys_nice(uint32_t increment);
sword_t sys_syslog(uint32_t type, uaddr_t buf, uint32_t len);
sword_t sys_ioprio_get(uint32_t which, uint32_t who);
sword_t sys_ioprio_set(uint32_t which, uint32_t who, uint32_t ioprio);
sword_t sys_clock_gettime(uint32_t clock, uaddr_t ts);
sword_t sys_clock_gettime64(uint32_t clock, uaddr_t ts);
sword_t sys_nanosleep(uaddr_t req, uaddr_t rem);
sword_t sys_alarm(uint32_t seconds);
sword_t sys_getitimer(uint32_t which, uaddr_t value);
sword_t sys_setitimer(uint32_t which, uaddr_t value, uaddr_t ovalue);
sword_t sys_timer_create(uint32_t clock, uaddr_t uev, uaddr_t uid);
sword_t sys_timer_settime(uint32_t id, uint32_t flags, uaddr_t unew, uaddr_t uold);
sword_t sys_timer_settime64(uint32_t id, uint32_t flags, uaddr_t unew, uaddr_t uold);
sword_t sys_timer_gettime(uint32_t id, uaddr_t u);
sword_t sys_timer_gettime64(uint32_t id, uaddr_t u);
sword_t sys_timer_getoverrun(uint32_t id);
sword_t sys_timer_delete(uint32_t id);
sword_t sys_pause(void);
sword_t sys_kill(uint32_t pid, uint32_t sig);
sword_t sys_tkill(uint32_t tid, uint32_t sig);
sword_t sys_tgkill(uint32_t tgid, uint32_t tid, uint32_t sig);
sword_t sys_sigreturn(void);
sword_t sys_signal(uint32_t sig, uaddr_t handler);
sword_t sys_sigaction(uint32_t sig, uaddr_t act, uaddr_t oact);
sword_t sys_sigprocmask(uint32_t how, uaddr_t set, uaddr_t oset);
sword_t sys_sigpending(uaddr_t set);
sword_t sys_sigsuspend(uint32_t unused1, uint32_t unused2, uint32_t mask);
sword_t sys_sgetmask(void);
sword_t sys_ssetmask(uint32_t mask);
sword_t sys_rt_sigreturn(void);
sword_t sys_rt_sigaction(uint32_t sig, uaddr_t act, uaddr_t oact, word_t setsize);
sword_t sys_rt_sigprocmask(uint32_t how, uaddr_t set, uaddr_t oset, word_t setsize);
sword_t sys_rt_sigpending(uaddr_t set, word_t setsize);
sword_t sys_rt_sigtimedwait(uaddr_t set, uaddr_t info, uaddr_t timeout, word_t setsize);
sword_t sys_rt_sigsuspend(uaddr_t mask, word_t setsize);
sword_t sys_sigaltstack(uaddr_t uss, uaddr_t uoss);
sword_t sys_rt_sigqueueinfo(uint32_t pid, uint32_t sig, uaddr_t uinfo);
sword_t sys_rt_tgsigqueueinfo(uint32_t tgid, uint32_t tid, uint32_t sig, uaddr_t uinfo);
sword_t sys_getrlimit(uint32_t resource, uaddr_t rlim);
sword_t sys_ugetrlimit(uint32_t resource, uaddr_t rlim);
sword_t sys_setrlimit(uint32_t resource, uaddr_t rlim);
sword_t sys_prlimit64(uint32_t pid, uint32_t resource, uaddr_t new_rlim, uaddr_t old_rlim);
sword_t sys_time(uaddr_t tloc);
sword_t sys_restart_syscall(void);
sword_t sys_gettimeofday(uaddr_t tv, uaddr_t tz);
sword_t sys_settimeofday(uaddr_t tv, uaddr_t tz);
sword_t sys_clock_settime(uint32_t clock, uaddr_t ts);
sword_t sys_clock_settime64(uint32_t clock, uaddr_t ts);
sword_t sys_adjtimex(uaddr_t tx);
sword_t sys_module(void);
sword_t sys_swapon(uaddr_t path, uint32_t flags);
sword_t sys_swapoff(uaddr_t path);
sword_t sys_adjtimex_time64(uaddr_t tx);
sword_t sys_clock_adjtime(uint32_t clock, uaddr_t tx);
sword_t sys_clock_adjtime64(uint32_t clock, uaddr_t tx);
sword_t sys_stime(uaddr_t t);
sword_t sys_clock_getres(uint32_t clock, uaddr_t res);
sword_t sys_clock_getres_time64(uint32_t clock, uaddr_t res);
sword_t sys_times(uaddr_t buf);
sword_t sys_getrusage(uint32_t who, uaddr_t ru);
sword_t sys_sysinfo(uaddr_t info);
sword_t sys_prctl(uint32_t option, word_t arg2, word_t arg3, word_t arg4, word_t arg5);
sword_t sys_sched_getaffinity(uint32_t pid, uint32_t len, uaddr_t mask);
sword_t sys_sched_setaffinity(uint32_t pid, uint32_t len, uaddr_t mask);
sword_t sys_sched_yield(void);
sword_t sys_wait4(uint32_t pid, uaddr_t status, uint32_t options, uaddr_t ru);
sword_t sys_waitid(uint32_t which, uint32_t id, uaddr_t info, uint32_t options, uaddr_t ru);
sword_t sys_sync(void);
sword_t sys_syncfs(uint32_t fd);
sword_t sys_getcpu(uaddr_t ucpu, uaddr_t node, uaddr_t cache);
sword_t sys_set_robust_list(uaddr_t head, word_t len);
sword_t sys_get_robust_list(uint32_t pid, uaddr_t head_ptr, uaddr_t len_ptr);
sword_t sys_rseq(void);
sword_t sys_futex(uaddr_t uaddr, uint32_t op, uint32_t val, uaddr_t uts, uaddr_t uaddr2,
                  uint32_t val3);
sword_t sys_futex_time64(uaddr_t uaddr, uint32_t op, uint32_t val, uaddr_t uts, uaddr_t uaddr2,
                         uint32_t val3);
sword_t sys_poll(uaddr_t ufds, uint32_t nfds, word_t timeout_ms);
/* anon.c: eventfd, timerfd, epoll. */
sword_t sys_eventfd(uint32_t count);
sword_t sys_eventfd2(uint32_t count, uint32_t flags);
sword_t sys_signalfd(uint32_t ufd, uaddr_t umask, word_t size);
sword_t sys_signalfd4(uint32_t ufd, uaddr_t umask, word_t size, uint32_t flags);
sword_t sys_timerfd_create(uint32_t clock, uint32_t flags);
sword_t sys_timerfd_settime(uint32_t fd, uint32_t flags, uaddr_t unew, uaddr_t uold);
sword_t sys_timerfd_settime64(uint32_t fd, uint32_t flags, uaddr_t unew, uaddr_t uold);
sword_t sys_timerfd_gettime(uint32_t fd, uaddr_t u);
sword_t sys_timerfd_gettime64(uint32_t fd, uaddr_t u);
sword_t sys_epoll_create(uint32_t size);
sword_t sys_epoll_create1(uint32_t flags);
sword_t sys_epoll_ctl(uint32_t epfd, uint32_t op, uint32_t fd, uaddr_t uevent);
sword_t sys_epoll_wait(uint32_t epfd, uaddr_t out, uint32_t max, uint32_t ms);
sword_t sys_epoll_pwait(uint32_t epfd, uaddr_t out, uint32_t max, uint32_t ms, uaddr_t umask,
                        word_t size);
sword_t sys_epoll_pwait2(uint32_t epfd, uaddr_t out, uint32_t max, uaddr_t uts, uaddr_t umask,
                         word_t size);
sword_t sys_ppoll(uaddr_t ufds, uint32_t nfds, uaddr_t uts, uaddr_t umask, word_t size);
sword_t sys_ppoll_time64(uaddr_t ufds, uint32_t nfds, uaddr_t uts, uaddr_t umask, word_t size);
sword_t sys_old_select(uaddr_t args);
sword_t sys_newselect(uint32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t utv);
sword_t sys_pselect6(uint32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t uts, uaddr_t usig);
sword_t sys_pselect6_time64(uint32_t n, uaddr_t in, uaddr_t out, uaddr_t ex, uaddr_t uts,
                            uaddr_t usig);
sword_t sys_getrandom(uaddr_t buf, word_t count, uint32_t flags);
sword_t sys_madvise(uaddr_t addr, word_t len_in, uint32_t advice);
sword_t sys_clock_nanosleep(uint32_t clock, uint32_t flags, uaddr_t req, uaddr_t rem);
sword_t sys_clock_nanosleep_time64(uint32_t clock, uint32_t flags, uaddr_t req, uaddr_t rem);
sword_t sys_getgroups(uint32_t size, uaddr_t list);
sword_t sys_getresuid(uaddr_t ruid, uaddr_t euid, uaddr_t suid);
sword_t sys_getresgid(uaddr_t rgid, uaddr_t egid, uaddr_t sgid);
sword_t sys_setgroups(uint32_t size, uaddr_t list);
sword_t sys_getpgid(uint32_t pid);
sword_t sys_getpgrp(void);
sword_t sys_getsid(uint32_t pid);
sword_t sys_setsid(void);
sword_t sys_setpgid(uint32_t pid, uint32_t pgid);
sword_t sys_personality(uint32_t persona);
sword_t sys_unshare(word_t flags);
sword_t sys_capget(uaddr_t header, uaddr_t data);
sword_t sys_capset(uaddr_t header, uaddr_t data);
/* i386's 16-bit id calls (uid16.c) */
sword_t sys_chown16(word_t upath, uint32_t uid, uint32_t gid);
sword_t sys_lchown16(word_t upath, uint32_t uid, uint32_t gid);
sword_t sys_fchown16(uint32_t fd, uint32_t uid, uint32_t gid);
sword_t sys_setuid16(uint32_t uid);
sword_t sys_setgid16(uint32_t gid);
sword_t sys_setreuid16(uint32_t ruid, uint32_t euid);
sword_t sys_setregid16(uint32_t rgid, uint32_t egid);
sword_t sys_setresuid16(uint32_t ruid, uint32_t euid, uint32_t suid);
sword_t sys_setresgid16(uint32_t rgid, uint32_t egid, uint32_t sgid);
sword_t sys_setfsuid16(uint32_t uid);
sword_t sys_setfsgid16(uint32_t gid);
sword_t sys_getuid16(void);
sword_t sys_geteuid16(void);
sword_t sys_getgid16(void);
sword_t sys_getegid16(void);
sword_t sys_getresuid16(uaddr_t ruid, uaddr_t euid, uaddr_t suid);
sword_t sys_getresgid16(uaddr_t rgid, uaddr_t egid, uaddr_t sgid);
sword_t sys_getgroups16(uint32_t size, uaddr_t list);
sword_t sys_setgroups16(uint32_t size, uaddr_t list);
sword_t sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, uaddr_t arg);

/* Mounts (mount.c). */
sword_t sys_mount(uaddr_t source, uaddr_t target, uaddr_t type, word_t flags, uaddr_t data);
sword_t sys_umount(uaddr_t target);
sword_t sys_umount2(uaddr_t target, uint32_t flags);
sword_t sys_pivot_root(uaddr_t new_root, uaddr_t put_old);

/* System V IPC (ipc.c, ipc_msg.c, ipc_sem.c, ipc_shm.c). */
sword_t sys_ipc(uint32_t call, uint32_t first, word_t second, word_t third, uaddr_t ptr,
                word_t fifth);
sword_t sys_msgget(uint32_t key, uint32_t flg);
sword_t sys_msgsnd(uint32_t id, uaddr_t msgp, word_t size, uint32_t flg);
sword_t sys_msgrcv(uint32_t id, uaddr_t msgp, word_t size, word_t type, uint32_t flg);
sword_t sys_msgctl(uint32_t id, uint32_t cmd, uaddr_t buf);
sword_t sys_semget(uint32_t key, uint32_t nsems, uint32_t flg);
sword_t sys_semop(uint32_t id, uaddr_t sops, uint32_t nsops);
sword_t sys_semtimedop(uint32_t id, uaddr_t sops, uint32_t nsops, uaddr_t timeout);
sword_t sys_semctl(uint32_t id, uint32_t num, uint32_t cmd, word_t arg);
sword_t sys_shmget(uint32_t key, word_t size, uint32_t flg);
sword_t sys_shmat(uint32_t id, uaddr_t addr, uint32_t flg);
sword_t sys_shmdt(uaddr_t addr);
sword_t sys_shmctl(uint32_t id, uint32_t cmd, uaddr_t buf);

/* Sockets (sys_socket.c, sys_sockmsg.c, sys_sockopt.c). */
sword_t sys_socket(uint32_t domain, uint32_t type, uint32_t protocol);
sword_t sys_socketpair(uint32_t domain, uint32_t type, uint32_t protocol, uaddr_t sv);
sword_t sys_bind(uint32_t fd, uaddr_t addr, uint32_t len);
sword_t sys_connect(uint32_t fd, uaddr_t addr, uint32_t len);
sword_t sys_listen(uint32_t fd, uint32_t backlog);
sword_t sys_accept(uint32_t fd, uaddr_t addr, uaddr_t len);
sword_t sys_accept4(uint32_t fd, uaddr_t addr, uaddr_t len, uint32_t flags);
sword_t sys_getsockname(uint32_t fd, uaddr_t addr, uaddr_t len);
sword_t sys_getpeername(uint32_t fd, uaddr_t addr, uaddr_t len);
sword_t sys_shutdown(uint32_t fd, uint32_t how);
sword_t sys_socketcall(uint32_t call, uaddr_t args);
sword_t sys_sendto(uint32_t fd, uaddr_t buf, word_t len, uint32_t flags, uaddr_t addr,
                   uint32_t addrlen);
sword_t sys_recvfrom(uint32_t fd, uaddr_t buf, word_t len, uint32_t flags, uaddr_t addr,
                     uaddr_t addrlen);
sword_t sys_sendmsg(uint32_t fd, uaddr_t msg, uint32_t flags);
sword_t sys_recvmsg(uint32_t fd, uaddr_t msg, uint32_t flags);
sword_t sys_sendmmsg(uint32_t fd, uaddr_t vec, uint32_t vlen, uint32_t flags);
sword_t sys_recvmmsg(uint32_t fd, uaddr_t vec, uint32_t vlen, uint32_t flags, uaddr_t timeout);
sword_t sys_recvmmsg_time64(uint32_t fd, uaddr_t vec, uint32_t vlen, uint32_t flags,
                            uaddr_t timeout);
sword_t sys_setsockopt(uint32_t fd, uint32_t level, uint32_t name, uaddr_t val, uint32_t len);
sword_t sys_getsockopt(uint32_t fd, uint32_t level, uint32_t name, uaddr_t val, uaddr_t len);

#include <mode/abi.h>
#include <mode/frame.h>
#ifdef SYSCALL_KEEPS_REGISTERS
/* The entry leaves the app's registers in the CPU while a handler runs (mode/frame.h), so
   every handler the table calls itself keeps them all but rax, as a function called from an
   interrupt would: each such entry point (SYSCALL_DIRECT), the ABI's own (ABI_SYSCALLS_H)
   among them, is redeclared so; the others are called through a slot that keeps them. A file
   that defines one includes this header, whose declaration then applies to its definition. */
#include ABI_SYSCALLS_H
#define SYSCALL_KEEP_1(entry) extern __typeof__(entry) entry SYSCALL_KEEPS_REGISTERS;
#define SYSCALL_KEEP_0(entry)
#define SYSCALL_KEEP_(direct, entry) SYSCALL_KEEP_##direct(entry)
#define SYSCALL_KEEP(direct, entry) SYSCALL_KEEP_(direct, entry)
#define SYSCALL(nr, name, entry, nargs) SYSCALL_KEEP(SYSCALL_DIRECT(entry), entry)
#include ABI_SYSCALL_LIST
#undef SYSCALL
extern __typeof__(sys_ni_syscall) sys_ni_syscall SYSCALL_KEEPS_REGISTERS;
#endif
