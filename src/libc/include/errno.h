/* errno.h: the error number, and Linux's errno values (asm-generic). */
#pragma once

#include <uapi/errno.h> /* the values: Linux's, shared with the kernel */

/* One thread, so errno is one int; the function keeps the name an lvalue as POSIX asks. */
int *__errno_location(void);
#define errno (*__errno_location())
