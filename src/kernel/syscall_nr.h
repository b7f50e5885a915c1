/* How many slots the system-call table has (entry.S checks numbers against it): one past
   the highest number in the ABI's syscall.tbl (src/abi/i386/, src/abi/x86_64/). */
#pragma once

#include <mode/abi.h>

#define NR_SYSCALLS __NR_syscalls
