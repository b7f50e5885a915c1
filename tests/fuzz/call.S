/* The fuzzer's system call: every general register comes from fuzz_before, and every register
   is recorded in fuzz_after, so that fuzz.c can prove the kernel changed nothing but eax.
   Layout of struct fuzz_regs (fuzz.h): eax ebx ecx edx esi edi ebp esp eflags cs ds es fs gs
   ss, one 32-bit word each. */

#define R_EAX 0
#define R_EBX 4
#define R_ECX 8
#define R_EDX 12
#define R_ESI 16
#define R_EDI 20
#define R_EBP 24
#define R_ESP 28
#define R_EFLAGS 32
#define R_CS 36
#define R_DS 40
#define R_ES 44
#define R_FS 48
#define R_GS 52
#define R_SS 56

    .bss
    .align 4
    .globl fuzz_before, fuzz_after
fuzz_before: .space 60
fuzz_after: .space 60
entry: .space 4

/* Segment registers into a regs struct, as zero-extended words (clobbers eax). */
.macro SEGS regs
    xor %eax, %eax
    mov %cs, %ax
    mov %eax, \regs+R_CS
    mov %ds, %ax
    mov %eax, \regs+R_DS
    mov %es, %ax
    mov %eax, \regs+R_ES
    mov %fs, %ax
    mov %eax, \regs+R_FS
    mov %gs, %ax
    mov %eax, \regs+R_GS
    mov %ss, %ax
    mov %eax, \regs+R_SS
.endm

/* eflags, esp and the six argument registers from fuzz_before, then eax. Changes no flags. */
.macro LOAD
    pushf
    popl fuzz_before+R_EFLAGS
    mov %esp, fuzz_before+R_ESP
    mov fuzz_before+R_EBX, %ebx
    mov fuzz_before+R_ECX, %ecx
    mov fuzz_before+R_EDX, %edx
    mov fuzz_before+R_ESI, %esi
    mov fuzz_before+R_EDI, %edi
    mov fuzz_before+R_EBP, %ebp
    mov fuzz_before+R_EAX, %eax
.endm

/* void fuzz_call(uint32_t entry, uint32_t set_df) */
    .text
    .globl fuzz_call
    .type fuzz_call, @function
fuzz_call:
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov 20(%esp), %eax
    mov %eax, entry
    SEGS fuzz_before
    cmpl $0, 24(%esp)
    je 1f
    std
1:  cmpl $0, entry
    jne 2f
    LOAD
    int $0x80
    jmp 3f
2:  LOAD
    call *entry
3:  mov %eax, fuzz_after+R_EAX
    mov %ebx, fuzz_after+R_EBX
    mov %ecx, fuzz_after+R_ECX
    mov %edx, fuzz_after+R_EDX
    mov %esi, fuzz_after+R_ESI
    mov %edi, fuzz_after+R_EDI
    mov %ebp, fuzz_after+R_EBP
    mov %esp, fuzz_after+R_ESP
    mov fuzz_before+R_ESP, %esp /* in case the kernel moved it */
    pushf
    popl fuzz_after+R_EFLAGS
    cld
    SEGS fuzz_after
    pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    ret
    .size fuzz_call, . - fuzz_call

    .section .note.GNU-stack, "", @progbits
