/* copy_to_user and copy_from_user's copy loop. A fault inside it resumes at its fixup (found
   through __ex_table by the #PF handler), so a bad user page becomes -EFAULT, never a kernel
   fault. (The signal frames' direct accesses have their own entries: user_access.h.) */

#include "arch/x86/smap.h"

/* uint64_t uaccess_copy(void *dst, const void *src, uint64_t n): returns the bytes NOT copied. */
    .text
    .global uaccess_copy
uaccess_copy:
    STAC /* only here may the kernel touch user pages */
    mov %rdx, %rcx
    shr $3, %rcx
1:  rep movsq
    mov %rdx, %rcx
    and $7, %ecx
3:  rep movsb
2:  CLAC
    mov %rcx, %rax
    ret
/* A fault in the quadword loop: the bytes not copied are the quadwords left and the tail. */
4:  and $7, %edx
    lea (%rdx, %rcx, 8), %rcx
    jmp 2b

    .section __ex_table, "a"
    .long 1b - ., 4b - .
    .long 3b - ., 2b - .
    .previous

    .section .note.GNU-stack, "", @progbits
