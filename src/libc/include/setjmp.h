/* setjmp.h: non-local jumps; sigsetjmp can save the signal mask for siglongjmp to restore. */
#pragma once

#include <signal.h>

/*
 * The layout arch/i386/setjmp.S and sigsetjmp.S rely on:
 *   __jb  at 0:  ebx, esi, edi, ebp, the caller's esp, the return address
 *   __fl  at 24: nonzero when __ss holds a mask to restore (sigsetjmp only)
 *   __ss  at 28: the saved signal mask
 */
typedef struct __jmp_buf_tag {
    unsigned long __jb[6];
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
