/* bits/signal.h (i386): mcontext_t, REG_x and struct sigcontext, as Linux i386's frames hold them.
 */
#pragma once

/*
 * What a handler's third argument points at: the kernel's ucontext in the rt_sigframe
 * (arch/x86/include/uapi/asm/ucontext.h, sigcontext.h). mcontext_t is struct sigcontext seen
 * as registers: gregs[REG_x] in the kernel's order, each segment register a 32-bit slot with
 * the selector in its low 16 bits. Always exposed (musl wants _GNU_SOURCE for REG_x).
 */
enum {
    REG_GS = 0,
    REG_FS,
    REG_ES,
    REG_DS,
    REG_EDI,
    REG_ESI,
    REG_EBP,
    REG_ESP,
    REG_EBX,
    REG_EDX,
    REG_ECX,
    REG_EAX,
    REG_TRAPNO,
    REG_ERR,
    REG_EIP,
    REG_CS,
    REG_EFL,
    REG_UESP, /* esp_at_signal */
    REG_SS,
};
#define NGREG 19

typedef int greg_t, gregset_t[NGREG];

/* struct _fpstate_32: the i387 FSAVE image, then the 512-byte FXSAVE image (magic 0). */
struct _fpreg {
    unsigned short significand[4], exponent;
};
struct _fpxreg {
    unsigned short significand[4], exponent, __pad[3];
};
struct _xmmreg {
    unsigned long element[4];
};
struct _fpstate {
    unsigned long cw, sw, tag, ipoff, cssel, dataoff, datasel;
    struct _fpreg _st[8];
    unsigned short status, magic; /* magic 0xffff: FSAVE only, no FXSAVE image follows */
    unsigned long _fxsr_env[6], mxcsr, __mxcsr_mask;
    struct _fpxreg _fxsr_st[8];
    struct _xmmreg _xmm[8];
    unsigned long __padding[56];
};
typedef struct _fpstate *fpregset_t;

struct sigcontext {
    unsigned short gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
    unsigned long edi, esi, ebp, esp, ebx, edx, ecx, eax;
    unsigned long trapno, err, eip;
    unsigned short cs, __csh;
    unsigned long eflags, esp_at_signal;
    unsigned short ss, __ssh;
    struct _fpstate *fpstate;
    unsigned long oldmask, cr2;
};

typedef struct {
    gregset_t gregs;
    fpregset_t fpregs;
    unsigned long oldmask, cr2;
} mcontext_t;

#define __MCONTEXT_SIZE 88
#define __FPSTATE_SIZE 624
