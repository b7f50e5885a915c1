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
/* The words from vector up (vector, error, rip, cs, rflags, rsp, ss): what the stub and the
   CPU push on an entry from ring 3, before the registers are saved. */
#define ENTRY_WORDS_SIZE (FRAME_SIZE - FRAME_VECTOR)
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
    .if vector == 8
    jmp double_fault_entry
    .else
    jmp trap_common
    .endif
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

/* KPTI (pti=on): switch to the kernel's page tables, and move a frame that the CPU pushed on
   the entry stack (an entry from ring 3) to the kernel stack, where frame_user() has it.
   Always switching covers a fault inside the exit path too. */
.macro PTI_ENTER
    testb $EXIT_PTI, exit_work(%rip)
    jz 2f
    push %rax
    mov pti_kernel_cr3(%rip), %rax
    mov %rax, %cr3
    testb $3, 8 + FRAME_CS - FRAME_VECTOR(%rsp) /* above the saved rax */
    jz 3f
    .irp off, 0, 8, 16, 24, 32, 40, 48 /* vector to ss */
    mov 8 + \off(%rsp), %rax
    mov %rax, kernel_stack_top - ENTRY_WORDS_SIZE + \off(%rip)
    .endr
    pop %rax
    lea kernel_stack_top - ENTRY_WORDS_SIZE(%rip), %rsp
    jmp 2f
3:  pop %rax
2:
.endm

/* #DF, on its IST stack: a panic, which double_fault() words (never returns). */
double_fault_entry:
    cld
    testb $EXIT_PTI, exit_work(%rip)
    jz 1f
    push %rax
    mov pti_kernel_cr3(%rip), %rax
    mov %rax, %cr3
    pop %rax
1:  SAVE_REGS
    mov %rsp, %rdi
    call double_fault

/* The app may have left DF set (the kernel's string copies assume it clear) or AC (which
   would open user memory to the kernel under SMAP). Gates already cleared TF and NT. */
trap_common:
    cld
    CLAC
    PTI_ENTER
    SAVE_REGS
    mov %rsp, %rdi /* the frame is 16-byte aligned: the CPU aligned its first push */
    call trap_dispatch
    .global trap_return
trap_return:
    cmpb $0, exit_work(%rip) /* MDS or KPTI work on the way out? */
    jne 9f
1:  RESTORE_REGS
    add $16, %rsp /* vector, error */
    .global trap_iret
trap_iret:
    iretq /* a fault here (a non-canonical rip from sigreturn) becomes the app's signal */

/* MDS: clear the CPU's buffers with verw before every return to ring 3. */
9:  testb $3, FRAME_CS(%rsp)
    jz 1b
    testb $EXIT_MDS, exit_work(%rip)
    jz 10f
    verw mds_verw_sel(%rip)
/* KPTI: to ring 3 through the entry stack, the kernel stack no longer mapped; rax carries the
   app's page tables until RESTORE_REGS gives it back its value. */
10: testb $EXIT_PTI, exit_work(%rip)
    jz 1b
    mov %rsp, %rsi
    lea entry_stack_top - FRAME_SIZE(%rip), %rdi
    mov $(FRAME_SIZE / 8), %ecx
    rep movsq
    lea entry_stack_top - FRAME_SIZE(%rip), %rsp
    mov pti_user_cr3(%rip), %rax
    mov %rax, %cr3
    jmp 1b

/* syscall: rip is in rcx and rflags in r11; FMASK cleared IF, TF, DF, AC and NT; rsp is still
   the app's. Build the same frame an interrupt from ring 3 would, at the top of the kernel
   stack, then to the slot in syscall_table, which takes the arguments from the frame. The
   exit is sysretq when nothing is pending and the frame still says what sysret would restore
   anyway; iretq otherwise. */
    .global syscall_entry
syscall_entry:
    mov %rsp, syscall_user_rsp(%rip) /* the one CPU, interrupts off: a scratch word serves */
    testb $EXIT_PTI, exit_work(%rip)
    jz 1f
    mov pti_kernel_cr3(%rip), %rsp /* KPTI: the kernel's page tables, rsp the only free register */
    mov %rsp, %cr3
1:  lea kernel_stack_top(%rip), %rsp
    pushq $USER_DS
    pushq syscall_user_rsp(%rip)
    push %r11 /* rflags */
    pushq $USER_CS
    push %rcx /* rip */
    push %rax /* the error slot: the number (Linux's orig_ax), what a restart runs again */
    pushq $SYSCALL_VECTOR
    SAVE_REGS
    mov %eax, %eax /* the number is an int, as Linux reads it: rax's upper half is ignored */
    cmp $NR_SYSCALLS, %rax
    jae 2f
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
    .global exit_work, pti_kernel_cr3, pti_user_cr3
exit_work: /* EXIT_PTI | EXIT_MDS: set at boot from the command line and the CPU */
    .byte 0
    .align 8
pti_kernel_cr3:
    .quad 0
pti_user_cr3:
    .quad 0
syscall_user_rsp:
    .quad 0
mds_verw_sel:
    .word KERNEL_DS

/* KPTI's entry stack: the CPU pushes ring-3 entries here (TSS rsp0) when pti=on. */
    .section .bss.entry, "aw", @nobits
    .align 4096
    .global entry_stack_top
    .skip 8192
entry_stack_top:
