/* syscall_arch.h: the i386 `int $0x80` syscall stubs; they return -errno, never touch errno. */
#pragma once

/*
 * Linux i386: number in eax, arguments in ebx ecx edx esi edi ebp, result in eax. Only eax
 * (and memory) is changed by the kernel, so eax is the only clobbered register.
 */
static inline long __syscall0(long n)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n) : "memory");
    return r;
}

static inline long __syscall1(long n, long a)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a) : "memory");
    return r;
}

static inline long __syscall2(long n, long a, long b)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b) : "memory");
    return r;
}

static inline long __syscall3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
    return r;
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
    long r;
    __asm__ volatile("int $0x80"
                     : "=a"(r)
                     : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return r;
}

/*
 * The sixth argument goes in ebp, which gcc may be using as the frame pointer and will not
 * take as an operand. So ebx carries the address of {a, f}: the stub saves ebp, loads both
 * from memory, and restores ebp. (A plain "m" operand could be esp-relative, and the push
 * would move it.)
 */
static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
    long r;
    long af[2] = {a, f};
    long *p = af;
    __asm__ volatile("push %%ebp\n\t"
                     "mov 4(%%ebx), %%ebp\n\t"
                     "mov (%%ebx), %%ebx\n\t"
                     "int $0x80\n\t"
                     "pop %%ebp"
                     : "=a"(r), "+b"(p)
                     : "a"(n), "c"(b), "d"(c), "S"(d), "D"(e), "m"(af)
                     : "memory");
    return r;
}
