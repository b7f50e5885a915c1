/* ucontext.h: ucontext_t and mcontext_t (with REG_x), as a handler's third argument sees them. */
#pragma once

/* The types live in signal.h, as in musl, since POSIX has signal.h define ucontext_t too. */
#include <signal.h>
