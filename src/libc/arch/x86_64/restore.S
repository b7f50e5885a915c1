/* restore.S: the signal return stub sigaction() installs as the SA_RESTORER. */

/*
 * A handler's frame starts with the return address, so `ret` lands here with rsp at the
 * frame's ucontext, which rt_sigreturn finds itself. x86_64 has only the rt frame, and Linux
 * requires SA_RESTORER for it. This is Linux's exact byte sequence (mov $15, %rax; syscall),
 * which gdb and unwinders recognise. It never returns.
 */
#include <x86_64/unistd.h>

    .text
    .globl __restore_rt
    .type __restore_rt, @function
__restore_rt:
    movq $__NR_rt_sigreturn, %rax
    syscall
    hlt
    .size __restore_rt, . - __restore_rt

    .section .note.GNU-stack, "", @progbits
