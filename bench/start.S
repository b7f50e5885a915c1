/* The benchmark's entry: rdtsc is its very first instruction, so under QEMU's icount it
   reads how many instructions ran from reset to here. Then musl's usual start-up. */
    .text
    .global _start
_start:
    rdtsc
    mov %eax, bench_tsc_at_entry
    mov %edx, bench_tsc_at_entry + 4
    xor %ebp, %ebp
    mov %esp, %eax
    mov (%eax), %ecx        /* argc */
    lea 4(%eax), %edx       /* argv */
    and $-16, %esp
    push %eax
    push %eax
    push $0                 /* ldso dummy */
    push $0                 /* fini */
    push $0                 /* init */
    push %edx
    push %ecx
    push $main
    call __libc_start_main
    hlt

    .section .note.GNU-stack, "", @progbits
