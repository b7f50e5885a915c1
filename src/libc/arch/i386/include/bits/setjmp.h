/* bits/setjmp.h (i386): the registers setjmp saves, as arch/i386/setjmp.S lays them out. */
#pragma once

/* ebx, esi, edi, ebp (the callee-saved registers), the caller's esp, the return address. */
typedef unsigned long __jmp_buf[6];
