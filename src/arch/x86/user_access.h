/* Direct access to the app's memory for the signal frames, as Linux's unsafe_put_user: a
   window opened with user_access_begin() (stac) in which each access carries its own
   __ex_table entry whose fixup is a C label, so a page the app may not touch jumps there
   instead of faulting the kernel. Only the frame code uses it, on a range it has checked
   lies in user space; everything else goes through copy_to_user and copy_from_user. */
#pragma once

#include "arch/x86/smap.h"
#include <stdint.h>

/* An __ex_table entry (kernel/uaccess.c) for the access at 1b. */
#define UA_EXTABLE(fixup)                                                                          \
    ".pushsection __ex_table, \"a\"\n\t.long 1b - ., " fixup " - .\n\t.popsection"

static inline void user_access_begin(void)
{
    stac();
}

static inline void user_access_end(void)
{
    clac();
}

#define UA_MEM(type, uaddr) (*(type *)(uintptr_t)(uaddr))

/* Store a 32- or 16-bit value at the user address; a fault goes to label. */
#define ua_put32(value, uaddr, label)                                                              \
    __asm__ volatile goto("1:\tmovl %0, %1\n\t" UA_EXTABLE("%l[" #label "]")                       \
                          :                                                                        \
                          : "ri"((uint32_t)(value)), "m"(UA_MEM(uint32_t, uaddr))                  \
                          :                                                                        \
                          : label)
#define ua_put16(value, uaddr, label)                                                              \
    __asm__ volatile goto("1:\tmovw %0, %1\n\t" UA_EXTABLE("%l[" #label "]")                       \
                          :                                                                        \
                          : "ri"((uint16_t)(value)), "m"(UA_MEM(uint16_t, uaddr))                  \
                          :                                                                        \
                          : label)
/* Set the bits of a 32-bit value at the user address. */
#define ua_or32(value, uaddr, label)                                                               \
    __asm__ volatile goto("1:\torl %0, %1\n\t" UA_EXTABLE("%l[" #label "]")                        \
                          :                                                                        \
                          : "ri"((uint32_t)(value)), "m"(UA_MEM(uint32_t, uaddr))                  \
                          : "memory"                                                               \
                          : label)
/* Load a 32-bit value from the user address into var. */
#define ua_get32(var, uaddr, label)                                                                \
    __asm__ volatile goto("1:\tmovl %1, %0\n\t" UA_EXTABLE("%l[" #label "]")                       \
                          : "=r"(var)                                                              \
                          : "m"(UA_MEM(const uint32_t, uaddr))                                     \
                          :                                                                        \
                          : label)
/* (volatile: GCC 12 deletes an asm goto whose outputs are unused, implicit volatile or not.) */
#ifdef __x86_64__
/* The same for 64-bit values. */
#define ua_put64(value, uaddr, label)                                                              \
    __asm__ volatile goto("1:\tmovq %0, %1\n\t" UA_EXTABLE("%l[" #label "]")                       \
                          :                                                                        \
                          : "er"((uint64_t)(value)), "m"(UA_MEM(uint64_t, uaddr))                  \
                          :                                                                        \
                          : label)
#define ua_get64(var, uaddr, label)                                                                \
    __asm__ volatile goto("1:\tmovq %1, %0\n\t" UA_EXTABLE("%l[" #label "]")                       \
                          : "=r"(var)                                                              \
                          : "m"(UA_MEM(const uint64_t, uaddr))                                     \
                          :                                                                        \
                          : label)
#endif
/* Copy n words (word_t: 4 bytes on i386, 8 on x86_64) from kernel to user memory, or user
   to kernel (rep movs: es and ds are the kernel's flat data segment by now). */
#ifdef __x86_64__
#define UA_REP_MOVS "rep movsq"
#define UA_REP_STOS "rep stosq"
#else
#define UA_REP_MOVS "rep movsl"
#define UA_REP_STOS "rep stosl"
#endif
#define ua_copy_words(dst, src, n, label)                                                          \
    do {                                                                                           \
        uintptr_t ua_d = (uintptr_t)(dst), ua_s = (uintptr_t)(src), ua_n = (n);                    \
        __asm__ volatile goto("1:\t" UA_REP_MOVS "\n\t" UA_EXTABLE("%l[" #label "]")               \
                              : "+D"(ua_d), "+S"(ua_s), "+c"(ua_n)                                 \
                              :                                                                    \
                              : "memory"                                                           \
                              : label);                                                            \
    } while (0)
/* Zero n words of user memory. */
#define ua_zero_words(uaddr, n, label)                                                             \
    do {                                                                                           \
        uintptr_t ua_d = (uaddr), ua_n = (n);                                                      \
        __asm__ volatile goto("1:\t" UA_REP_STOS "\n\t" UA_EXTABLE("%l[" #label "]")               \
                              : "+D"(ua_d), "+c"(ua_n)                                             \
                              : "a"(0)                                                             \
                              : "memory"                                                           \
                              : label);                                                            \
    } while (0)
/* The same moves 16 bytes at a time through xmm0, for a constant size of at least 16 bytes
   (the last block overlaps the one before where the size is no multiple of 16). Only where
   the XMM registers hold nothing of the app's: in a frame's window after its FPU state went
   into the frame (the handler gets it reset), and in sigreturn before the frame's is loaded.
   Needs SSE (cpu.sse on i386). xmm0 is no clobber: the kernel is built without SSE
   (-mgeneral-regs-only), so the compiler never keeps anything there. */
/* The blocks' addresses are memory operands, so that the compiler folds a base's offset into
   each move instead of computing the address first; "ua_off+0+" keeps the sum an expression
   when the operand has no displacement of its own. */
#define UA_BLOCK(uaddr, n) (*(char(*)[n])(uintptr_t)(uaddr))
#define UA_XMM_BLOCKS(step, n)                                                                     \
    ".set ua_off, 0\n\t.rept " n " / 16\n\t" step "\n\t.set ua_off, ua_off + 16\n\t.endr\n\t"      \
    ".if " n " %% 16\n\t.set ua_off, " n " - 16\n\t" step "\n\t.endif"
#define ua_copy_out_xmm(dst, src, n, label)                                                        \
    do {                                                                                           \
        _Static_assert((n) >= 16, "at least one whole block");                                     \
        __asm__ volatile goto(UA_XMM_BLOCKS("movups ua_off+0+%1, %%xmm0\n1:\tmovups %%xmm0, "      \
                                            "ua_off+0+%0\n\t" UA_EXTABLE("%l[" #label "]"),        \
                                            "%c2")                                                 \
                              :                                                                    \
                              : "m"(UA_BLOCK(dst, n)), "m"(*(const char(*)[n])(src)), "i"(n)       \
                              : "memory"                                                           \
                              : label);                                                            \
    } while (0)
#define ua_copy_in_xmm(dst, src, n, label)                                                         \
    do {                                                                                           \
        _Static_assert((n) >= 16, "at least one whole block");                                     \
        __asm__ volatile goto(                                                                     \
            UA_XMM_BLOCKS("1:\tmovups ua_off+0+%1, %%xmm0\n\t" UA_EXTABLE(                         \
                              "%l[" #label "]") "\n\tmovups %%xmm0, ua_off+0+%0",                  \
                          "%c2")                                                                   \
            :                                                                                      \
            : "m"(*(char(*)[n])(dst)), "m"(UA_BLOCK(src, n)), "i"(n)                               \
            : "memory"                                                                             \
            : label);                                                                              \
    } while (0)
#define ua_zero_xmm(dst, n, label)                                                                 \
    do {                                                                                           \
        _Static_assert((n) >= 16, "at least one whole block");                                     \
        __asm__ volatile goto(                                                                     \
            "xorps %%xmm0, %%xmm0\n\t" UA_XMM_BLOCKS(                                              \
                "1:\tmovups %%xmm0, ua_off+0+%0\n\t" UA_EXTABLE("%l[" #label "]"), "%c1")          \
            :                                                                                      \
            : "m"(UA_BLOCK(dst, n)), "i"(n)                                                        \
            : "memory"                                                                             \
            : label);                                                                              \
    } while (0)
/* One FPU state instruction (fxsave, fnsave, fxrstor, frstor) on the user area. */
#define ua_fpu(insn, uaddr, label)                                                                 \
    __asm__ volatile goto("1:\t" insn " %0\n\t" UA_EXTABLE("%l[" #label "]")                       \
                          :                                                                        \
                          : "m"(UA_MEM(uint8_t, uaddr))                                            \
                          : "memory"                                                               \
                          : label)
/* xsave or xrstor of the components in mask on the (64-byte aligned) user area; XRSTOR's #GP
   on a bad header or MXCSR goes to label too. ua_xstate_halves takes the mask as its two
   32-bit halves (edx:eax), for a mask kept that way. */
#define ua_xstate(insn, uaddr, mask, label)                                                        \
    ua_xstate_halves(insn, uaddr, (uint32_t)(mask), (uint32_t)((mask) >> 32), label)
#define ua_xstate_halves(insn, uaddr, lo, hi, label)                                               \
    __asm__ volatile goto("1:\t" insn " %0\n\t" UA_EXTABLE("%l[" #label "]")                       \
                          :                                                                        \
                          : "m"(UA_MEM(uint8_t, uaddr)), "a"((uint32_t)(lo)), "d"((uint32_t)(hi))  \
                          : "memory"                                                               \
                          : label)
