/* Raw Linux syscalls (i386 or x86_64, as the test is built) and tiny output helpers for the
 * tests, so that a test exercises the kernel and not the libc. Freestanding: usable with or
 * without a libc. Values are longs: a register's width, 32-bit on i386 and 64 on x86_64. */
#pragma once

#ifdef __x86_64__
#include <x86_64/unistd.h> /* __NR_*: Linux x86_64's numbers, from src/abi/x86_64/syscall.tbl */
#else
#include <i386/unistd.h> /* __NR_*: Linux i386's numbers, from src/abi/i386/syscall.tbl */
#endif
#include <stddef.h>
#include <stdint.h>
#include <uapi/errno.h>

enum {
    R_PROT_NONE = 0,
    R_PROT_READ = 1,
    R_PROT_WRITE = 2,
    R_PROT_EXEC = 4,
    R_MAP_SHARED = 0x01,
    R_MAP_PRIVATE = 0x02,
    R_MAP_FIXED = 0x10,
    R_MAP_ANONYMOUS = 0x20,
    R_PAGE = 4096,
    R_CLOCK_REALTIME = 0,
    R_CLOCK_MONOTONIC = 1,
};

/*
 * Addresses a ring-3 app must never reach: the kernel's half and the top page. On x86_64 the
 * kernel's half starts at 0xffff800000000000; the tests' labels keep the i386 values' names
 * ("0xc0000000"), so one .expect serves both widths.
 */
#ifdef __x86_64__
#define KERNEL_LO ((uintptr_t)0xFFFF800000000000u)
#define KERNEL_HI ((uintptr_t)0xFFFFFFFFFFFFF000u)
#else
#define KERNEL_LO ((uintptr_t)0xC0000000u)
#define KERNEL_HI ((uintptr_t)0xFFFFF000u)
#endif

/* An anonymous mapping at offset 0: mmap2 on i386 (offset in pages), mmap on x86_64. */
#ifdef __x86_64__
#define R_NR_mmap __NR_mmap
#else
#define R_NR_mmap __NR_mmap2
#endif

/* The classic Linux timespec and iovec: longs and a size_t, so 8 or 16 bytes. */
struct r_timespec {
    long tv_sec;
    long tv_nsec;
};

struct r_iovec {
    const void *base;
    size_t len;
};

#ifdef __x86_64__
/* Issue syscall nr with six arguments: rdi rsi rdx r10 r8 r9; syscall clobbers rcx and r11. */
static inline long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory", "cc");
    return ret;
}
#else
/* Issue syscall nr with six arguments. ebx and ebp are loaded inside the asm from a small
 * array, because GCC may reserve both (PIC register, frame pointer) and will not always take
 * them as operands. */
static inline long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
    const long af[3] = {a, f, nr};
    long ret;
    __asm__ volatile("push %%ebp\n\t"
                     "push %%ebx\n\t"
                     "mov %%eax, %%ebx\n\t"
                     "mov 4(%%ebx), %%ebp\n\t"
                     "mov 8(%%ebx), %%eax\n\t"
                     "mov 0(%%ebx), %%ebx\n\t"
                     "int $0x80\n\t"
                     "pop %%ebx\n\t"
                     "pop %%ebp"
                     : "=a"(ret)
                     : "a"(af), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory", "cc");
    return ret;
}
#endif

#define sys0(n) sys6((long)(n), 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6((long)(n), (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6((long)(n), (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6((long)(n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

static inline size_t r_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static inline int r_streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static inline void put(const char *s)
{
    sys3(__NR_write, 1, s, r_strlen(s));
}

static inline void put_udec(unsigned long v)
{
    char buf[24];
    int i = sizeof buf;
    buf[--i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(&buf[i]);
}

static inline void put_dec(long v)
{
    if (v < 0) {
        put("-");
        put_udec(0ul - (unsigned long)v);
    } else {
        put_udec((unsigned long)v);
    }
}

/* At least 8 digits (so 32-bit values look the same on both widths), 16 where needed. */
static inline void put_hex(unsigned long v)
{
    char buf[19] = "0x";
    int n = 8;
    while (n < (int)(2 * sizeof v) && (v >> (4 * n)))
        n++;
    for (int i = 0; i < n; i++)
        buf[2 + i] = "0123456789abcdef"[(v >> (4 * (n - 1 - i))) & 15];
    buf[2 + n] = 0;
    put(buf);
}

static inline const char *errno_name(long e)
{
    switch (e) {
    case EPERM:
        return "EPERM";
    case EINTR:
        return "EINTR";
    case EBADF:
        return "EBADF";
    case EAGAIN:
        return "EAGAIN";
    case ENOMEM:
        return "ENOMEM";
    case EACCES:
        return "EACCES";
    case EFAULT:
        return "EFAULT";
    case EEXIST:
        return "EEXIST";
    case ENODEV:
        return "ENODEV";
    case EINVAL:
        return "EINVAL";
    case ENOTTY:
        return "ENOTTY";
    case ENOSYS:
        return "ENOSYS";
    default:
        return 0;
    }
}

/* Print a syscall's result as a number, or -ENAME for an error. */
static inline void put_ret(long r)
{
    const char *name = r < 0 && r >= -4095 ? errno_name(-r) : 0;
    if (name) {
        put("-");
        put(name);
    } else {
        put_dec(r);
    }
}

/* One result line: "what = result". The .expect file holds what it must be. */
static inline void show(const char *what, long r)
{
    put(what);
    put(" = ");
    put_ret(r);
    put("\n");
}

/* One yes/no line, for facts whose values differ between runs (addresses, pids). */
static inline void fact(const char *what, int ok)
{
    put(what);
    put(ok ? ": yes\n" : ": NO\n");
}

static inline int64_t now_ns(long clock)
{
    struct r_timespec ts;
    sys2(__NR_clock_gettime, clock, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void r_exit(long status)
{
    for (;;)
        sys1(__NR_exit_group, status);
}

/* Map n anonymous private pages with prot, or return 0. */
static inline uint8_t *map_pages(unsigned long n, long prot)
{
    long r = sys6(R_NR_mmap, 0, (long)(n * R_PAGE), prot, R_MAP_PRIVATE | R_MAP_ANONYMOUS, -1, 0);
    return r < 0 && r >= -4095 ? 0 : (uint8_t *)r;
}
