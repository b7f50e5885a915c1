/* The app ABI this kernel serves: the i386 kernel serves Linux i386's. Generic code reaches
   the ABI's headers only through here (kernel/abi.h, kernel/syscall_nr.h). Assembly too. */
#pragma once

#include <i386/unistd.h> /* __NR_* and __NR_syscalls, from src/abi/i386/syscall.tbl */
/* The kernel's table, from the same file: SYSCALL(number, name, entry point) for each. */
#define ABI_SYSCALL_LIST "i386/syscall_list.h"
#define ABI_SYSCALL_NAMES "i386/syscall_names.h" /* the unimplemented ones' names */

#ifndef __ASSEMBLER__
#include "abi/i386/elf_format.h" /* the app's executables: struct elf_ehdr, elf_phdr, ... */
#endif
/* The i386 kernel's calls are all the app's own ABI's (x86_64's: int $0x80), and map up to its
   top. */
#define ABI_COMPAT false
#define ABI_COMPAT_END() ((void)0)
#define ABI_COMPAT_TOP USER_TOP
