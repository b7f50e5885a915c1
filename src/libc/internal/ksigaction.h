/* ksigaction.h (internal): the kernel's struct sigaction and the libc's signal return stubs. */
#pragma once

#include <signal.h>

/* Linux i386's struct sigaction as rt_sigaction reads it: the mask comes last. */
struct k_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask[2];
};
_Static_assert(sizeof(struct k_sigaction) == 20, "k_sigaction layout");

/* Every sigset the kernel sees is 8 bytes (64 signals). */
#define KSIGSET_SIZE 8
_Static_assert(sizeof(sigset_t) == KSIGSET_SIZE, "sigset_t is the kernel's");

/* arch/i386/restore.S: where a handler returns to; sigreturn (legacy) or rt_sigreturn. */
void __restore(void);
void __restore_rt(void);
