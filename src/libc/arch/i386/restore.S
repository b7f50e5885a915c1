/* restore.S: the signal return stubs sigaction() installs as the SA_RESTORER. */

/*
 * A handler's frame starts with the return address, so `ret` lands here with esp at the
 * frame's next word. These are Linux's exact byte sequences (gdb and unwinders recognise
 * them): the legacy frame's `sig` argument is popped first so esp points at its sigcontext;
 * rt_sigreturn finds its ucontext itself. Neither returns.
 */
#include <i386/unistd.h>

    .text
    .globl __restore
    .type __restore, @function
__restore:
    popl %eax
    movl $__NR_sigreturn, %eax
    int $0x80
    hlt
    .size __restore, . - __restore

    .globl __restore_rt
    .type __restore_rt, @function
__restore_rt:
    movl $__NR_rt_sigreturn, %eax
    int $0x80
    hlt
    .size __restore_rt, . - __restore_rt

    .section .note.GNU-stack, "", @progbits
