/* Linux i386's structures as the app lays them out (Linux's uapi headers on i386, and the
   compat_* forms a 64-bit Linux converts for i386 apps). Only src/abi/i386/ includes this:
   generic code sees the kernel's own forms (kernel/abi.h). The signal frames are in
   sigframe.h. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* struct old_timespec32, and __kernel_timespec (the time64 calls') */
struct timespec_32 {
    int32_t sec, nsec;
};
struct kernel_timespec_32 {
    int64_t sec, nsec;
};
_Static_assert(sizeof(struct timespec_32) == 8 && sizeof(struct kernel_timespec_32) == 16,
               "timespec layouts");

/* struct old_timeval32 (a long each), struct timezone, struct old_itimerval32 */
struct timeval_32 {
    int32_t sec, usec;
};
struct timezone_32 {
    int32_t minuteswest, dsttime;
};
struct itimerval_32 {
    struct timeval_32 interval, value;
};
_Static_assert(sizeof(struct timeval_32) == 8 && sizeof(struct timezone_32) == 8 &&
                   sizeof(struct itimerval_32) == 16,
               "timeval layouts");

/* struct stat64 (arch/x86/include/uapi/asm/stat.h) */
struct stat64_32 {
    uint64_t dev;
    uint32_t pad0, ino32, mode, nlink, uid, gid;
    uint64_t rdev;
    uint32_t pad3;
    int64_t size;
    uint32_t blksize;
    uint64_t blocks;
    uint32_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    uint64_t ino;
} __attribute__((packed));
_Static_assert(sizeof(struct stat64_32) == 96, "stat64 layout");
_Static_assert(offsetof(struct stat64_32, size) == 44, "stat64 layout");

/* struct statx (include/uapi/linux/stat.h): the same on every ABI */
struct statx_timestamp_32 {
    int64_t sec;
    uint32_t nsec;
    int32_t reserved;
};
struct statx_32 {
    uint32_t mask, blksize;
    uint64_t attributes;
    uint32_t nlink, uid, gid;
    uint16_t mode, spare0;
    uint64_t ino, size, blocks, attributes_mask;
    struct statx_timestamp_32 atime, btime, ctime, mtime;
    uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
    uint64_t spare2[14];
};
_Static_assert(sizeof(struct statx_32) == 256, "statx layout");
_Static_assert(offsetof(struct statx_32, rdev_major) == 128, "statx layout");

/* struct statfs64 as i386 has it (asm-generic/statfs.h, packed to 4 bytes: 84) */
struct statfs64_32 {
    uint32_t type, bsize;
    uint64_t blocks, bfree, bavail, files, ffree;
    uint32_t fsid[2], namelen, frsize, flags, spare[4];
} __attribute__((packed));
_Static_assert(sizeof(struct statfs64_32) == 84, "statfs64 layout");

/* struct linux_dirent64: reclen bytes, a multiple of 8, with the name NUL-terminated */
struct linux_dirent64_32 {
    uint64_t ino;
    int64_t off;
    uint16_t reclen;
    uint8_t type;
    char name[];
} __attribute__((packed));
_Static_assert(offsetof(struct linux_dirent64_32, name) == 19, "linux_dirent64 layout");

/* struct iovec (compat_iovec) */
struct iovec_32 {
    uint32_t base, len;
};
_Static_assert(sizeof(struct iovec_32) == 8, "iovec layout");

/* struct pollfd */
struct pollfd_32 {
    int32_t fd;
    int16_t events, revents;
};
_Static_assert(sizeof(struct pollfd_32) == 8, "pollfd layout");

/* struct sel_arg_struct (the old select's): n, inp, outp, exp, tvp */
struct sel_arg_struct_32 {
    uint32_t n, inp, outp, exp, tvp;
};
_Static_assert(sizeof(struct sel_arg_struct_32) == 20, "sel_arg_struct layout");

/* pselect6's sixth argument: struct { const sigset_t *p; size_t size; } */
struct sigset_argpack_32 {
    uint32_t p, size;
};
_Static_assert(sizeof(struct sigset_argpack_32) == 8, "sigset_argpack layout");

/* The kernel's struct termios (what TCGETS fills in), and struct winsize */
#define NCCS_32 19
#define VMIN_32 6
struct termios_32 {
    uint32_t iflag, oflag, cflag, lflag;
    uint8_t line, cc[NCCS_32];
};
_Static_assert(sizeof(struct termios_32) == 36, "termios layout");
struct winsize_32 {
    uint16_t row, col, xpixel, ypixel;
};
_Static_assert(sizeof(struct winsize_32) == 8, "winsize layout");

/* struct rtc_time: nine ints, as struct tm begins */
struct rtc_time_32 {
    int32_t sec, min, hour, mday, mon, year, wday, yday, isdst;
};
_Static_assert(sizeof(struct rtc_time_32) == 36, "rtc_time layout");

/* struct msghdr (compat_msghdr) and struct cmsghdr (compat_cmsghdr: CMSG_ALIGN's unit is 4) */
struct msghdr_32 {
    uint32_t name;
    int32_t namelen;
    uint32_t iov, iovlen, control, controllen;
    uint32_t flags;
};
_Static_assert(sizeof(struct msghdr_32) == 28, "msghdr layout");
struct cmsghdr_32 {
    uint32_t len;
    int32_t level, type;
};
_Static_assert(sizeof(struct cmsghdr_32) == 12, "cmsghdr layout");

/* struct tms (clock_t: a long each) */
struct tms_32 {
    int32_t utime, stime, cutime, cstime;
};
_Static_assert(sizeof(struct tms_32) == 16, "tms layout");

/* struct rusage */
struct rusage_32 {
    struct timeval_32 utime, stime;
    int32_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
    int32_t inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct rusage_32) == 72, "rusage layout");

/* struct sysinfo */
struct sysinfo_32 {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh, mem_unit;
    char f[8];
};
_Static_assert(sizeof(struct sysinfo_32) == 64, "sysinfo layout");

/* struct new_utsname: the same on every ABI */
struct new_utsname_32 {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};
_Static_assert(sizeof(struct new_utsname_32) == 390, "utsname layout");

/* struct rlimit (unsigned longs) and struct rlimit64 */
struct rlimit_32 {
    uint32_t cur, max;
};
struct rlimit64_32 {
    uint64_t cur, max;
};
_Static_assert(sizeof(struct rlimit_32) == 8 && sizeof(struct rlimit64_32) == 16, "rlimit layouts");

/* struct robust_list_head: the list, futex_offset, list_op_pending */
struct robust_list_head_32 {
    uint32_t list;
    int32_t futex_offset;
    uint32_t list_op_pending;
};
_Static_assert(sizeof(struct robust_list_head_32) == 12, "robust_list_head layout");

/* struct sigaction as rt_sigaction takes it (the kernel's, not the libc's). */
struct sigaction_32 {
    uint32_t handler, flags, restorer;
    uint32_t mask[2];
};
_Static_assert(sizeof(struct sigaction_32) == 20, "struct sigaction layout");

/* stack_t */
struct sigaltstack_32 {
    uint32_t sp;
    int32_t flags;
    uint32_t size;
};
_Static_assert(sizeof(struct sigaltstack_32) == 12, "stack_t layout");

/* siginfo_t: signo, errno, code and a union; the union's first 20 bytes hold every field of
   every si_code's layout (kernel_siginfo's part), the rest is zero. */
struct siginfo_32 {
    int32_t signo, err, code;
    union {
        struct {
            uint32_t pid, uid, value; /* si_pid, si_uid, si_value */
        } kill;                       /* _kill and _rt */
        struct {
            uint32_t addr; /* si_addr */
        } fault;           /* _sigfault */
        uint32_t words[5];
    };
    uint32_t zero[24];
};
_Static_assert(sizeof(struct siginfo_32) == 128, "siginfo_t layout");
_Static_assert(offsetof(struct siginfo_32, zero) == 32, "kernel_siginfo's part of siginfo_t");
