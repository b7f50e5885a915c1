/* bits/setjmp.h (x86_64): the registers setjmp saves, as arch/x86_64/setjmp.S lays them out. */
#pragma once

/* rbx, rbp, r12-r15 (the callee-saved registers), the caller's rsp, the return address. */
typedef unsigned long __jmp_buf[8];
