/* The only code that touches user memory. A fault inside it resumes at its fixup (found through
   __ex_table by the #PF handler), so a bad user page becomes -EFAULT, never a kernel fault. */

#include "arch/x86/smap.h"

/* uint32_t uaccess_copy(void *dst, const void *src, uint32_t n): returns the bytes NOT copied. */
    .text
    .global uaccess_copy
uaccess_copy:
    push %esi
    push %edi
    mov 12(%esp), %edi
    mov 16(%esp), %esi
    mov 20(%esp), %edx
    STAC /* only here may the kernel touch user pages */
    mov %edx, %ecx
    shr $2, %ecx
1:  rep movsl
    mov %edx, %ecx
    and $3, %ecx
3:  rep movsb
2:  CLAC
    mov %ecx, %eax
    pop %edi
    pop %esi
    ret
/* A fault in the word loop: the bytes not copied are the words left and the tail. */
4:  and $3, %edx
    lea (%edx, %ecx, 4), %ecx
    jmp 2b

    .section __ex_table, "a"
    .long 1b, 4b
    .long 3b, 2b
    .previous


/* int uaccess_NAME(uint32_t user_addr): one FPU state instruction on user memory; 0, or
   -EFAULT (14) when it faults. The caller has checked that the area lies in user space. */
.macro FPU_USER name, insn
    .text
    .global uaccess_\name
uaccess_\name:
    mov 4(%esp), %eax
    STAC
1:  \insn (%eax)
    xor %eax, %eax
2:  CLAC
    ret
3:  mov $-14, %eax
    jmp 2b
    .pushsection __ex_table, "a"
    .long 1b, 3b
    .popsection
.endm

/* int uaccess_xsave(uint32_t user_addr, uint32_t mask_lo, uint32_t mask_hi) and
   uaccess_xrstor (the same arguments): XSAVE to or XRSTOR from a 64-byte aligned user area;
   0, or -EFAULT for a #PF or XRSTOR's #GP (a bad header or MXCSR). */
.macro XSTATE_USER name, insn
    .text
    .global uaccess_\name
uaccess_\name:
    mov 4(%esp), %ecx
    mov 8(%esp), %eax
    mov 12(%esp), %edx
    STAC
1:  \insn (%ecx)
    xor %eax, %eax
2:  CLAC
    ret
3:  mov $-14, %eax
    jmp 2b
    .pushsection __ex_table, "a"
    .long 1b, 3b
    .popsection
.endm

XSTATE_USER xsave, xsave
XSTATE_USER xrstor, xrstor

FPU_USER fxsave, fxsave
FPU_USER fxrstor, fxrstor
FPU_USER frstor, frstor

    .section .note.GNU-stack, "", @progbits
