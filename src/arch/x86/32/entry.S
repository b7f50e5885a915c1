/* Kernel entry and exit: one stub per vector, generated from one loop, each emitting its own
   vectors[] entry so that stubs and the IDT cannot drift; one common path builds the frame
   (see mode/frame.h) and calls trap_dispatch(). */
#include "arch/x86/32/segments.h"
#include "arch/x86/smap.h"
#include "kernel/errno.h"
#include "kernel/syscall_nr.h"
#include <mode/layout.h>
#include <mode/exit_work.h>
#include <mode/frame.h>

#define FRAME_EAX 36 /* offsets in struct trap_frame (mode/frame.h) */
#define FRAME_VECTOR 40
#define FRAME_CS 52
#define FRAME_EFLAGS 56
#define FRAME_SS 64
#define FRAME_SIZE 68
/* The words from vector up (vector, error, eip, cs, eflags, esp, ss): what the stub and the
   CPU push on an entry from ring 3, before the registers are saved. */
#define ENTRY_WORDS_SIZE (FRAME_SIZE - FRAME_VECTOR)

#define EFLAGS_IF 0x200
#define EFLAGS_VM 0x20000

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
                      (v) == 29 || (v) == 30)

/* The stubs that jump to common themselves (5 bytes), each labelled 2 there: one in the
   middle of every 16 (9, 25, ...), and the app's usual faults (#UD, #GP, #PF), whose entry
   takes no extra jump. Each other stub jumps (2 bytes) to the nearest such jmp ahead of it in
   its 16, or behind: under 128 bytes away, the reach of a short jmp. The interrupts and rare
   exceptions take one jump more on their way in. */
#define HUB(v) ((v) % 16 == 9 || (v) == 6 || (v) == 13 || (v) == 14)

/* One stub per vector, for the tables of both kinds of entry (below), packed (6 to 12 bytes
   each, where 16 each took 8 KiB). A table holds each stub's offset from the first, base: 2
   bytes where its address took 4 (1 KiB off moat.elf); the assembler fails if one will not
   fit. */
.macro VECTOR_STUBS common, table, int80, nmi, base
    .align 16
    .global \base
\base:
vector = 0
    .rept 256
    .if vector == 0x80 /* system calls skip trap_dispatch's switch: syscall_int80 below */
    .pushsection \table, "a"
    .short \int80 - \base
    .popsection
    .else
1:
    .if !HAS_ERROR(vector)
    pushl $0
    .endif
    .if vector < 0x80
    pushl $vector
    .else
    pushl $(vector - 256) /* as a byte, which the CPU sign-extends: 2 bytes, where it took 5 */
    .endif
    .if vector == 2
    jmp \nmi
    .elseif HUB(vector)
2:  jmp \common
    .elseif vector % 16 < 9
    jmp 2f
    .else
    jmp 2b
    .endif
    .pushsection \table, "a"
    .short 1b - \base
    .popsection
    .endif
vector = vector + 1
    .endr
.endm

/* Every way in exists twice: as named here, and with _pti, which switches to the kernel's
   page tables first. paging.c points the IDT and sysenter at the _pti ones for pti=on, so
   that without it no entry tests for it. */
    .section .entry.text, "ax"
    VECTOR_STUBS trap_common, .vectors, syscall_int80, trap_common, vector_stubs
    VECTOR_STUBS trap_common_pti, .vectors_pti, syscall_int80_pti, nmi_pti, vector_stubs_pti


/* The app may have left DF set (the kernel's string copies assume it clear) or AC (which
   would open user memory to the kernel under SMAP). Gates already cleared TF and NT. */
.macro CLEAR_FLAGS
    cld
    CLAC
.endm

/* The rest of the frame, then the C handler with the frame as its argument. */
.macro SAVE_FRAME_AND_CALL handler
    pusha
    push %ds
    push %es
    mov $USER_DS, %eax /* flat; the kernel keeps using the app's data segment, as Linux does */
    mov %eax, %ds
    mov %eax, %es
    push %esp
    call \handler
    add $4, %esp
.endm

/* Until the stub reloads them, ds and es are the app's: it may have given them any base or
   limit (set_thread_area). So nothing here touches memory but through ss, the kernel's own
   flat segment since the CPU loaded it from the TSS or the gate: esp-based operands use it,
   the others say %ss: (no string instructions, which use ds and es). */

/* A trap from virtual-8086 mode (which QEMU's TCG lets a ring-3 iret enter: it does not check
   CPL) has es, ds, fs and gs pushed above ss. Drop them, moving the rest up, so that the frame
   is where every ring-3 frame is (frame_user()); trap.c never returns to vm86 mode. */
.macro VM86_FRAME_FIXUP
    testl $EFLAGS_VM, 16(%esp) /* eflags, above vector, error, eip and cs */
    jz 1f
    push %eax
    .irp off, 28, 24, 20, 16, 12, 8, 4 /* ss down to vector, 16 bytes up */
    mov \off(%esp), %eax
    mov %eax, \off + 16(%esp)
    .endr
    pop %eax
    lea 16(%esp), %esp
1:
.endm

/* KPTI (pti=on): switch to the kernel's page tables, and move a frame that the CPU pushed on
   the entry stack (an entry from ring 3 or vm86 mode) to the kernel stack, where
   frame_user() has it. Always switching covers a fault inside the exit path too. */
.macro PTI_ENTER
    push %eax
    mov %ss:pti_kernel_cr3, %eax
    mov %eax, %cr3
    testl $3, 4 + FRAME_CS - FRAME_VECTOR(%esp) /* above the saved eax */
    jnz 1f
    testl $EFLAGS_VM, 4 + FRAME_EFLAGS - FRAME_VECTOR(%esp)
    jz 3f
1:  .irp off, 0, 4, 8, 12, 16, 20, 24 /* vector to ss */
    mov 4 + \off(%esp), %eax
    mov %eax, %ss:kernel_stack_top - ENTRY_WORDS_SIZE + \off
    .endr
    pop %eax
    mov $(kernel_stack_top - ENTRY_WORDS_SIZE), %esp
    jmp 2f
3:  pop %eax
2:
.endm

/* The frame saved and the kernel's data segments loaded, eax the number: straight to the
   number's slot in syscall_table, which takes the arguments from the frame, then the result
   into the frame and out, to the pops unless there is more to do (a pending signal, work on
   the way out). Expanded where int $0x80 and sysenter finish their frames, so that neither
   jumps to the other's; result names the result's label, and the last copy (int $0x80's)
   falls into syscall_exit_slow. */
.macro SYSCALL_DISPATCH result, last
    cmp $NR_SYSCALLS, %eax
    jae syscall_nosys
    call *syscall_table(, %eax, 4)
    .ifnb \result
\result:
    .endif
    mov %eax, FRAME_EAX(%esp)
    cmpl $0, exit_work /* a signal maybe pending (C decides), or work on the way out? */
    je trap_return_pop
    .ifb \last
    jmp syscall_exit_slow
    .endif
.endm

/* int $0x80: C only when there is more to do (an out-of-range number, a pending signal).
   Never from vm86 mode: int $0x80 there is a #GP (IOPL 0, no VME). */
syscall_int80_pti:
    push %eax
    pushl $0x80
    CLEAR_FLAGS
    PTI_ENTER
    jmp 1f
syscall_int80:
    push %eax /* the error slot: the number (Linux's orig_eax), what a restart runs again */
    pushl $0x80
    CLEAR_FLAGS
1:  pusha
    push %ds
    push %es
    mov $USER_DS, %ecx
    mov %ecx, %ds
    mov %ecx, %es
    SYSCALL_DISPATCH syscall_result, last
syscall_exit_slow:
    push %esp
    call syscall_exit_work
    add $4, %esp
    jmp trap_return
syscall_nosys:
    call sys_ni_syscall
    jmp syscall_result

/* NMI under KPTI: it may land anywhere, the exit path's stretch on the app's page tables
   too, so it keeps the page tables it found, which its return puts back (trap_return). NMIs
   do not nest: one word serves. */
nmi_pti:
    push %eax
    mov %cr3, %eax
    mov %eax, %ss:nmi_cr3
    pop %eax
trap_common_pti:
    CLEAR_FLAGS
    VM86_FRAME_FIXUP
    PTI_ENTER
    jmp 1f
trap_common:
    CLEAR_FLAGS
    VM86_FRAME_FIXUP
1:  SAVE_FRAME_AND_CALL trap_dispatch
    .global trap_return
trap_return:
    testl $(EXIT_MDS | EXIT_PTI), exit_work /* MDS or KPTI work on the way out? */
    jne 9f
11:
trap_return_pop:
1:  pop %es
2:  pop %ds
    popa
    add $8, %esp /* vector, error */
    .global trap_iret
trap_iret:
    iret /* a fault here (bad cs or ss from sigreturn) is turned into a signal by trap.c */

/* MDS: clear the CPU's buffers with verw before every return to ring 3. */
9:  testb $3, FRAME_CS(%esp)
    jz 12f
    testb $EXIT_MDS, exit_work
    jz 10f
    verw mds_verw_sel
/* KPTI: to ring 3 through the entry stack, the kernel stack no longer mapped. */
10: testb $EXIT_PTI, exit_work
    jz 11b
    mov %esp, %esi
    mov $(entry_stack_top - FRAME_SIZE), %edi
    mov $(FRAME_SIZE / 4), %ecx
    rep movsl
    mov $(entry_stack_top - FRAME_SIZE), %esp
    mov pti_user_cr3, %eax
    mov %eax, %cr3
#ifdef MOAT_DEBUG_TRIGGERS
    testb $1, debug_nmi_exit /* "debug=nmi-exit": an NMI right here, once, */
    jz 11b
    movb $0, debug_nmi_exit
    int $2
    mov %cr3, %eax /* which must come back to the app's page tables (else #UD, a panic) */
    cmp pti_user_cr3, %eax
    je 11b
    ud2
#endif
    jmp 11b
/* Back into the kernel: an NMI's, under KPTI, to the page tables it interrupted. */
12: cmpl $2, FRAME_VECTOR(%esp) /* X86_NMI */
    jne 11b
    testb $EXIT_PTI, exit_work
    jz 11b
    mov nmi_cr3, %eax
    mov %eax, %cr3
    jmp 11b

/* After a fault in the exit path (handled with the kernel's page tables), back to the
   app's before going on. */
.macro PTI_REENTER_USER
    testb $EXIT_PTI, exit_work
    jz 12f
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
    .long 1b - ., 3b - .
    .long 2b - ., 4b - .
    .popsection

/* void load_user_fs(uint32_t sel), load_user_gs(uint32_t sel): load the app's fs or gs;
   a selector that faults loads as null instead. The kernel itself never uses fs or gs. */
.macro LOAD_USER_SEG seg
    .global load_user_\seg
load_user_\seg:
    mov 4(%esp), %eax
1:  mov %eax, %\seg
    ret
2:  xor %eax, %eax
    mov %eax, %\seg
    ret
    .pushsection __ex_table, "a"
    .long 1b - ., 2b - .
    .popsection
.endm
LOAD_USER_SEG fs
LOAD_USER_SEG gs

/* sysenter from __kernel_vsyscall (vsyscall_code.S): esp is the kernel stack's top (MSR),
   ebp the app's stack, and eip and esp are otherwise lost. Build the same frame as
   int $0x80's, so that everything after (signals, restarts, sigreturn) is shared, and leave
   through iret. Nothing changes the flags before pushfl saves them. If the app single-steps
   into sysenter, TF stays set here until the popfl: pushfl saves it for the app, and trap.c
   ignores the #DBs in between. The sixth argument stays where __kernel_vsyscall pushed it,
   on the app's stack: the ebp slot holds the app's esp, and the vector slot says so
   (FRAME_SYSENTER_VECTOR), until a six-argument call or a signal reads it (frame_complete
   in mode/frame.h). */
    .global sysenter_entry_pti, sysenter_entry, sysenter_tf_region_end
sysenter_entry_pti: /* esp is the entry stack's top (the MSR): page tables, then stacks */
    push %eax
    mov %ss:pti_kernel_cr3, %eax
    mov %eax, %cr3
    pop %eax
    mov $kernel_stack_top, %esp
sysenter_entry:
    pushl $USER_DS          /* ss */
    pushl %ebp              /* esp */
    pushfl
    orl $EFLAGS_IF, (%esp)  /* sysenter cleared IF; the app runs with it set */
    pushl $USER_CS
    pushl %ss:sysenter_return_addr /* %ss: ds is still the app's */
    pushl %eax /* the error slot: the number, as int $0x80's */
    pushl $FRAME_SYSENTER_VECTOR
    pushl $2 /* EFLAGS = 0x2: DF, AC and (the app single-stepping) TF clear */
    popfl
sysenter_tf_region_end:
    pusha
    push %ds
    push %es
    mov FRAME_SS(%esp), %ds /* the USER_DS pushed above, loaded without a register */
    mov FRAME_SS(%esp), %es
    SYSCALL_DISPATCH

/* The double-fault task starts here, on its own stack, with the error code pushed. */
    .global double_fault_task
double_fault_task:
    cld
    call double_fault

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
    mov 4(%esp), %esp
    jmp trap_return

    .section .note.GNU-stack, "", @progbits

    /* verw's operand, read under the app's page tables: on entry's own pages */
    .section .entry.text, "ax"
mds_verw_sel:
    .word KERNEL_DS

    /* The variables entry and exit read before the page tables switch (KPTI), all zero until
       boot sets them: in .bss, where the loader leaves zeros and the file has no room. */
    .section .bss.entry, "aw", @nobits
    .global exit_work, pti_kernel_cr3, pti_user_cr3
    .align 4
exit_work: /* EXIT_PTI | EXIT_MDS from the command line and the CPU; EXIT_SIGNAL from C */
    .skip 4
pti_kernel_cr3:
    .skip 4
pti_user_cr3:
    .skip 4
nmi_cr3: /* the page tables an NMI found (KPTI) */
    .skip 4
#ifdef MOAT_DEBUG_TRIGGERS
    .global debug_nmi_exit
debug_nmi_exit:
    .skip 1
#endif

/* KPTI's entry stack: the CPU pushes ring-3 entries here (TSS esp0) when pti=on. */
    .section .bss.entry, "aw", @nobits
    .align 4096
    .global entry_stack_top
    .skip 8192
entry_stack_top:
