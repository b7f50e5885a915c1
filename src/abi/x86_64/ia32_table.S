/* i386's system call table for int $0x80 in a 64-bit app (ia32.c), in two parts. ia32_table:
   the handlers moat has, in the order of their numbers, each as its 32-bit offset from the
   table (the kernel lies in one 2 GiB window, so that suffices, at half a pointer's room).
   ia32_present: a bit for each number up to the last handler's, set where moat has one, so
   that a handler's place in ia32_table is the count of bits set below its own. A number moat
   leaves out (172 of 451) takes a bit, not 4 bytes: 0.6 KiB less. */
#define sys_sigreturn ia32_sigreturn /* i386's frames: ia32.c */
#define sys_rt_sigreturn ia32_sigreturn
/* i386's calls from before the real-time signals, which Linux x86_64 takes from int $0x80 too,
   are left out (ENOSYS, as before moat's i386 kernel had them): 0.6 KiB of moat64.elf. */
#define sys_signal sys_ni_syscall
#define sys_sigaction sys_ni_syscall
#define sys_sgetmask sys_ni_syscall
#define sys_ssetmask sys_ni_syscall
#define sys_sigsuspend sys_ni_syscall
#define sys_sigpending sys_ni_syscall
#define sys_sigprocmask sys_ni_syscall

/* The handler's offset, if moat has one. */
.macro HANDLER entry
    .ifnc \entry, sys_ni_syscall
    .long \entry - ia32_table
    .endif
.endm

/* The handler's bit, if moat has one; each 64-bit word out once the list has passed it. */
.macro PRESENT nr, entry
    .ifnc \entry, sys_ni_syscall
    .rept \nr / 64 - word
    .quad bits
    .set bits, 0
    .set word, word + 1
    .endr
    .set bits, bits | (1 << (\nr % 64))
    .endif
.endm

    .section .rodata
    .balign 8
    .global ia32_present, ia32_present_end, ia32_table
ia32_present:
    .set word, 0
    .set bits, 0
#define SYSCALL(nr, name, entry, nargs) PRESENT nr, entry;
#include <i386/syscall_list.h>
#undef SYSCALL
    .quad bits
ia32_present_end:

ia32_table:
#define SYSCALL(nr, name, entry, nargs) HANDLER entry;
#include <i386/syscall_list.h>
#undef SYSCALL

    .section .note.GNU-stack, "", @progbits
