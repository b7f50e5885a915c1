/* The only code that touches user memory. A fault inside it resumes at its fixup (found through
   __ex_table by the #PF handler), so a bad user page becomes -EFAULT, never a kernel fault. */

#define EFLAGS_AC 0x40000

/* uint32_t uaccess_copy(void *dst, const void *src, uint32_t n): returns the bytes NOT copied. */
    .text
    .global uaccess_copy
uaccess_copy:
    push %esi
    push %edi
    mov 12(%esp), %edi
    mov 16(%esp), %esi
    mov 20(%esp), %ecx
    /* stac, without needing SMAP: only here may the kernel touch user pages */
    pushfl
    orl $EFLAGS_AC, (%esp)
    popfl
1:  rep movsb
2:  pushfl /* clac */
    andl $~EFLAGS_AC, (%esp)
    popfl
    mov %ecx, %eax
    pop %edi
    pop %esi
    ret

    .section __ex_table, "a"
    .long 1b, 2b
    .previous

    .section .note.GNU-stack, "", @progbits
