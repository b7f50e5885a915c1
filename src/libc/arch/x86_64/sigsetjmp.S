/* sigsetjmp.S: setjmp that also saves the signal mask when savemask != 0. */

/*
 * It must be assembly: a C wrapper's own frame would be gone by the time siglongjmp jumps
 * back. So it records savemask in __fl (offset 64), reads the mask into __ss (offset 72)
 * with sigprocmask(SIG_BLOCK, NULL, &env->__ss), and then tail-jumps to setjmp with the
 * stack exactly as the caller left it. env survives the call on the stack (the push also
 * gives the call its 16-byte alignment); sigprocmask keeps rbx, rbp and r12-r15, so setjmp
 * saves the caller's values.
 */
    .text
    .globl sigsetjmp
    .type sigsetjmp, @function
sigsetjmp:
    movslq %esi, %rax           /* savemask, as the unsigned long __fl */
    mov %rax, 64(%rdi)
    test %eax, %eax
    jz setjmp
    push %rdi
    lea 72(%rdi), %rdx          /* old = &env->__ss */
    xor %esi, %esi              /* set = NULL */
    xor %edi, %edi              /* how = SIG_BLOCK (unused without a set) */
    call sigprocmask
    pop %rdi
    jmp setjmp
    .size sigsetjmp, . - sigsetjmp

    .section .note.GNU-stack, "", @progbits
