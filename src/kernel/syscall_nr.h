/* How many slots the system-call table has (entry.S checks numbers against it): one past
   the highest number in src/abi/i386/syscall.tbl. */
#pragma once

#include <i386/unistd.h>

#define NR_SYSCALLS __NR_syscalls
