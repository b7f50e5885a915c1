/* The system-call table, which entry.S calls for both int $0x80 and sysenter. */
#pragma once

#include <mode/frame.h>
#include <mode/types.h>
#include <stdint.h>

/* After a system call: deliver what is pending (entry.S calls it when anything is). */
void syscall_exit_work(struct trap_frame *f);
/* The ABI's name for a system call number moat does not implement, or NULL (a hole, or a
   call moat implements: only the "not implemented" line needs a name). */
const char *syscall_name(word_t nr);
