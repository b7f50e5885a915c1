/* copy_to_user and copy_from_user's copy loop. A fault inside it resumes at its fixup (found
   through __ex_table by the #PF handler), so a bad user page becomes -EFAULT, never a kernel
   fault. (The signal frames' direct accesses have their own entries: user_access.h.) */

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
    .long 1b - ., 4b - .
    .long 3b - ., 2b - .
    .previous


    .section .note.GNU-stack, "", @progbits
