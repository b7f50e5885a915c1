/* x86_64's system call table (kernel/syscall.c has i386's): each slot's handler as its
   address's low 32 bits, which the entry's movslq sign-extends (the kernel lies in the top
   2 GiB, -mcmodel=kernel), at half a pointer's room. The list is in ascending order; the
   slots it skips, and the hole (kernel/syscall_nr.h), get sys_ni_syscall. A handler that
   mode/syscall_direct.h does not list has syscall_cold in its slot, and syscall_cold finds
   it in two more tables: syscall_cold_index, a byte for each slot up to the last such
   handler's, which numbers it in syscall_cold_handlers, their addresses, each once, in the
   order the list first names them. A byte and a packed list, not a second table of addresses
   (whose other 150 slots held 0), take 250 bytes less; the rarer calls pay one instruction. */
#include "kernel/syscall_nr.h"
#include <mode/syscall_direct.h>

/* The slot of number nr, below or past the hole. */
.macro SLOT_OF nr
    .if \nr >= SYSCALL_HOLE_END
    .set slot, \nr - SYSCALL_HOLE
    .else
    .set slot, \nr
    .endif
.endm

/* A handler's address's low 32 bits. */
.macro ADDRESS entry
    .reloc ., R_X86_64_32S, \entry
    .long 0
.endm

/* syscall_table's slots: the handler itself if the entry calls it directly, else syscall_cold. */
.macro DIRECT nr, entry, direct
    SLOT_OF \nr
    .rept slot - next
    ADDRESS sys_ni_syscall
    .endr
    .if \direct
    ADDRESS \entry
    .else
    ADDRESS syscall_cold
    .endif
    .set next, slot + 1
.endm

/* syscall_cold_handlers: each cold handler where the list first names it, which numbers it
   (.Lcold_<handler>, the byte INDEX writes). */
.macro HANDLER entry, direct
    .if !\direct
    .ifndef .Lcold_\entry
    .set .Lcold_\entry, handlers
    .set handlers, handlers + 1
    ADDRESS \entry
    .endif
    .endif
.endm

/* syscall_cold_index's bytes: a cold handler's number, 0 in the slots syscall_cold never
   reads. */
.macro INDEX nr, entry, direct
    .if !\direct
    SLOT_OF \nr
    .rept slot - next
    .byte 0
    .endr
    .byte .Lcold_\entry
    .set next, slot + 1
    .endif
.endm

    .section .rodata
    .balign 4
    .global syscall_table, syscall_cold_handlers, syscall_cold_index
syscall_table:
    .set next, 0
#define SYSCALL(nr, name, entry, nargs) DIRECT nr, entry, SYSCALL_DIRECT(entry);
#include ABI_SYSCALL_LIST
#undef SYSCALL
    .rept SYSCALL_SLOTS - next
    ADDRESS sys_ni_syscall
    .endr

syscall_cold_handlers:
    .set handlers, 0
#define SYSCALL(nr, name, entry, nargs) HANDLER entry, SYSCALL_DIRECT(entry);
#include ABI_SYSCALL_LIST
#undef SYSCALL
    .if handlers > 256
    .error "more cold handlers than syscall_cold_index's bytes can number"
    .endif

syscall_cold_index:
    .set next, 0
#define SYSCALL(nr, name, entry, nargs) INDEX nr, entry, SYSCALL_DIRECT(entry);
#include ABI_SYSCALL_LIST
#undef SYSCALL

    .section .note.GNU-stack, "", @progbits
