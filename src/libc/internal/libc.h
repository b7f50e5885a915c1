/* libc.h (internal): state that crt0's C half hands to the rest of the libc. */
#pragma once

#include <stddef.h>

/* The auxv pairs from the initial stack, ending with AT_NULL (set by __libc_start). */
extern size_t *__auxv;

/* Flushes stdout at exit; a weak no-op unless the app uses stdio. */
void __stdio_exit(void);
