/* sys/types.h: the POSIX integer types, at the widths of Linux's i386 and x86_64 ABIs. */
#pragma once

#define __need_size_t
#define __need_NULL
#include <stddef.h>
#include <stdint.h>

/* Pointer-sized and signed, so the same header also serves the native host-test build. */
typedef __PTRDIFF_TYPE__ ssize_t;
/* long where the kernel has a long: 32-bit on i386 (the classic calls), 64-bit on x86_64. */
typedef long off_t;
typedef long time_t;
typedef long suseconds_t;
typedef long clock_t;
typedef int clockid_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef unsigned int useconds_t;
