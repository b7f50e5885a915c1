/* sigsetjmp.S: setjmp that also saves the signal mask when savemask != 0. */

/*
 * It must be assembly: a C wrapper's own frame would be gone by the time siglongjmp jumps
 * back. So it records savemask in __fl (offset 24), reads the mask into __ss (offset 28)
 * with sigprocmask(SIG_BLOCK, NULL, &env->__ss), and then tail-jumps to setjmp with the
 * stack exactly as the caller left it. sigprocmask keeps ebx, esi, edi and ebp, so setjmp
 * saves the caller's values.
 */
    .text
    .globl sigsetjmp
    .type sigsetjmp, @function
sigsetjmp:
    mov 4(%esp), %ecx           /* env */
    mov 8(%esp), %eax           /* savemask */
    mov %eax, 24(%ecx)
    test %eax, %eax
    jz setjmp
    lea 28(%ecx), %eax
    push %eax                   /* old = &env->__ss */
    push $0                     /* set = NULL */
    push $0                     /* how = SIG_BLOCK (unused without a set) */
    call sigprocmask
    add $12, %esp
    jmp setjmp
    .size sigsetjmp, . - sigsetjmp

    .section .note.GNU-stack, "", @progbits
