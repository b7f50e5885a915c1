/* The kernel's widths, x86_64: the same names as i386's (generic code never says uint32_t or
   uint64_t for them), each a 64-bit register. */
#pragma once

#include <stdint.h>

typedef uint64_t word_t;  /* a register: system call arguments, user-visible sizes */
typedef int64_t sword_t;  /* a system call's result: a value or -errno */
typedef uint64_t uaddr_t; /* an address in the app's half of the address space */
typedef uint64_t paddr_t; /* a physical address */
