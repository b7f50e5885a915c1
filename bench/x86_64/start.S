/* The x86_64 benchmark's entry, as bench/start.S is the i386 one's: rdtsc first, so under
   QEMU's icount it reads how many instructions ran from reset to here; then musl's usual
   start-up (its crt1's _start_c, with no init or fini of its own). */
    .text
    .global _start
_start:
    rdtsc
    mov %eax, bench_tsc_at_entry(%rip)
    mov %edx, bench_tsc_at_entry + 4(%rip)
    xor %ebp, %ebp
    mov (%rsp), %esi        /* argc */
    lea 8(%rsp), %rdx       /* argv */
    and $-16, %rsp
    lea main(%rip), %rdi
    xor %ecx, %ecx          /* init */
    xor %r8d, %r8d          /* fini */
    xor %r9d, %r9d          /* ldso dummy */
    call __libc_start_main
    hlt

    .section .note.GNU-stack, "", @progbits
