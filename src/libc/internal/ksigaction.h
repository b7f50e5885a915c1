/* ksigaction.h (internal): the kernel's struct sigaction and the libc's signal return stubs. */
#pragma once

#include <signal.h>
#include <stddef.h>

/*
 * Linux's struct sigaction as rt_sigaction reads it, the mask last: 20 bytes on i386, 32 on
 * x86_64 (where the mask is one unsigned long, whose bytes sigset_t's two words are).
 */
struct k_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    sigset_t mask;
};
_Static_assert(offsetof(struct k_sigaction, mask) == 3 * sizeof(long), "k_sigaction layout");
_Static_assert(sizeof(struct k_sigaction) == 3 * sizeof(long) + 8, "k_sigaction layout");

/* Every sigset the kernel sees is 8 bytes (64 signals). */
#define KSIGSET_SIZE 8
_Static_assert(sizeof(sigset_t) == KSIGSET_SIZE, "sigset_t is the kernel's");

/*
 * arch/ARCH/restore.S: where a handler returns to. __restore_rt (rt_sigreturn) on both
 * widths; __restore (the legacy sigreturn) only where the kernel has one (i386).
 */
void __restore(void);
void __restore_rt(void);
