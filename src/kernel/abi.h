/* The app's ABI as generic code sees it: the kernel's own forms of what the system calls take
   and give, and the conversions between those and the app's memory, as Linux's compat layer
   converts (get_compat_sigaction, copy_siginfo_to_user32, ...). The i386 kernel serves Linux
   i386 (src/abi/i386/ implements all of it), the x86_64 kernel Linux x86_64 (src/abi/x86_64/),
   each picked by the width's <mode/abi.h>, whose x86_64 conversions hand an int $0x80 call's to
   i386's (ABI_COMPAT below); no layout of the app's reaches generic code. Each
   conversion returns 0 or -EFAULT unless it says otherwise. */
#pragma once

#include "kernel/signal.h"
#include "kernel/vfs.h"
#include <mode/abi.h> /* the width's ABI: the app's executables (struct elf_ehdr, ...) */
#include <mode/frame.h>
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

/* The calling ABI's C long (off_t, long, unsigned long) in bytes: the app's, or i386's 4 for
   an int $0x80 call in a 64-bit process (ABI_COMPAT, <mode/abi.h>). Not inline: the size-built
   files would each keep a copy (kernel/syscall.c has it). */
unsigned abi_long_size(void);
/* An argument the app passed as a signed C long (off_t, long), from the calling ABI's width. */
static inline sword_t abi_long_arg(word_t v)
{
    return ABI_COMPAT ? (int32_t)v : (sword_t)v;
}

/* Signals (uapi_signal.c): struct sigaction, stack_t and siginfo_t. */
int abi_sigaction_from_user(uaddr_t uact, struct sig_action *act);
int abi_sigaction_to_user(uaddr_t uact, const struct sig_action *act);
int abi_sigaltstack_from_user(uaddr_t uss, struct sig_altstack *ss);
int abi_sigaltstack_to_user(uaddr_t uss, const struct sig_altstack *ss);
int abi_siginfo_to_user(uaddr_t uinfo, const struct sig_info *info);
/* The part of a user's siginfo_t that the kernel keeps, its si_signo replaced by sig (which,
   with si_code, says which fields there are); and the rest, which must be zero for an si_code
   whose layout Linux does not know: 0, -E2BIG if it is not, or -EFAULT. */
int abi_siginfo_from_user(uaddr_t uinfo, uint32_t sig, struct sig_info *info);
int abi_siginfo_check_tail(uaddr_t uinfo);

/* Time (uapi_time.c). A timespec as the app gave it, not yet checked (Linux's timespec64);
   time64 picks the time64 calls' __kernel_timespec over the older 32-bit one. */
struct timespec_k {
    int64_t sec, nsec;
};
/* A timeval in the kernel's long, as Linux's __kernel_old_timeval keeps it. */
struct timeval_k {
    sword_t sec, usec;
};
struct itimerval_k {
    struct timeval_k interval, value;
};
/* Element i of an array of timespecs at uts (one timespec: i = 0). */
int abi_timespec_from_user(uaddr_t uts, word_t i, bool time64, struct timespec_k *ts);
int abi_timespec_to_user(uaddr_t uts, const struct timespec_k *ts, bool time64);
int abi_timeval_from_user(uaddr_t utv, struct timeval_k *tv);
int abi_timeval_to_user(uaddr_t utv, const struct timeval_k *tv);
int abi_timezone_to_user(uaddr_t utz, int32_t minuteswest, int32_t dsttime);
int abi_itimerval_from_user(uaddr_t uit, struct itimerval_k *it);
int abi_itimerval_to_user(uaddr_t uit, const struct itimerval_k *it);
/* One of the app's C longs (time_t, size_t, a pointer). */
int abi_long_to_user(uaddr_t u, word_t value);

/* Files (uapi_fs.c). A node's attributes, as Linux's struct kstat has them. */
struct kstat {
    uint64_t ino;
    uint32_t dev_major, dev_minor, rdev_major, rdev_minor;
    uint32_t mode, nlink, uid, gid;
    uint64_t size, blocks; /* blocks: 512-byte units */
    uint32_t blksize;
    struct vtime atime, mtime, ctime;
};
/* A file system's, as Linux's struct kstatfs. */
struct kstatfs {
    word_t type, bsize, namelen, frsize, flags;
    uint64_t blocks, bfree, bavail, files, ffree;
};
/* A directory entry, for getdents64. */
struct dirent_k {
    uint64_t ino;
    int64_t off;  /* the position of the next entry */
    uint8_t type; /* DT_* */
    const char *name;
    word_t namelen; /* at most NAME_MAX */
};
int abi_stat64_to_user(uaddr_t ubuf, const struct kstat *st);
int abi_statx_to_user(uaddr_t ubuf, const struct kstat *st, uint32_t mask);
/* -EINVAL when size is not the app's struct statfs64's. */
int abi_statfs64_to_user(uaddr_t ubuf, word_t size, const struct kstatfs *st);
/* One linux_dirent64 at ubuf, in room bytes: its length, 0 when it does not fit, or -EFAULT. */
sword_t abi_dirent64_to_user(uaddr_t ubuf, word_t room, const struct dirent_k *d);

/* I/O (uapi_io.c): readv/writev's iovec, poll's pollfd, select's and pselect6's argument
   blocks, and the terminal's termios and winsize. */
struct iovec_k {
    uaddr_t base;
    word_t len;
};
struct pollfd_k {
    int32_t fd;
    uint16_t events;
};
struct sel_args_k { /* the old select's one argument */
    word_t n;
    uaddr_t in, out, ex, tvp;
};
struct sigset_argpack_k { /* pselect6's sixth argument */
    uaddr_t set;
    word_t size;
};
struct termios_k { /* the kernel's struct termios: what TCGETS reports, TCSETS sets */
    uint32_t iflag, oflag, cflag, lflag;
    uint8_t line, cc[19];
};
struct winsize_k {
    uint16_t rows, cols;
};
/* Element i of the app's array at iov or ufds. */
int abi_iovec_from_user(uaddr_t iov, word_t i, struct iovec_k *v);
int abi_pollfd_from_user(uaddr_t ufds, word_t i, struct pollfd_k *p);
int abi_pollfd_revents_to_user(uaddr_t ufds, word_t i, uint16_t revents);
int abi_sel_args_from_user(uaddr_t uargs, struct sel_args_k *a);
int abi_sigset_argpack_from_user(uaddr_t upack, struct sigset_argpack_k *a);
int abi_termios_to_user(uaddr_t ut, const struct termios_k *t);
int abi_termios_from_user(uaddr_t ut, struct termios_k *t);
int abi_winsize_to_user(uaddr_t uws, const struct winsize_k *ws);
struct rtc_time_k { /* struct rtc_time: what RTC_RD_TIME reports, RTC_SET_TIME sets */
    int32_t sec, min, hour, mday, mon, year, wday, yday, isdst;
};
int abi_rtc_time_to_user(uaddr_t ut, const struct rtc_time_k *t);
int abi_rtc_time_from_user(uaddr_t ut, struct rtc_time_k *t);
/* System V IPC (uapi_ipc.c): an object's IPC_STAT fields, any kind's, in the layout the
   command asks for (old: the ipc() multiplexer's IPC_OLD forms, else the 64 ones); IPC_SET
   reads uid, gid, mode and a queue's qbytes back into the same form. */
enum { IPC_KIND_MSG, IPC_KIND_SEM, IPC_KIND_SHM };
struct ipc_ds_k {
    int32_t key;
    uint32_t uid, gid, cuid, cgid, mode, seq;
    int64_t time[3];   /* msg: stime rtime ctime; sem: otime ctime; shm: atime dtime ctime */
    uint64_t count[3]; /* msg: cbytes qnum qbytes; sem: nsems; shm: segsz nattch */
    int32_t pid[2];    /* msg: lspid lrpid; shm: cpid lpid */
};
int abi_ipc_ds_to_user(uaddr_t u, int kind, bool old, const struct ipc_ds_k *d);
int abi_ipc_ds_from_user(uaddr_t u, int kind, bool old, struct ipc_ds_k *d);
/* shmctl's IPC_INFO (struct shminfo64, or the old struct shminfo: shmmax, shmmin, shmmni,
   shmseg, shmall) and SHM_INFO (struct shm_info: used_ids, then five longs). */
int abi_shminfo_to_user(uaddr_t u, bool old, const uint64_t v[5]);
int abi_shm_info_to_user(uaddr_t u, const uint64_t v[6]);
/* readv's checks of an iovec array, as Linux's import_iovec (sys_iovec.c): every length's sign
   (-EINVAL), then every address (-EFAULT); *total gets their sum, cut to MAX_RW_COUNT. */
int32_t iov_import(uaddr_t iov, word_t iovcnt, uint32_t *total);

/* Sockets (uapi_io.c): struct msghdr, read whole and written back in part (namelen through
   move_addr_to_user, at namelen_at), and struct cmsghdr, whose size is a multiple of the
   alignment (the app's long) that CMSG_ALIGN rounds the data to. */
struct msghdr_k {
    uaddr_t name, namelen_at;
    int32_t namelen;
    uaddr_t iov;
    word_t iovlen;
    uaddr_t control;
    word_t controllen;
};
struct cmsghdr_k {
    word_t len;
    int32_t level, type;
};
int abi_msghdr_from_user(uaddr_t umsg, struct msghdr_k *m);
/* A receive's msg_flags and msg_controllen. */
int abi_msghdr_result_to_user(uaddr_t umsg, uint32_t flags, word_t controllen);
word_t abi_cmsghdr_size(void);
/* struct mmsghdr: its size, and element i's msg_len. */
word_t abi_mmsghdr_size(void);
int abi_mmsghdr_len_to_user(uaddr_t vec, word_t i, uint32_t len);
int abi_cmsghdr_from_user(uaddr_t u, struct cmsghdr_k *c);
int abi_cmsghdr_to_user(uaddr_t u, const struct cmsghdr_k *c);

/* The process (uapi_proc.c): times, getrusage, sysinfo, uname, the resource limits and the
   robust futex list. What moat does not count is zero in the app's structure. */
struct tms_k { /* clock_t ticks */
    word_t utime, stime, cutime, cstime;
};
struct rusage_k {
    struct timeval_k utime, stime;
    sword_t maxrss; /* KiB */
};
struct sysinfo_k {
    sword_t uptime;           /* seconds */
    word_t totalram, freeram; /* mem_unit bytes */
    uint16_t procs;
    uint32_t mem_unit;
};
struct utsname_k { /* the machine is the ABI's */
    const char *sysname, *nodename, *release, *version, *domainname;
};
struct rlimit_k;
struct rlimit64_k {
    uint64_t cur, max;
};
int abi_tms_to_user(uaddr_t ubuf, const struct tms_k *t);
int abi_rusage_to_user(uaddr_t ubuf, const struct rusage_k *r);
int abi_sysinfo_to_user(uaddr_t ubuf, const struct sysinfo_k *s);
int abi_utsname_to_user(uaddr_t ubuf, const struct utsname_k *u);
int abi_rlimit_from_user(uaddr_t ubuf, struct rlimit_k *r);
int abi_rlimit_to_user(uaddr_t ubuf, const struct rlimit_k *r);
int abi_rlimit64_from_user(uaddr_t ubuf, struct rlimit64_k *r);
int abi_rlimit64_to_user(uaddr_t ubuf, const struct rlimit64_k *r);
/* The size of the app's struct robust_list_head, which set_robust_list must be given. */
word_t abi_robust_list_head_size(void);

/* The handler's frame (sigframe.c): build it on the app's stack and point f at the handler;
   restore f from it at sigreturn. Both return 0 or -EFAULT; as on Linux, sigreturn's *mask
   is the frame's whenever it could be read, even if the FPU state then fails to load. Once
   sigframe_restore has rewritten f, f is no longer a system call's (frame_clear_syscall), even
   if the FPU state then fails; a frame that could not be read leaves f as it was, the
   system call's (x86_64's rt_sigreturn slot completes it only then: entry.S). */
int sigframe_setup(struct trap_frame *f, int sig, const struct sig_info *info,
                   const struct sig_action *act, sigset_k oldmask);
int sigframe_restore(struct trap_frame *f, bool rt, sigset_k *mask);

/* The ABI's own pages, at the top of the app's half, above the stack (i386: the vsyscall page
   at 0xBFFFF000, vsyscall.c; x86_64: the vDSO with the clock page below it, at a random
   address, vdso.c). abi_pages_place chooses [*start, *end), after random_init; abi_pages_map
   maps them there (0 or -ENOMEM), in frames that stay the ABI's for good (abi_frame: never
   freed nor cleared, wherever the app has mapped them); abi_pages_name names them in the
   console's refusals. */
void abi_pages_place(uaddr_t *start, uaddr_t *end);
int abi_pages_map(void);
bool abi_frame(paddr_t pa);
extern const char abi_pages_name[];
/* The name /proc/self/maps gives the ABI's page on frame pa: [vdso] or [vvar]. */
const char *abi_frame_label(paddr_t pa);

/* The app's initial stack (initial_stack.c), built below top: the file's name (AT_EXECFN),
   argc, argv's and envp's words and the auxiliary vector for img. The stack pointer; or 0 when
   it could not all be written, with *clash a page of it that something else (a segment)
   holds, or 0 when memory ran out. */
struct elf_image;
uaddr_t abi_initial_stack(uaddr_t top, const char *execfn, int argc, char *const argv[], int envc,
                          char *const envp[], const struct elf_image *img, uaddr_t *clash);
