/* The code of the vsyscall page: copied into a page of the app's own, never run from here. */
    .section .rodata
    .global vsyscall_code_start, vsyscall_code_end
    .global vsyscall_sigreturn, vsyscall_rt_sigreturn
vsyscall_code_start:
/* The handler's ret pops pretcode; sig is still on the stack (legacy frame only). */
vsyscall_sigreturn:
    popl %eax
    movl $119, %eax /* sigreturn */
    int $0x80
    .align 16
vsyscall_rt_sigreturn:
    movl $173, %eax /* rt_sigreturn */
    int $0x80
vsyscall_code_end:

    .section .note.GNU-stack, "", @progbits
