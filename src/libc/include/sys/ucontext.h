/* sys/ucontext.h: the glibc/musl name for ucontext_t and mcontext_t. */
#pragma once

#include <signal.h>
