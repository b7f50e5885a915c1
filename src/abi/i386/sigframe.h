/* Linux i386's signal frames, byte for byte (arch/x86/include/uapi/asm/sigcontext.h,
   arch/x86/include/asm/sigframe.h): the handler and sigreturn see exactly Linux's layout. */
#pragma once

#include "abi/i386/uapi.h"
#include <mode/types.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of stack a handler's frame needs at most (AT_MINSIGSTKSZ). */
word_t sigframe_max_size(void);

struct sigcontext_32 {
    uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip;
    uint16_t cs, csh;
    uint32_t eflags, esp_at_signal;
    uint16_t ss, ssh;
    uint32_t fpstate; /* user pointer to struct fpstate_32, or 0 */
    uint32_t oldmask, cr2;
};
_Static_assert(sizeof(struct sigcontext_32) == 88, "sigcontext layout");
_Static_assert(offsetof(struct sigcontext_32, trapno) == 48, "sigcontext trapno");

/* struct _fpstate_32: the i387 FSAVE image, then (with FXSR) the 512-byte FXSAVE image. */
struct fpstate_32 {
    uint32_t cw, sw, tag, ipoff, cssel, dataoff, datasel;
    uint8_t st[8][10];
    uint16_t status, magic; /* magic: 0x0000 when the FXSAVE image follows, 0xffff if not */
    uint8_t fxsave[512];
};
_Static_assert(offsetof(struct fpstate_32, fxsave) == 112, "fpstate layout");
_Static_assert(sizeof(struct fpstate_32) == 624, "fpstate size");

#define FPSTATE_MAGIC_FXSR 0x0000
#define FPSTATE_MAGIC_FSAVE 0xffff

struct ucontext_32 {
    uint32_t uc_flags, uc_link;
    uint32_t ss_sp, ss_flags, ss_size; /* uc_stack */
    struct sigcontext_32 uc_mcontext;
    uint32_t uc_sigmask[2];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct ucontext_32) == 116, "ucontext layout");

struct rt_sigframe_32 {
    uint32_t pretcode; /* the handler returns here: the restorer */
    int32_t sig;
    uint32_t pinfo, puc;
    struct siginfo_32 info;
    struct ucontext_32 uc;
    uint8_t retcode[8]; /* "movl $173, %eax; int $0x80": never run, kept for debuggers */
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct rt_sigframe_32) == 268, "rt_sigframe layout");

/* The legacy frame, for handlers installed without SA_SIGINFO. */
struct sigframe_32 {
    uint32_t pretcode;
    int32_t sig;
    struct sigcontext_32 sc;
    struct fpstate_32 fpstate_unused;
    uint32_t extramask; /* the high half of the old mask (sc.oldmask has the low half) */
    uint8_t retcode[8]; /* "popl %eax; movl $119, %eax; int $0x80" */
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct sigframe_32) == 732, "sigframe layout");
