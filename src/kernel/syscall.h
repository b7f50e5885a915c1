/* The system-call table, which entry.S calls for both int $0x80 and sysenter. */
#pragma once

#include <mode/frame.h>

/* After a system call: deliver what is pending (entry.S calls it when anything is). */
void syscall_exit_work(struct trap_frame *f);
