/* x86_64's system call table (kernel/syscall.c has i386's): each slot's handler as its
   address's low 32 bits, which the entry's movslq sign-extends (the kernel lies in the top
   2 GiB, -mcmodel=kernel), at half a pointer's room. The list is in ascending order; the
   slots it skips, and the hole (kernel/syscall_nr.h), get sys_ni_syscall. */
#include "kernel/syscall_nr.h"

.macro SLOT nr, entry
    .if \nr >= SYSCALL_HOLE_END
    .set slot, \nr - SYSCALL_HOLE
    .else
    .set slot, \nr
    .endif
    .rept slot - next
    HANDLER sys_ni_syscall
    .endr
    HANDLER \entry
    .set next, slot + 1
.endm
.macro HANDLER entry
    .reloc ., R_X86_64_32S, \entry
    .long 0
.endm
#define SYSCALL(nr, name, entry, nargs) SLOT nr, entry;

    .section .rodata
    .balign 4
    .global syscall_table
syscall_table:
    .set next, 0
#include ABI_SYSCALL_LIST
    .rept SYSCALL_SLOTS - next
    HANDLER sys_ni_syscall
    .endr

    .section .note.GNU-stack, "", @progbits
