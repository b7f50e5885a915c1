/* setjmp.S: setjmp/_setjmp and longjmp/_longjmp (the signal mask is sigsetjmp's business). */

/*
 * jmp_buf's __jb (bits/setjmp.h): rbx, rbp, r12, r13, r14, r15 (the callee-saved registers),
 * the caller's rsp after the return, and the return address. longjmp restores them and
 * "returns" from setjmp with val, or 1 when val is 0.
 */
    .text
    .globl setjmp, _setjmp
    .type setjmp, @function
    .type _setjmp, @function
setjmp:
_setjmp:
    mov %rbx, 0(%rdi)
    mov %rbp, 8(%rdi)
    mov %r12, 16(%rdi)
    mov %r13, 24(%rdi)
    mov %r14, 32(%rdi)
    mov %r15, 40(%rdi)
    lea 8(%rsp), %rdx           /* rsp as the caller sees it after we return */
    mov %rdx, 48(%rdi)
    mov (%rsp), %rdx            /* the return address */
    mov %rdx, 56(%rdi)
    xor %eax, %eax
    ret
    .size setjmp, . - setjmp
    .size _setjmp, . - _setjmp

    .globl longjmp, _longjmp
    .type longjmp, @function
    .type _longjmp, @function
longjmp:
_longjmp:
    mov %esi, %eax              /* val */
    cmp $1, %eax                /* carry set only when val == 0 ... */
    adc $0, %eax                /* ... which makes it 1 */
    mov 0(%rdi), %rbx
    mov 8(%rdi), %rbp
    mov 16(%rdi), %r12
    mov 24(%rdi), %r13
    mov 32(%rdi), %r14
    mov 40(%rdi), %r15
    mov 48(%rdi), %rsp
    jmp *56(%rdi)
    .size longjmp, . - longjmp
    .size _longjmp, . - _longjmp

    .section .note.GNU-stack, "", @progbits
