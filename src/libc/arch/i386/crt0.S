/* crt0.S: _start, the app's entry point; hands the initial stack to __libc_start in C. */

/*
 * Entry state (Linux i386): esp points at argc, then argv[], NULL, envp[], NULL and the auxv
 * pairs ending with AT_NULL; the general registers are zero. Clear ebp so backtraces stop
 * here, align the stack to 16 bytes as the SysV ABI wants at a call, and never return.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %esp, %eax
    and $-16, %esp
    sub $12, %esp
    push %eax
    call __libc_start
    hlt
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
