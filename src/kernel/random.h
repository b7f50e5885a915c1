/* The kernel's random generator, behind getrandom. */
#pragma once
#include <stdint.h>

/* Key the generator and say on the console where its entropy comes from. */
void random_init(void);
/* n (up to 64) random bytes for the kernel's own use (the UUIDs /proc shows). */
void random_fill(void *buf, uint32_t n);
