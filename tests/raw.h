/* Raw Linux i386 syscalls and tiny output helpers for the tests, so that a test exercises
 * the kernel and not the libc. Freestanding: usable with or without a libc. */
#pragma once

#include <i386/unistd.h> /* __NR_*: Linux i386's numbers, from src/abi/i386/syscall.tbl */
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

/* Addresses a ring-3 app must never reach: the kernel's half and the top page. */
#define KERNEL_LO ((uintptr_t)0xC0000000u)
#define KERNEL_HI ((uintptr_t)0xFFFFF000u)

struct r_timespec {
    int32_t tv_sec;
    int32_t tv_nsec;
};

struct r_iovec {
    const void *base;
    uint32_t len;
};

/* Issue syscall nr with six arguments. ebx and ebp are loaded inside the asm from a small
 * array, because GCC may reserve both (PIC register, frame pointer) and will not always take
 * them as operands. */
static inline int32_t sys6(uint32_t nr, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e,
                           uint32_t f)
{
    const uint32_t af[3] = {a, f, nr};
    int32_t ret;
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

#define sys0(n) sys6((n), 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6((n), (uint32_t)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6((n), (uint32_t)(a), (uint32_t)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6((n), (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), 0, 0, 0)

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

static inline void put_udec(uint32_t v)
{
    char buf[12];
    int i = sizeof buf;
    buf[--i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(&buf[i]);
}

static inline void put_dec(int32_t v)
{
    if (v < 0) {
        put("-");
        put_udec(0u - (uint32_t)v);
    } else {
        put_udec((uint32_t)v);
    }
}

static inline void put_hex(uint32_t v)
{
    char buf[11] = "0x";
    for (int i = 0; i < 8; i++)
        buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    buf[10] = 0;
    put(buf);
}

static inline const char *errno_name(int32_t e)
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
static inline void put_ret(int32_t r)
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
static inline void show(const char *what, int32_t r)
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

static inline int64_t now_ns(int32_t clock)
{
    struct r_timespec ts;
    sys2(__NR_clock_gettime, clock, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void r_exit(int32_t status)
{
    for (;;)
        sys1(__NR_exit_group, status);
}

/* Map n anonymous private pages with prot, or return 0. */
static inline uint8_t *map_pages(uint32_t n, uint32_t prot)
{
    int32_t r =
        sys6(__NR_mmap2, 0, n * R_PAGE, prot, R_MAP_PRIVATE | R_MAP_ANONYMOUS, (uint32_t)-1, 0);
    return r < 0 && r >= -4095 ? 0 : (uint8_t *)(uintptr_t)(uint32_t)r;
}
