/* syscall.h (internal): raw syscalls returning -errno, and the one helper that sets errno. */
#pragma once

#include "syscall_arch.h"
#include <sys/syscall.h>

/* Turns a raw result into the C convention: -errno (-4095..-1) becomes errno and -1. */
long __syscall_ret(unsigned long r);

/* __syscall(SYS_x, args...) picks the stub by argument count and casts every argument. */
#define __SC_NARGS(...) __SC_NARGS_(__VA_ARGS__, 7, 6, 5, 4, 3, 2, 1, )
#define __SC_NARGS_(a, b, c, d, e, f, g, n, ...) n
#define __SC_CAT(a, b) __SC_CAT_(a, b)
#define __SC_CAT_(a, b) a##b
#define __SC_DISP(base, ...) __SC_CAT(base, __SC_NARGS(__VA_ARGS__))(__VA_ARGS__)

#define __syscall_1(n) __syscall0(n)
#define __syscall_2(n, a) __syscall1(n, (long)(a))
#define __syscall_3(n, a, b) __syscall2(n, (long)(a), (long)(b))
#define __syscall_4(n, a, b, c) __syscall3(n, (long)(a), (long)(b), (long)(c))
#define __syscall_5(n, a, b, c, d) __syscall4(n, (long)(a), (long)(b), (long)(c), (long)(d))
#define __syscall_6(n, a, b, c, d, e)                                                              \
    __syscall5(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define __syscall_7(n, a, b, c, d, e, f)                                                           \
    __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

#define __syscall(...) __SC_DISP(__syscall_, __VA_ARGS__)
