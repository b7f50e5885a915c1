/* The app ABI this kernel serves: the x86_64 kernel serves Linux x86_64's. Generic code
   reaches the ABI's headers only through here (kernel/abi.h, kernel/syscall_nr.h, the
   system call table). Assembly too. */
#pragma once

#include <x86_64/unistd.h> /* __NR_* and __NR_syscalls, from src/abi/x86_64/syscall.tbl */
/* The kernel's table, from the same file: SYSCALL(number, name, entry point) for each, and
   the entry points only this ABI has. */
#define ABI_SYSCALL_LIST "x86_64/syscall_list.h"
#define ABI_SYSCALL_NAMES "x86_64/syscall_names.h" /* the unimplemented ones' names */
#define ABI_SYSCALLS_H "abi/x86_64/sys_x86_64.h"
#define SYSCALL_HOLE_START (__NR_rseq + 1) /* kernel/syscall_nr.h */
#define SYSCALL_HOLE_END __NR_pidfd_send_signal

#ifndef __ASSEMBLER__
#include "abi/x86_64/elf_format.h" /* the app's executables: struct elf_ehdr, elf_phdr, ... */
#include <stdbool.h>
/* A system call made by int $0x80 is running (src/abi/x86_64/ia32.c): Linux i386's, with
   i386's structures and C longs, as Linux's in_ia32_syscall(). */
extern bool ia32_call;
#define ABI_COMPAT ia32_call
/* An execve by int $0x80 never returns to the call's end, which clears it: the new program's
   calls are its own ABI's. */
#define ABI_COMPAT_END() (ia32_call = false)
/* The top of the memory an i386 call maps (Linux's TASK_SIZE_32 for a compat mmap). */
#define ABI_COMPAT_TOP 0xFFFFE000u
#endif
