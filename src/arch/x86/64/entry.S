/* Kernel entry and exit, x86_64: one stub per vector, generated from one loop, each emitting
   its own vectors[] entry so that stubs and the IDT cannot drift; one common path builds the
   frame (see mode/frame.h) and calls trap_dispatch(); and the syscall instruction's entry.
   The kernel never uses fs or gs, so no entry needs swapgs: the app's bases stay loaded
   throughout, and nothing the app puts there can mislead the kernel. */
#include "arch/x86/64/segments.h"
#include "arch/x86/smap.h"
#include "kernel/syscall_nr.h"
#include <mode/exit_work.h>
#include <mode/layout.h>

#define EFLAGS_TF 0x100
#define EFLAGS_RF 0x10000

#define FRAME_R11 48 /* offsets in struct trap_frame (mode/frame.h) */
#define FRAME_RAX 80
#define FRAME_RCX 88
#define FRAME_VECTOR 120
#define FRAME_RIP 136
#define FRAME_CS 144
#define FRAME_RFLAGS 152
#define FRAME_RSP 160
#define FRAME_SIZE 176
#define SYSCALL_VECTOR 0x100 /* FRAME_SYSCALL_VECTOR */

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
                      (v) == 29 || (v) == 30)

    .section .entry.text, "ax"
    .align 16
vector = 0
    .rept 256
    .align 8
1:
    .if !HAS_ERROR(vector)
    pushq $0
    .endif
    pushq $vector
    jmp trap_common
    .pushsection .vectors, "a"
    .quad 1b
    .popsection
vector = vector + 1
    .endr

/* The general registers, below the vector: struct trap_frame from r15 up. */
.macro SAVE_REGS
    push %rdi
    push %rsi
    push %rdx
    push %rcx
    push %rax
    push %r8
    push %r9
    push %r10
    push %r11
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
.endm

.macro RESTORE_REGS
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    pop %r11
    pop %r10
    pop %r9
    pop %r8
    pop %rax
    pop %rcx
    pop %rdx
    pop %rsi
    pop %rdi
.endm

/* The app may have left DF set (the kernel's string copies assume it clear) or AC (which
   would open user memory to the kernel under SMAP). Gates already cleared TF and NT. */
trap_common:
    cld
    CLAC
    SAVE_REGS
    mov %rsp, %rdi /* the frame is 16-byte aligned: the CPU aligned its first push */
    call trap_dispatch
    .global trap_return
trap_return:
    testb $EXIT_MDS, exit_work(%rip)
    jnz 9f
1:  RESTORE_REGS
    add $16, %rsp /* vector, error */
    .global trap_iret
trap_iret:
    iretq /* a fault here (a non-canonical rip from sigreturn) becomes the app's signal */

/* MDS: clear the CPU's buffers with verw before every return to ring 3. */
9:  testb $3, FRAME_CS(%rsp)
    jz 1b
    verw mds_verw_sel(%rip)
    jmp 1b

/* syscall: rip is in rcx and rflags in r11; FMASK cleared IF, TF, DF, AC and NT; rsp is still
   the app's. Build the same frame an interrupt from ring 3 would, at the top of the kernel
   stack, then straight to the handler in syscall_table with the ABI's arguments, which are
   the C convention's but for the fourth (r10 for rcx). The exit is sysretq when nothing is
   pending and the frame still says what sysret would restore anyway; iretq otherwise. */
    .global syscall_entry
syscall_entry:
    mov %rsp, syscall_user_rsp(%rip) /* the one CPU, interrupts off: a scratch word serves */
    lea kernel_stack_top(%rip), %rsp
    pushq $USER_DS
    pushq syscall_user_rsp(%rip)
    push %r11 /* rflags */
    pushq $USER_CS
    push %rcx /* rip */
    push %rax /* the error slot: the number (Linux's orig_ax), what a restart runs again */
    pushq $SYSCALL_VECTOR
    SAVE_REGS
    cmp $NR_SYSCALLS, %rax
    jae 2f
    mov %r10, %rcx
    call *syscall_table(, %rax, 8)
1:  mov %rax, FRAME_RAX(%rsp)
    mov sig_pending(%rip), %rcx /* anything pending at all? then C decides */
    test %rcx, %rcx
    jnz 3f
    /* sysret loads rip from rcx and rflags from r11, and never checks either: it may leave
       only when they are the frame's rip and rflags, rip is in the app's half (a
       non-canonical rip would fault in ring 0, on the app's stack), and neither TF nor RF
       asks for iretq's care. Only sigreturn changes those, and exit work goes by iretq. */
    cmpb $0, exit_work(%rip)
    jne trap_return
    mov FRAME_RIP(%rsp), %rcx
    cmp FRAME_RCX(%rsp), %rcx
    jne trap_return
    mov FRAME_RFLAGS(%rsp), %r11
    cmp FRAME_R11(%rsp), %r11
    jne trap_return
    test $(EFLAGS_TF | EFLAGS_RF), %r11d
    jnz trap_return
    movabs $USER_TOP, %rdx
    cmp %rdx, %rcx
    jae trap_return
    RESTORE_REGS /* rcx and r11 get what they already hold */
    mov FRAME_RSP - FRAME_VECTOR(%rsp), %rsp
    sysretq
2:  call sys_ni_syscall
    jmp 1b
3:  mov %rsp, %rdi
    call syscall_exit_work
    jmp trap_return

/* syscall from 32-bit compatibility mode (CSTAR): unreachable, as the GDT holds no 32-bit user
   code segment; should it ever be reached, it fails with -ENOSYS, as Linux without IA32
   emulation does. */
    .global syscall_compat_entry
syscall_compat_entry:
    mov $-38, %eax /* -ENOSYS */
    sysretl

/* void cpu_wait(void), cpu_interrupt_window(void): see arch/x86/cpu.h. */
    .global cpu_wait, cpu_interrupt_window
cpu_wait:
    sti
    hlt
    cli
    ret
cpu_interrupt_window:
    sti
    nop
    cli
    ret

/* void frame_enter(struct trap_frame *f): leave for the frame, never to return here. */
    .global frame_enter
frame_enter:
    mov %rdi, %rsp
    jmp trap_return

    .section .note.GNU-stack, "", @progbits

    .section .data.entry, "aw"
    .global exit_work
exit_work: /* EXIT_MDS: set at boot from the CPU */
    .byte 0
    .align 8
syscall_user_rsp:
    .quad 0
mds_verw_sel:
    .word KERNEL_DS
