/* bits/signal.h (x86_64): mcontext_t, REG_x and struct sigcontext, as Linux x86_64 has them. */
#pragma once

#include <stdint.h>

/*
 * What a handler's third argument points at: the kernel's ucontext in the rt_sigframe
 * (arch/x86/include/uapi/asm/ucontext.h, sigcontext.h). mcontext_t is struct sigcontext seen
 * as 23 registers, gregs[REG_x] in the kernel's order (glibc's and musl's REG_x names), then
 * the fpstate pointer and eight reserved words. REG_CSGSFS packs cs, gs, fs and ss, 16 bits
 * each. Always exposed (musl wants _GNU_SOURCE for REG_x).
 */
enum {
    REG_R8 = 0,
    REG_R9,
    REG_R10,
    REG_R11,
    REG_R12,
    REG_R13,
    REG_R14,
    REG_R15,
    REG_RDI,
    REG_RSI,
    REG_RBP,
    REG_RBX,
    REG_RDX,
    REG_RAX,
    REG_RCX,
    REG_RSP,
    REG_RIP,
    REG_EFL,
    REG_CSGSFS,
    REG_ERR,
    REG_TRAPNO,
    REG_OLDMASK,
    REG_CR2,
};
#define NGREG 23

typedef long long greg_t, gregset_t[NGREG];

/* struct _fpstate_64: the 512-byte FXSAVE image (an XSAVE area may follow it). */
struct _fpxreg {
    unsigned short significand[4], exponent, __pad[3];
};
struct _xmmreg {
    uint32_t element[4];
};
struct _fpstate {
    uint16_t cwd, swd, ftw, fop;
    uint64_t rip, rdp;
    uint32_t mxcsr, mxcr_mask;
    struct _fpxreg _st[8];
    struct _xmmreg _xmm[16];
    uint32_t __reserved1[24]; /* the last 48 bytes: sw_reserved, the XSAVE magic */
};
typedef struct _fpstate *fpregset_t;

struct sigcontext {
    unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
    unsigned long rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    unsigned short cs, gs, fs, ss; /* ss: saved since Linux 4.6 (UC_SIGCONTEXT_SS) */
    unsigned long err, trapno, oldmask, cr2;
    struct _fpstate *fpstate;
    unsigned long __reserved1[8];
};

typedef struct {
    gregset_t gregs;
    fpregset_t fpregs;
    unsigned long long __reserved1[8];
} mcontext_t;

#define __MCONTEXT_SIZE 256
#define __FPSTATE_SIZE 512
