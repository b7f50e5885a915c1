/* The x86_64 fuzzer's system call: every general register and rflags come from fuzz_before
   (rsp too when it is hostile), `syscall` is made with them, and every register is recorded
   in fuzz_after, so that fuzz.c can prove the kernel changed nothing but rax (rcx and r11
   hold what `syscall` put there). Layout of struct fuzz_regs (fuzz.h): rax rbx rcx rdx rsi
   rdi rbp rsp r8-r15 rflags cs ds es fs gs ss, one 64-bit word each. Nothing between the
   popfq and the `syscall`: with TF set, the next instruction would already trap. */

#define R_RAX 0
#define R_RBX 8
#define R_RCX 16
#define R_RDX 24
#define R_RSI 32
#define R_RDI 40
#define R_RBP 48
#define R_RSP 56
#define R_R8 64
#define R_R9 72
#define R_R10 80
#define R_R11 88
#define R_R12 96
#define R_R13 104
#define R_R14 112
#define R_R15 120
#define R_RFLAGS 128
#define R_CS 136
#define R_DS 144
#define R_ES 152
#define R_FS 160
#define R_GS 168
#define R_SS 176

    .bss
    .align 8
    .globl fuzz_before, fuzz_after
fuzz_before: .space 184
fuzz_after: .space 184
saved_rsp: .space 8

/* Segment registers into a regs struct, as zero-extended words (clobbers rax). */
.macro SEGS regs
    xor %eax, %eax
    mov %cs, %ax
    mov %rax, \regs+R_CS(%rip)
    mov %ds, %ax
    mov %rax, \regs+R_DS(%rip)
    mov %es, %ax
    mov %rax, \regs+R_ES(%rip)
    mov %fs, %ax
    mov %rax, \regs+R_FS(%rip)
    mov %gs, %ax
    mov %rax, \regs+R_GS(%rip)
    mov %ss, %ax
    mov %rax, \regs+R_SS(%rip)
.endm

/* Every general register but rsp from fuzz_before, rax last. */
.macro LOAD
    mov fuzz_before+R_RBX(%rip), %rbx
    mov fuzz_before+R_RCX(%rip), %rcx
    mov fuzz_before+R_RDX(%rip), %rdx
    mov fuzz_before+R_RSI(%rip), %rsi
    mov fuzz_before+R_RDI(%rip), %rdi
    mov fuzz_before+R_RBP(%rip), %rbp
    mov fuzz_before+R_R8(%rip), %r8
    mov fuzz_before+R_R9(%rip), %r9
    mov fuzz_before+R_R10(%rip), %r10
    mov fuzz_before+R_R11(%rip), %r11
    mov fuzz_before+R_R12(%rip), %r12
    mov fuzz_before+R_R13(%rip), %r13
    mov fuzz_before+R_R14(%rip), %r14
    mov fuzz_before+R_R15(%rip), %r15
    mov fuzz_before+R_RAX(%rip), %rax
.endm

/* void fuzz_call(uint64_t hostile_rsp): 0 keeps the stack's rsp, and TF may be set. */
    .text
    .globl fuzz_call, fuzz_call_ret, fuzz_call_ret_rsp
    .type fuzz_call, @function
fuzz_call:
    push %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, saved_rsp(%rip)
    push %rdi
    SEGS fuzz_before
    pop %rdi
    test %rdi, %rdi
    jnz 1f
    mov %rsp, fuzz_before+R_RSP(%rip)
    LOAD
    pushq fuzz_before+R_RFLAGS(%rip)
    popfq
    syscall
fuzz_call_ret:
    mov %rax, fuzz_after+R_RAX(%rip) /* a TF call's single-step trap comes after this one */
    jmp 2f
1:  LOAD
    pushq fuzz_before+R_RFLAGS(%rip)
    popfq
    mov fuzz_before+R_RSP(%rip), %rsp
    syscall
fuzz_call_ret_rsp:
    mov %rax, fuzz_after+R_RAX(%rip)
2:  mov %rbx, fuzz_after+R_RBX(%rip)
    mov %rcx, fuzz_after+R_RCX(%rip)
    mov %rdx, fuzz_after+R_RDX(%rip)
    mov %rsi, fuzz_after+R_RSI(%rip)
    mov %rdi, fuzz_after+R_RDI(%rip)
    mov %rbp, fuzz_after+R_RBP(%rip)
    mov %rsp, fuzz_after+R_RSP(%rip)
    mov %r8, fuzz_after+R_R8(%rip)
    mov %r9, fuzz_after+R_R9(%rip)
    mov %r10, fuzz_after+R_R10(%rip)
    mov %r11, fuzz_after+R_R11(%rip)
    mov %r12, fuzz_after+R_R12(%rip)
    mov %r13, fuzz_after+R_R13(%rip)
    mov %r14, fuzz_after+R_R14(%rip)
    mov %r15, fuzz_after+R_R15(%rip)
    mov saved_rsp(%rip), %rsp /* the hostile one, or in case the kernel moved it */
    pushfq
    popq fuzz_after+R_RFLAGS(%rip)
    pushq $0x202 /* AC, DF, NT and the arithmetic flags clear again */
    popfq
    SEGS fuzz_after
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size fuzz_call, . - fuzz_call

/* SIGTRAP's restorer (sa_restorer): the handler returns here. */
    .globl fuzz_restorer
    .type fuzz_restorer, @function
fuzz_restorer:
    mov $15, %eax /* rt_sigreturn */
    syscall
    hlt
    .size fuzz_restorer, . - fuzz_restorer

    .section .note.GNU-stack, "", @progbits
