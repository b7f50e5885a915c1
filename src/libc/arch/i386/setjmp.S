/* setjmp.S: setjmp/_setjmp and longjmp/_longjmp (the signal mask is sigsetjmp's business). */

/*
 * jmp_buf's __jb: ebx, esi, edi, ebp (the callee-saved registers), the caller's esp after
 * the return, and the return address. longjmp restores them and "returns" from setjmp with
 * val, or 1 when val is 0.
 */
    .text
    .globl setjmp, _setjmp
    .type setjmp, @function
    .type _setjmp, @function
setjmp:
_setjmp:
    mov 4(%esp), %eax           /* env */
    mov %ebx, 0(%eax)
    mov %esi, 4(%eax)
    mov %edi, 8(%eax)
    mov %ebp, 12(%eax)
    lea 4(%esp), %ecx           /* esp as the caller sees it after we return */
    mov %ecx, 16(%eax)
    mov (%esp), %ecx            /* the return address */
    mov %ecx, 20(%eax)
    xor %eax, %eax
    ret
    .size setjmp, . - setjmp
    .size _setjmp, . - _setjmp

    .globl longjmp, _longjmp
    .type longjmp, @function
    .type _longjmp, @function
longjmp:
_longjmp:
    mov 4(%esp), %edx           /* env */
    mov 8(%esp), %eax           /* val */
    cmp $1, %eax                /* carry set only when val == 0 ... */
    adc $0, %eax                /* ... which makes it 1 */
    mov 0(%edx), %ebx
    mov 4(%edx), %esi
    mov 8(%edx), %edi
    mov 12(%edx), %ebp
    mov 16(%edx), %esp
    jmp *20(%edx)
    .size longjmp, . - longjmp
    .size _longjmp, . - _longjmp

    .section .note.GNU-stack, "", @progbits
