/* setjmp.h: non-local jumps; sigsetjmp can save the signal mask for siglongjmp to restore. */
#pragma once

#include <bits/setjmp.h>
#include <signal.h>

/*
 * The layout arch/ARCH/setjmp.S and sigsetjmp.S rely on:
 *   __jb  at 0:  the registers (bits/setjmp.h: 6 words on i386, 8 on x86_64)
 *   __fl  next:  nonzero when __ss holds a mask to restore (sigsetjmp only); i386 24, x86_64 64
 *   __ss  last:  the saved signal mask; i386 28, x86_64 72
 */
typedef struct __jmp_buf_tag {
    __jmp_buf __jb;
    unsigned long __fl;
    sigset_t __ss;
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
_Noreturn void _longjmp(jmp_buf env, int val);
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#define setjmp setjmp
