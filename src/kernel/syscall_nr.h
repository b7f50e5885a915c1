/* How many slots the system-call table has (entry.S checks numbers against it): one past
   the highest number in the ABI's syscall.tbl (src/abi/i386/, src/abi/x86_64/). */
#pragma once

#include <mode/abi.h>

#define NR_SYSCALLS __NR_syscalls

/* A run of numbers the ABI never gave (x86_64's 335 to 423, between rseq and the numbers it
   shares with every other ABI), which the table leaves out: a number past it has the slot
   SYSCALL_SLOT(nr). None for i386. */
#ifndef SYSCALL_HOLE_START
#define SYSCALL_HOLE_START NR_SYSCALLS
#define SYSCALL_HOLE_END NR_SYSCALLS
#endif
#define SYSCALL_HOLE (SYSCALL_HOLE_END - SYSCALL_HOLE_START)
#define SYSCALL_SLOTS (NR_SYSCALLS - SYSCALL_HOLE)
#define SYSCALL_SLOT(nr) ((nr) < SYSCALL_HOLE_START ? (nr) : (nr)-SYSCALL_HOLE)
