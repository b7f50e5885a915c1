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
