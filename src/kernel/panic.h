/* A kernel bug: say what and where, then stop. A user's mistake never comes here. */
#pragma once

#include <mode/frame.h>

__attribute__((noreturn)) void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Panic over a trap in ring 0: names the vector, error code, CR2, registers, backtrace. */
__attribute__((noreturn)) void panic_frame(const struct trap_frame *f, const char *what);
/* The arch's part: the PANIC line and the frame's registers, as the mode names them. */
void frame_dump(const struct trap_frame *f, const char *what);
