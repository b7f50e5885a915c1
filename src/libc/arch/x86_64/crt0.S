/* crt0.S: _start, the app's entry point; hands the initial stack to __libc_start in C. */

/*
 * Entry state (Linux x86_64): rsp points at argc (a full 8-byte word), then argv[], NULL,
 * envp[], NULL and the auxv pairs ending with AT_NULL; rdx holds a function for atexit (zero
 * from Linux's loader, which a static app ignores, as musl's does). Clear rbp so backtraces
 * stop here, align the stack to 16 bytes as the SysV ABI wants at a call, and never return.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %rsp, %rdi
    and $-16, %rsp
    call __libc_start
    hlt
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
