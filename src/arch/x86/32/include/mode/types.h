/* The kernel's widths, i386: generic code says word_t, uaddr_t and paddr_t, never uint32_t,
   so that a 64-bit kernel brings its own mode/types.h and the same code compiles. */
#pragma once

#include <stdint.h>

typedef uint32_t word_t;  /* a register: system call arguments, user-visible sizes */
typedef int32_t sword_t;  /* a system call's result: a value or -errno */
typedef uint32_t uaddr_t; /* an address in the app's half of the address space */
typedef uint64_t paddr_t; /* a physical address (PAE reaches 64 GiB) */
