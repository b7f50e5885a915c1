/* The system-call dispatcher, shared by every entry path. */
#pragma once

#include <mode/frame.h>

void syscall_dispatch(struct trap_frame *f);

/* The app's registers during a system call, for the calls that read or replace them. */
extern struct trap_frame *syscall_frame;
