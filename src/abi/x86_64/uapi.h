/* Linux x86_64's structures as the app lays them out (Linux's uapi headers on x86_64, where a
   long and a pointer are 8 bytes). Every padding the C layout would leave is a named field,
   so that an initialised structure copied to the app carries no stale kernel bytes. Only
   src/abi/x86_64/ includes this: generic code sees the kernel's own forms (kernel/abi.h). The
   signal frames are in sigframe.h. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* struct timespec (__kernel_timespec: the only one x86_64 has), struct timeval, struct
   timezone, struct itimerval */
struct timespec_64 {
    int64_t sec, nsec;
};
struct timeval_64 {
    int64_t sec, usec;
};
struct timezone_64 {
    int32_t minuteswest, dsttime;
};
struct itimerval_64 {
    struct timeval_64 interval, value;
};
_Static_assert(sizeof(struct timespec_64) == 16 && sizeof(struct timeval_64) == 16 &&
                   sizeof(struct timezone_64) == 8 && sizeof(struct itimerval_64) == 32,
               "time layouts");

/* struct stat (arch/x86/include/uapi/asm/stat.h, the x86_64 half): what stat, fstat, lstat
   and newfstatat fill in */
struct stat_64 {
    uint64_t dev, ino, nlink;
    uint32_t mode, uid, gid, pad0;
    uint64_t rdev;
    int64_t size, blksize, blocks;
    uint64_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    int64_t unused[3];
};
_Static_assert(sizeof(struct stat_64) == 144, "stat layout");
_Static_assert(offsetof(struct stat_64, mode) == 24 && offsetof(struct stat_64, rdev) == 40 &&
                   offsetof(struct stat_64, size) == 48 && offsetof(struct stat_64, atime) == 72,
               "stat layout");

/* struct statx (include/uapi/linux/stat.h): the same on every ABI */
struct statx_timestamp_64 {
    int64_t sec;
    uint32_t nsec;
    int32_t reserved;
};
struct statx_64 {
    uint32_t mask, blksize;
    uint64_t attributes;
    uint32_t nlink, uid, gid;
    uint16_t mode, spare0;
    uint64_t ino, size, blocks, attributes_mask;
    struct statx_timestamp_64 atime, btime, ctime, mtime;
    uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
    uint64_t spare2[14];
};
_Static_assert(sizeof(struct statx_64) == 256, "statx layout");
_Static_assert(offsetof(struct statx_64, atime) == 64 &&
                   offsetof(struct statx_64, rdev_major) == 128,
               "statx layout");

/* struct statfs (asm-generic/statfs.h with a long __statfs_word): statfs and fstatfs fill it
   in. x86_64 has no statfs64 calls; its statfs is what the other ABIs' statfs64 are. */
struct statfs_64 {
    int64_t type, bsize;
    uint64_t blocks, bfree, bavail, files, ffree;
    int32_t fsid[2];
    int64_t namelen, frsize, flags, spare[4];
};
_Static_assert(sizeof(struct statfs_64) == 120, "statfs layout");
_Static_assert(offsetof(struct statfs_64, fsid) == 56 && offsetof(struct statfs_64, flags) == 80,
               "statfs layout");

/* struct linux_dirent64: reclen bytes, a multiple of 8, with the name NUL-terminated (the
   same on every ABI) */
struct linux_dirent64_64 {
    uint64_t ino;
    int64_t off;
    uint16_t reclen;
    uint8_t type;
    char name[];
} __attribute__((packed));
_Static_assert(offsetof(struct linux_dirent64_64, name) == 19, "linux_dirent64 layout");

/* struct iovec */
struct iovec_64 {
    uint64_t base, len;
};
_Static_assert(sizeof(struct iovec_64) == 16, "iovec layout");

/* struct pollfd */
struct pollfd_64 {
    int32_t fd;
    int16_t events, revents;
};
_Static_assert(sizeof(struct pollfd_64) == 8, "pollfd layout");

/* struct sel_arg_struct (include/linux/syscalls.h): unsigned long n, then four pointers. x86_64
   has no old select (its number 23 is the five-argument one); this is the layout a 64-bit
   Linux would read if it had one. */
struct sel_arg_struct_64 {
    uint64_t n, inp, outp, exp, tvp;
};
_Static_assert(sizeof(struct sel_arg_struct_64) == 40, "sel_arg_struct layout");

/* pselect6's sixth argument: struct { const sigset_t *p; size_t size; } */
struct sigset_argpack_64 {
    uint64_t p, size;
};
_Static_assert(sizeof(struct sigset_argpack_64) == 16, "sigset_argpack layout");

/* The kernel's struct termios (asm-generic/termbits.h: what TCGETS fills in), struct winsize;
   the same as i386's */
#define NCCS_64 19
#define VMIN_64 6
struct termios_64 {
    uint32_t iflag, oflag, cflag, lflag;
    uint8_t line, cc[NCCS_64];
};
_Static_assert(sizeof(struct termios_64) == 36, "termios layout");
struct winsize_64 {
    uint16_t row, col, xpixel, ypixel;
};
_Static_assert(sizeof(struct winsize_64) == 8, "winsize layout");

/* struct rtc_time: nine ints, as struct tm begins */
struct rtc_time_64 {
    int32_t sec, min, hour, mday, mon, year, wday, yday, isdst;
};
_Static_assert(sizeof(struct rtc_time_64) == 36, "rtc_time layout");

/* struct msghdr and struct cmsghdr (CMSG_ALIGN's unit is 8) */
struct msghdr_64 {
    uint64_t name;
    int32_t namelen;
    uint64_t iov, iovlen, control, controllen;
    uint32_t flags;
};
_Static_assert(sizeof(struct msghdr_64) == 56, "msghdr layout");
_Static_assert(offsetof(struct msghdr_64, flags) == 48, "msghdr layout");
struct cmsghdr_64 {
    uint64_t len;
    int32_t level, type;
};
_Static_assert(sizeof(struct cmsghdr_64) == 16, "cmsghdr layout");

/* struct tms (clock_t: a long each) */
struct tms_64 {
    int64_t utime, stime, cutime, cstime;
};
_Static_assert(sizeof(struct tms_64) == 32, "tms layout");

/* struct rusage: two timevals and fourteen longs */
struct rusage_64 {
    struct timeval_64 utime, stime;
    int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
    int64_t inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct rusage_64) == 144 && offsetof(struct rusage_64, maxrss) == 32,
               "rusage layout");

/* struct sysinfo (include/uapi/linux/sysinfo.h): with 8-byte longs its padding _f is empty;
   the alignment's padding is spelled out (pad1, pad2), so that none of it is left unwritten */
struct sysinfo_64 {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t pad1;
    uint64_t totalhigh, freehigh;
    uint32_t mem_unit, pad2;
};
_Static_assert(sizeof(struct sysinfo_64) == 112, "sysinfo layout");
_Static_assert(offsetof(struct sysinfo_64, procs) == 80 &&
                   offsetof(struct sysinfo_64, totalhigh) == 88 &&
                   offsetof(struct sysinfo_64, mem_unit) == 104,
               "sysinfo layout");

/* struct new_utsname: the same on every ABI */
struct new_utsname_64 {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};
_Static_assert(sizeof(struct new_utsname_64) == 390, "utsname layout");

/* struct rlimit (unsigned longs: RLIM_INFINITY is ~0UL) and struct rlimit64: the same bytes */
struct rlimit_64 {
    uint64_t cur, max;
};
_Static_assert(sizeof(struct rlimit_64) == 16, "rlimit layout");
#define RLIM_INFINITY_64 (~(uint64_t)0)

/* struct robust_list_head: the list, futex_offset (a long), list_op_pending */
struct robust_list_head_64 {
    uint64_t list;
    int64_t futex_offset;
    uint64_t list_op_pending;
};
_Static_assert(sizeof(struct robust_list_head_64) == 24, "robust_list_head layout");

/* struct sigaction as rt_sigaction takes it (the kernel's, not the libc's: handler, an
   unsigned long of flags, restorer, then the 8-byte mask). */
struct sigaction_64 {
    uint64_t handler, flags, restorer, mask;
};
_Static_assert(sizeof(struct sigaction_64) == 32, "struct sigaction layout");

/* stack_t: the int flags is padded to 8 */
struct sigaltstack_64 {
    uint64_t sp;
    int32_t flags, pad;
    uint64_t size;
};
_Static_assert(sizeof(struct sigaltstack_64) == 24 && offsetof(struct sigaltstack_64, size) == 16,
               "stack_t layout");

/* siginfo_t (include/uapi/asm-generic/siginfo.h): signo, errno, code, then the union, which
   its pointers and longs align to 8 (si_pid at 16, si_value and si_status at 24, si_addr at
   16). The kernel keeps the union's first 32 bytes (kernel_siginfo's part, 48 bytes in all);
   the rest is zero. */
struct siginfo_64 {
    int32_t signo, err, code, pad;
    union {
        struct {
            uint32_t pid, uid; /* si_pid, si_uid */
            uint64_t value;    /* si_value */
        } kill;                /* _kill and _rt */
        struct {
            uint64_t addr; /* si_addr */
        } fault;           /* _sigfault */
        uint8_t bytes[32];
    };
    uint8_t zero[80];
};
_Static_assert(sizeof(struct siginfo_64) == 128, "siginfo_t layout");
_Static_assert(offsetof(struct siginfo_64, kill.pid) == 16 &&
                   offsetof(struct siginfo_64, kill.value) == 24 &&
                   offsetof(struct siginfo_64, fault.addr) == 16,
               "siginfo_t's union");
_Static_assert(offsetof(struct siginfo_64, zero) == 48, "kernel_siginfo's part of siginfo_t");
