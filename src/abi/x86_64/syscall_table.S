/* x86_64's system call table (kernel/syscall.c has i386's): each slot's handler as its
   address's low 32 bits, which the entry's movslq sign-extends (the kernel lies in the top
   2 GiB, -mcmodel=kernel), at half a pointer's room. The list is in ascending order; the
   slots it skips, and the hole (kernel/syscall_nr.h), get sys_ni_syscall. A handler that
   mode/syscall_direct.h does not list has syscall_cold in its slot, and its address in the
   same slot of syscall_cold_table, which holds 0 for the others. */
#include "kernel/syscall_nr.h"
#include <mode/syscall_direct.h>

.macro SLOT nr, entry, direct, cold
    .if \nr >= SYSCALL_HOLE_END
    .set slot, \nr - SYSCALL_HOLE
    .else
    .set slot, \nr
    .endif
    .rept slot - next
    HANDLER sys_ni_syscall, 1, \cold
    .endr
    HANDLER \entry, \direct, \cold
    .set next, slot + 1
.endm
/* The direct table (cold 0) or the cold one (cold 1). */
.macro HANDLER entry, direct, cold
    .if \direct && !\cold
    .reloc ., R_X86_64_32S, \entry
    .elseif !\direct && \cold
    .reloc ., R_X86_64_32S, \entry
    .elseif !\direct
    .reloc ., R_X86_64_32S, syscall_cold
    .endif
    .long 0
.endm

    .section .rodata
    .balign 4
    .global syscall_table, syscall_cold_table
syscall_table:
    .set next, 0
#define SYSCALL(nr, name, entry, nargs) SLOT nr, entry, SYSCALL_DIRECT(entry), 0;
#include ABI_SYSCALL_LIST
#undef SYSCALL
    .rept SYSCALL_SLOTS - next
    HANDLER sys_ni_syscall, 1, 0
    .endr

syscall_cold_table:
    .set next, 0
#define SYSCALL(nr, name, entry, nargs) SLOT nr, entry, SYSCALL_DIRECT(entry), 1;
#include ABI_SYSCALL_LIST
#undef SYSCALL

    .section .note.GNU-stack, "", @progbits
