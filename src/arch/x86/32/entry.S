/* Kernel entry and exit: one stub per vector, generated from one loop, each emitting its own
   vectors[] entry so that stubs and the IDT cannot drift; one common path builds the frame
   (see mode/frame.h) and calls trap_dispatch(). */
#include "arch/x86/segments.h"

#define FRAME_CS 52 /* offsetof(struct trap_frame, cs) */
#define FRAME_SIZE 68 /* sizeof(struct trap_frame) */
#define EFLAGS_IF 0x200

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
    pushl $0
    .endif
    pushl $vector
    .if vector == 0x80
    jmp syscall_common /* system calls skip trap_dispatch's switch */
    .else
    jmp trap_common
    .endif
    .pushsection .vectors, "a"
    .long 1b
    .popsection
vector = vector + 1
    .endr


/* EFLAGS = 0x2: the app may have left DF (the kernel's string copies assume it clear),
   AC (which would open user memory to the kernel under SMAP) or TF (sysenter) set. */
.macro CLEAR_FLAGS
    pushl $2
    popfl
.endm

/* The rest of the frame, then the C handler with the frame as its argument. */
.macro SAVE_FRAME_AND_CALL handler
    push %ds
    push %es
    pusha
    mov $USER_DS, %eax /* flat; the kernel keeps using the app's data segment, as Linux does */
    mov %eax, %ds
    mov %eax, %es
    push %esp
    call \handler
    add $4, %esp
.endm

/* KPTI (pti=on): switch to the kernel's page tables, and move a frame that the CPU pushed on
   the entry stack (a ring-3 entry) to the kernel stack, where frame_user() has it. Always
   switching covers a fault inside the exit path too. */
.macro PTI_ENTER
    cmpb $0, pti_on
    je 1f
    push %eax
    mov pti_kernel_cr3, %eax
    mov %eax, %cr3
    pop %eax
    testl $3, 12(%esp) /* cs, above vector, error and eip */
    jz 1f
    push %esi
    push %edi
    push %ecx
    lea 12(%esp), %esi
    mov $(boot_stack_top - 28), %edi
    mov $7, %ecx
    rep movsl
    pop %ecx
    pop %edi
    pop %esi
    mov $(boot_stack_top - 28), %esp
1:
.endm

syscall_common:
    CLEAR_FLAGS
    PTI_ENTER
    SAVE_FRAME_AND_CALL syscall_entry
    jmp trap_return

trap_common:
    CLEAR_FLAGS
    PTI_ENTER
    SAVE_FRAME_AND_CALL trap_dispatch
    .global trap_return
trap_return:
    /* MDS: clear the CPU's buffers with verw before every return to ring 3, when enabled. */
    cmpb $0, mds_clear
    jne 9f
8:  cmpb $0, pti_on
    jne 10f
11: popa
1:  pop %es
2:  pop %ds
    add $8, %esp /* vector, error */
    .global trap_iret
trap_iret:
    iret /* a fault here (bad cs or ss from sigreturn) is turned into a signal by trap.c */

9:  testb $3, FRAME_CS(%esp)
    jz 8b
    verw mds_verw_sel
    jmp 8b

/* KPTI: to ring 3 through the entry stack, the kernel stack no longer mapped. */
10: testb $3, FRAME_CS(%esp)
    jz 11b
    mov %esp, %esi
    mov $(entry_stack_top - FRAME_SIZE), %edi
    mov $(FRAME_SIZE / 4), %ecx
    rep movsl
    mov $(entry_stack_top - FRAME_SIZE), %esp
    mov pti_user_cr3, %eax
    mov %eax, %cr3
    jmp 11b

/* After a fault in the exit path (handled with the kernel's page tables), back to the
   app's before going on. */
.macro PTI_REENTER_USER
    cmpb $0, pti_on
    je 12f
    push %eax
    mov pti_user_cr3, %eax
    mov %eax, %cr3
    pop %eax
12:
.endm

/* A data selector that no longer loads (sigreturn may restore any) becomes the null
   selector, as on Linux: the pop is retried with 0 in its slot. */
3:  movl $0, (%esp)
    PTI_REENTER_USER
    jmp 1b
4:  movl $0, (%esp)
    PTI_REENTER_USER
    jmp 2b
    .pushsection __ex_table, "a"
    .long 1b, 3b
    .long 2b, 4b
    .popsection

/* void load_user_fs(uint32_t sel), load_user_gs(uint32_t sel): load the app's fs or gs;
   a selector that faults loads as null instead. The kernel itself never uses fs or gs. */
    .global load_user_fs
load_user_fs:
    mov 4(%esp), %eax
5:  mov %eax, %fs
    ret
6:  xor %eax, %eax
    mov %eax, %fs
    ret
    .global load_user_gs
load_user_gs:
    mov 4(%esp), %eax
7:  mov %eax, %gs
    ret
8:  xor %eax, %eax
    mov %eax, %gs
    ret
    .pushsection __ex_table, "a"
    .long 5b, 6b
    .long 7b, 8b
    .popsection

/* sysenter from __kernel_vsyscall (vsyscall_code.S): esp is the kernel stack's top (MSR),
   ebp the app's stack, and eip and esp are otherwise lost. Build the same frame as
   int $0x80's, so that everything after (signals, restarts, sigreturn) is shared, and leave
   through iret. If the app single-steps into sysenter, TF stays set here until CLEAR_FLAGS:
   pushfl saves it for the app, and trap.c ignores the #DBs in between. */
    .global sysenter_entry, sysenter_tf_region_end
sysenter_entry:
    pushfl                  /* in the ss slot for now */
    pushl %ebp              /* esp */
    pushl 4(%esp)           /* eflags */
    orl $EFLAGS_IF, (%esp)  /* sysenter cleared IF; the app runs with it set */
    movl $USER_DS, 8(%esp)  /* ss */
    pushl $USER_CS
    pushl sysenter_return_addr
    pushl $0
    pushl $0x80
    CLEAR_FLAGS
sysenter_tf_region_end:
    SAVE_FRAME_AND_CALL sysenter_entry_c
    jmp trap_return

/* The double-fault task starts here, on its own stack, with the error code pushed. */
    .global double_fault_task
double_fault_task:
    cld
    call double_fault

/* void frame_enter(struct trap_frame *f): leave for the frame, never to return here. */
    .global frame_enter
frame_enter:
    mov 4(%esp), %esp
    jmp trap_return

    .section .note.GNU-stack, "", @progbits

    .section .data.entry, "aw"
    .global mds_clear, pti_on, pti_kernel_cr3, pti_user_cr3
mds_clear:
    .byte 0
pti_on:
    .byte 0
    .align 4
pti_kernel_cr3:
    .long 0
pti_user_cr3:
    .long 0
mds_verw_sel:
    .word KERNEL_DS

/* KPTI's entry stack: the CPU pushes ring-3 entries here (TSS esp0) when pti=on. */
    .section .bss.entry, "aw", @nobits
    .align 4096
    .global entry_stack_top
    .skip 8192
entry_stack_top:
