/* The code of the vsyscall page: copied into a page of the app's own, never run from here. */
#include <i386/unistd.h>

    .section .rodata
    .global vsyscall_code_start, vsyscall_code_end
    .global vsyscall_sigreturn, vsyscall_rt_sigreturn
    .global vsyscall_kernel_vsyscall, vsyscall_int80, vsyscall_sysenter_return
vsyscall_code_start:
/* AT_SYSINFO: Linux's __kernel_vsyscall. sysenter loses esp and eip, so the kernel finds
   the app's stack in ebp (the sixth argument, when a call needs it, is read from (%ebp)) and
   returns to vsyscall_sysenter_return. A restarted system call backs up 2 bytes onto the
   int $0x80, which takes all six arguments in registers. The kernel always returns through
   iret with every register restored, so unlike Linux's (whose sysexit clobbers them) this
   one need not save ecx and edx. */
vsyscall_kernel_vsyscall:
    push %ebp
    movl %esp, %ebp
    sysenter
vsyscall_int80:
    int $0x80
vsyscall_sysenter_return:
    pop %ebp
    ret
    .align 16
/* The handler's ret pops pretcode; sig is still on the stack (legacy frame only). */
vsyscall_sigreturn:
    popl %eax
    movl $__NR_sigreturn, %eax
    int $0x80
    .align 16
vsyscall_rt_sigreturn:
    movl $__NR_rt_sigreturn, %eax
    int $0x80
vsyscall_code_end:

    .section .note.GNU-stack, "", @progbits
