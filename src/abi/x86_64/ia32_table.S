/* i386's system call table for int $0x80 in a 64-bit app (ia32.c): each number's handler as
   its 32-bit offset from the table (the kernel lies in one 2 GiB window, so that suffices, at
   half a pointer's room); a hole is 0. */
#define sys_sigreturn ia32_sigreturn /* i386's frames: ia32.c */
#define sys_rt_sigreturn ia32_sigreturn
#define SYSCALL(nr, name, entry, nargs) .org ia32_table + (nr) * 4; .long entry - ia32_table;

    .section .rodata
    .balign 4
    .global ia32_table, ia32_table_end
ia32_table:
#include <i386/syscall_list.h>
ia32_table_end:

    .section .note.GNU-stack, "", @progbits
