/* The system-call dispatcher, shared by every entry path. */
#pragma once

#include <mode/frame.h>

void syscall_dispatch(struct trap_frame *f);
