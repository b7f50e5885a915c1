/* Linux x86_64's signal frame, byte for byte (arch/x86/include/uapi/asm/sigcontext.h and
   ucontext.h, arch/x86/include/asm/sigframe.h): the handler and rt_sigreturn see exactly
   Linux's layout. */
#pragma once

#include "abi/x86_64/uapi.h"
#include <mode/types.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of stack a handler's frame needs at most (AT_MINSIGSTKSZ). */
word_t sigframe_max_size(void);

/* struct sigcontext_64: the registers in this order (the trap frame's too: see mode/frame.h). */
struct sigcontext_64 {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, rflags;
    uint16_t cs, gs, fs, ss; /* gs and fs: always 0 (their bases are not saved) */
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate; /* user pointer to the FXSAVE or XSAVE image, or 0 */
    uint64_t reserved1[8];
};
_Static_assert(sizeof(struct sigcontext_64) == 256, "sigcontext layout");
_Static_assert(offsetof(struct sigcontext_64, rip) == 128 &&
                   offsetof(struct sigcontext_64, cs) == 144 &&
                   offsetof(struct sigcontext_64, err) == 152 &&
                   offsetof(struct sigcontext_64, fpstate) == 184,
               "sigcontext layout");
/* What rt_sigreturn reads of it (Linux's CONTEXT_COPY_SIZE). */
#define SIGCONTEXT_COPY_SIZE offsetof(struct sigcontext_64, reserved1)

/* uc_flags */
#define UC_FP_XSTATE 1u         /* the FPU image is an XSAVE one, with the software bytes */
#define UC_SIGCONTEXT_SS 2u     /* sigcontext.ss is the interrupted context's */
#define UC_STRICT_RESTORE_SS 4u /* rt_sigreturn takes ss from the frame as it is */

struct ucontext_64 {
    uint64_t uc_flags, uc_link;
    struct sigaltstack_64 uc_stack;
    struct sigcontext_64 uc_mcontext;
    uint64_t uc_sigmask; /* the mask to restore: last, for extensibility */
};
_Static_assert(sizeof(struct ucontext_64) == 304, "ucontext layout");
_Static_assert(offsetof(struct ucontext_64, uc_mcontext) == 40 &&
                   offsetof(struct ucontext_64, uc_sigmask) == 296,
               "ucontext layout");

/* The frame the handler's rsp points at; the FPU image lies above it, 64-byte aligned. */
struct rt_sigframe_64 {
    uint64_t pretcode; /* the handler returns here: the restorer (SA_RESTORER) */
    struct ucontext_64 uc;
    struct siginfo_64 info;
};
_Static_assert(sizeof(struct rt_sigframe_64) == 440, "rt_sigframe layout");
_Static_assert(offsetof(struct rt_sigframe_64, uc) == 8 &&
                   offsetof(struct rt_sigframe_64, info) == 312,
               "rt_sigframe layout");
