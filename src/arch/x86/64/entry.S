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

#define FRAME_R8 0 /* offsets in struct trap_frame (mode/frame.h) */
#define FRAME_R9 8
#define FRAME_R10 16
#define FRAME_R11 24
#define FRAME_R12 32
#define FRAME_R13 40
#define FRAME_R14 48
#define FRAME_R15 56
#define FRAME_RDI 64
#define FRAME_RSI 72
#define FRAME_RBP 80
#define FRAME_RBX 88
#define FRAME_RDX 96
#define FRAME_RAX 104
#define FRAME_RCX 112
#define FRAME_VECTOR 120
#define FRAME_ERROR 128
#define FRAME_RIP 136
#define FRAME_CS 144
#define FRAME_RFLAGS 152
#define FRAME_RSP 160
#define FRAME_SS 168
/* The words from vector up (vector, error, rip, cs, rflags, rsp, ss): what the stub and the
   CPU push on an entry from ring 3, before the registers are saved. */
#define ENTRY_WORDS_SIZE (FRAME_SIZE - FRAME_VECTOR)
#define FRAME_SIZE 176
#define SYSCALL_VECTOR 0x100 /* FRAME_SYSCALL_VECTOR */

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
                      (v) == 29 || (v) == 30)

/* The interrupts' stubs, vectors 32-255: 5 bytes each, a call to irq_entry, whose return
   address says which stub called (idt.c finds stub v at irq_stubs + 5 * (v - 32), without a
   table): 0.6 KiB off moat64.elf, where each pushed its vector and jumped (6 bytes, and 2 of
   a table). An interrupt takes 7 instructions more on its way in. int $0x80's is a jmp, to
   a stub of its own, as the exceptions' (no instruction more). */
    .section .entry.text, "ax"
    .align 16
    .global irq_stubs
irq_stubs:
vector = 32
    .rept 256 - 32
    .if vector == 0x80
    .byte 0xE9 /* jmp rel32: 5 bytes, as a call */
    .long ia32_stub - (. + 4)
    .else
    call irq_entry
    .endif
    .if . - irq_stubs != 5 * (vector - 31)
    .error "an interrupt's stub is not 5 bytes"
    .endif
vector = vector + 1
    .endr

/* The general registers, below the vector: struct trap_frame from r8 up. */
.macro SAVE_REGS
    push %rcx
    push %rax
    push %rdx
    push %rbx
    push %rbp
    push %rsi
    push %rdi
    push %r15
    push %r14
    push %r13
    push %r12
    push %r11
    push %r10
    push %r9
    push %r8
.endm

.macro RESTORE_REGS
    pop %r8
    pop %r9
    pop %r10
    pop %r11
    pop %r12
    pop %r13
    pop %r14
    pop %r15
    pop %rdi
    pop %rsi
    pop %rbp
    pop %rbx
    pop %rdx
    pop %rax
    pop %rcx
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
    mov %rsp, %rax /* the entry stack, its saved rax */
    lea kernel_stack_top(%rip), %rsp
    .irp off, 48, 40, 32, 24, 16, 8, 0 /* ss down to vector: 3-byte pushes, not 12-byte moves */
    pushq 8 + \off(%rax)
    .endr
    mov (%rax), %rax
    jmp 2f
3:  pop %rax
2:
.endm

/* #DF, on its IST stack: a panic, which double_fault() words (never returns). */
double_fault_entry:
    pushq $8 /* its vector, below the CPU's error code */
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

/* An interrupt's stub called: its return address (the stub's end) becomes the error slot, 0,
   and its vector goes below it, a byte sign-extended above 0x7F (frame_vector), as the
   exceptions' stubs leave them. */
irq_entry:
    push %rax
    mov 8(%rsp), %rax
    sub $irq_stubs + 5, %rax /* 5 * (vector - 32) */
    imul $52429, %eax, %eax /* / 5: exact up to 5 * 223 */
    shr $18, %eax
    add $32, %eax
    movsbq %al, %rax
    movq $0, 8(%rsp)
    xchg %rax, (%rsp)
    jmp trap_common

/* The exceptions' stubs, 6 bytes each (.org pads them, and fails the build for one that
   will not fit), from vector 31 down to 0, so that idt.c finds stub v at exception_stubs +
   6 * (31 - v) without a table (64 bytes off moat64.elf). Those of 0-16 reach trap_common
   below them with a short jmp (the app's usual faults, #UD, #GP, #PF, with no extra jump),
   those of 17-31 the jmp above them. #DF's and NMI's jump to entries of their own, which
   push their vector. */
to_trap_common:
    jmp trap_common
    .global exception_stubs
exception_stubs:
vector = 31
    .rept 32
1:
    .if vector == 8
    jmp double_fault_entry
    .elseif vector == 2
    jmp nmi_entry
    .else
    .if !HAS_ERROR(vector)
    pushq $0
    .endif
    pushq $vector
    .if vector <= 16
    jmp trap_common
    .else
    jmp to_trap_common
    .endif
    .endif
    .org 1b + 6, 0xCC
vector = vector - 1
    .endr

/* NMI, on its IST stack: it may land anywhere, the exit path's stretch on the app's page
   tables too (KPTI), so it keeps the page tables it found, which its return puts back
   (trap_return). NMIs do not nest: one word serves. */
nmi_entry:
    pushq $0
    pushq $2 /* X86_NMI */
    testb $EXIT_PTI, exit_work(%rip)
    jz trap_common
    push %rax
    mov %cr3, %rax
    mov %rax, nmi_cr3(%rip)
    pop %rax
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

/* int $0x80 from the app (a DPL-3 gate): i386's system calls, in a frame built as a trap's
   (src/abi/x86_64/ia32.c), which every register comes back from. */
ia32_stub:
    pushq $0
    pushq $0x80 /* frame_in_syscall tests for 0x80, so a word, not a sign-extended byte */
ia32_entry:
    cld
    CLAC
    PTI_ENTER
    SAVE_REGS
    mov %rsp, %rdi
    call ia32_syscall
    jmp trap_return

/* MDS: clear the CPU's buffers with verw before every return to ring 3. */
9:  testb $3, FRAME_CS(%rsp)
    jz 12f
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
#ifdef MOAT_DEBUG_TRIGGERS
    testb $1, debug_nmi_exit(%rip) /* "debug=nmi-exit": an NMI right here, once, */
    jz 1b
    movb $0, debug_nmi_exit(%rip)
    int $2
    mov %cr3, %rax /* which must come back to the app's page tables (else #UD, a panic) */
    cmp pti_user_cr3(%rip), %rax
    je 1b
    ud2
#endif
    jmp 1b
/* Back into the kernel: an NMI's, under KPTI, to the page tables it interrupted. */
12: cmpq $2, FRAME_VECTOR(%rsp) /* X86_NMI */
    jne 1b
    testb $EXIT_PTI, exit_work(%rip)
    jz 1b
    mov nmi_cr3(%rip), %rax
    mov %rax, %cr3
    jmp 1b

/* syscall: rip is in rcx and rflags in r11; FMASK cleared IF, TF, DF, AC and NT; rsp is still
   the app's. The entry saves in the app's frame (frame_user()) only what the exit needs back
   and what a handler may read (mode/frame.h): rsp, rip, rflags and the number (in the error
   slot: Linux's orig_ax, what a restart runs again). Every other register stays in the CPU:
   the handlers keep them all but rax (SYSCALL_KEEPS_REGISTERS). The slot gets the arguments
   where they are, in the C ABI's registers, but for the fourth, which the app passes in r10
   and C wants in rcx: it is copied there (r10 keeps it too). A path that needs the whole
   frame completes it first: the exit that delivers a signal or leaves by iretq
   (SYSCALL_SAVE_REST), rt_sigreturn's slot when the sigreturn could not rewrite it, and the
   slots of kill, tkill and tgkill. syscall_entry_select() points LSTAR at one of three
   entries: syscall_entry when nothing is to be done on the way out (its exit may be
   sysretq), syscall_entry_pti under KPTI and syscall_entry_work under MDS alone (their exit
   is always trap_return's). */
.macro SYSCALL_SAVE
    lea user_frame(%rip), %rsp /* the top of the kernel stack, 16-byte aligned */
    mov %rcx, FRAME_RIP(%rsp)
    mov %r11, FRAME_RFLAGS(%rsp)
    mov %rax, FRAME_ERROR(%rsp)
    mov %r10, %rcx
.endm

/* The slot for rax: rax below the table's hole (kernel/syscall_nr.h) is the fast case;
   anything else goes out of line (the number is an int, as Linux reads it, so a set upper
   half is ignored). */
.macro SYSCALL_CALL
    cmp $SYSCALL_HOLE_START, %rax
    jae syscall_nr_wide
    movslq syscall_table(, %rax, 4), %rax
    call *%rax
.endm

/* The rest of the frame, for a path that reads or restores all of it: the argument
   registers (SYSCALL_SAVE_ARGS) and the others, all still the app's (the handlers kept them);
   the vector (only signal delivery reads it, for a restart); rcx and r11 as syscall left them
   (rip and rflags); cs and ss, the only ring-3 selectors there are. Clobbers rcx and r11. */
.macro SYSCALL_SAVE_ARGS
    mov %rdi, FRAME_RDI(%rsp)
    mov %rsi, FRAME_RSI(%rsp)
    mov %rdx, FRAME_RDX(%rsp)
    mov %r10, FRAME_R10(%rsp)
    mov %r8, FRAME_R8(%rsp)
    mov %r9, FRAME_R9(%rsp)
.endm
.macro SYSCALL_SAVE_REST
    movq $SYSCALL_VECTOR, FRAME_VECTOR(%rsp)
    mov %rbx, FRAME_RBX(%rsp)
    mov %rbp, FRAME_RBP(%rsp)
    mov %r12, FRAME_R12(%rsp)
    mov %r13, FRAME_R13(%rsp)
    mov %r14, FRAME_R14(%rsp)
    mov %r15, FRAME_R15(%rsp)
    mov FRAME_RIP(%rsp), %rcx
    mov %rcx, FRAME_RCX(%rsp)
    mov FRAME_RFLAGS(%rsp), %r11
    mov %r11, FRAME_R11(%rsp)
    movq $USER_CS, FRAME_CS(%rsp)
    movq $USER_DS, FRAME_SS(%rsp)
.endm

/* sysretq restores rip from rcx and rflags from r11 and checks neither. rcx is rip as the
   syscall instruction left it, which is canonical: the app runs below USER_TOP, a page short
   of the canonical hole (a non-canonical rcx would fault in ring 0, on the app's stack). No
   handler rewrites rip or rflags in the frame on this path (rt_sigreturn, kill, tkill and
   tgkill have their own slots, and a signal's delivery takes the slow exit), so r11 is still
   the app's rflags, which the handler kept, and rcx is reloaded (it held the fourth
   argument). TF and RF ask for iretq: sysret cannot restore RF, and would trap at once on
   TF. */
#if USER_TOP > 0x00007FFFFFFFF000
#error "sysretq needs a page between USER_TOP and the canonical hole"
#endif
    .global syscall_entry
syscall_entry:
    mov %rsp, user_frame + FRAME_RSP(%rip)
    SYSCALL_SAVE
    SYSCALL_CALL
    cmpq $0, sig_pending(%rip) /* anything pending at all? then C decides */
    jne syscall_exit_slow
    test $(EFLAGS_TF | EFLAGS_RF), %r11d
    jnz syscall_exit_slow
    mov FRAME_RIP(%rsp), %rcx
    mov FRAME_RSP(%rsp), %rsp
    sysretq

/* KPTI: the kernel's page tables first (rsp the only free register, the kernel stack not
   mapped until then); then as under MDS alone, out through trap_return, which does the exit
   work. */
    .global syscall_entry_pti, syscall_entry_work
syscall_entry_pti:
    mov %rsp, syscall_user_rsp(%rip) /* the one CPU, interrupts off: a scratch word serves */
    mov pti_kernel_cr3(%rip), %rsp
    mov %rsp, %cr3
    mov syscall_user_rsp(%rip), %rsp
syscall_entry_work:
    mov %rsp, user_frame + FRAME_RSP(%rip)
    SYSCALL_SAVE
    SYSCALL_CALL
/* The exit by iretq: complete the frame, deliver what is pending, and leave as a trap does. */
syscall_exit_slow:
    SYSCALL_SAVE_ARGS
syscall_save_rest: /* rt_sigreturn's slot too, for a frame it could not read */
    SYSCALL_SAVE_REST
syscall_exit_full: /* the frame is complete but for the result */
    mov %rax, FRAME_RAX(%rsp)
    cmpq $0, sig_pending(%rip)
    je trap_return
    mov %rsp, %rdi
    call sig_deliver /* syscall_exit_work's part for x86_64, whose exit_work has no signal bit */
    jmp trap_return

/* rax at or above the hole: the slot for its low half, below or past the hole, or -ENOSYS. */
syscall_nr_wide:
    mov %eax, %eax
    cmp $SYSCALL_HOLE_START, %rax
    jb 2f
    cmp $SYSCALL_HOLE_END, %rax
    jb 1f
    cmp $NR_SYSCALLS, %rax
    jae 1f
    sub $SYSCALL_HOLE, %rax
2:  movslq syscall_table(, %rax, 4), %rax
    call *%rax
    jmp syscall_exit_slow
1:  call sys_ni_syscall
    jmp syscall_exit_slow

/* The slot of every handler the table does not call itself (mode/syscall_direct.h), an
   ordinary C function: it keeps the registers the C ABI lets a function clobber, and calls
   the handler that syscall_cold_index numbers at the slot of the number in the frame (its low
   half, as the entry reads it; past the hole, less the hole). rdi is pushed twice to keep the
   call's stack 16-byte aligned. In the entry's page, whose padding it takes. */
    .global syscall_cold
syscall_cold:
    push %r11
    push %r10
    push %r9
    push %r8
    push %rcx
    push %rdx
    push %rsi
    push %rdi
    push %rdi
    mov user_frame + FRAME_ERROR(%rip), %eax
    cmp $SYSCALL_HOLE_START, %eax
    jb 1f
    sub $SYSCALL_HOLE, %eax
1:  movzbl syscall_cold_index(%rax), %eax
    movslq syscall_cold_handlers(, %rax, 4), %rax
    call *%rax
    pop %rdi
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rcx
    pop %r8
    pop %r9
    pop %r10
    pop %r11
    ret

/* The slots of the calls that rewrite or fill the whole frame, the table's entry points for
   them (abi/x86_64/sys_x86_64.h). Their handlers are C functions like any other, which may
   clobber the registers the entry left in the CPU: each slot saves them first, and leaves by
   iretq, which restores them all. */

/* rt_sigreturn's: the handler rewrites every register in the frame. A frame that could not
   be read leaves the frame the system call's (kernel/abi.h): then, and only then, complete it
   (C preserved the callee-saved registers), so that the SIGSEGV shows the app's registers as
   they were. */
    .global syscall_full_rt_sigreturn
syscall_full_rt_sigreturn:
    add $8, %rsp /* the return to the entry, which would not do: back to the frame */
    SYSCALL_SAVE_ARGS
    movq $SYSCALL_VECTOR, FRAME_VECTOR(%rsp)
    call sys_rt_sigreturn
    cmpq $SYSCALL_VECTOR, FRAME_VECTOR(%rsp)
    jne syscall_exit_full
    jmp syscall_save_rest /* then on to syscall_exit_full */

/* kill's, tkill's and tgkill's: the app signalling itself, which mostly delivers the signal
   before the call returns (sig_send_self), so the frame is completed first; out as
   rt_sigreturn's, the result register being the frame's. */
    .global syscall_full_kill, syscall_full_tkill, syscall_full_tgkill
syscall_full_kill:
    lea sys_kill(%rip), %rax
    jmp 1f
syscall_full_tgkill:
    lea sys_tgkill(%rip), %rax
    jmp 1f
syscall_full_tkill:
    lea sys_tkill(%rip), %rax
1:  add $8, %rsp /* the return to the entry, which would not do: back to the frame */
    SYSCALL_SAVE_ARGS
    SYSCALL_SAVE_REST
    call *%rax
    jmp syscall_exit_full

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

    /* verw's operand, read under the app's page tables: on entry's own pages */
    .section .entry.text, "ax"
mds_verw_sel:
    .word KERNEL_DS

    /* The variables entry and exit read before the page tables switch (KPTI), all zero until
       boot sets them: in .bss, where the loader leaves zeros and the file has no room. */
    .section .bss.entry, "aw", @nobits
    .global exit_work, pti_kernel_cr3, pti_user_cr3
exit_work: /* EXIT_PTI | EXIT_MDS: set at boot from the command line and the CPU */
    .skip 1
    .align 8
pti_kernel_cr3:
    .skip 8
pti_user_cr3:
    .skip 8
syscall_user_rsp:
    .skip 8
nmi_cr3: /* the page tables an NMI found (KPTI) */
    .skip 8
#ifdef MOAT_DEBUG_TRIGGERS
    .global debug_nmi_exit
debug_nmi_exit:
    .skip 1
#endif

/* KPTI's entry stack: the CPU pushes ring-3 entries here (TSS rsp0) when pti=on. */
    .section .bss.entry, "aw", @nobits
    .align 4096
    .global entry_stack_top
    .skip 8192
entry_stack_top:
