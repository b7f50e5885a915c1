/* Builds and unpacks Linux i386's signal frames on the app's stack: where the frame goes
   (alternate stack, FPU area, ABI alignment), what the handler starts with, and what
   sigreturn may take back. */
#include "abi/i386/sigframe.h"
#include "abi/i386/vsyscall.h"
#include "arch/x86/32/segments.h"
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/user_access.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/syscall_nr.h"
#include "kernel/uaccess.h"

/* The flags sigreturn takes from the frame (Linux's FIX_EFLAGS); never IOPL, IF, NT or VM. */
#define FIX_EFLAGS                                                                                 \
    (EFLAGS_AC | EFLAGS_OF | EFLAGS_DF | EFLAGS_TF | EFLAGS_SF | EFLAGS_ZF | EFLAGS_AF |           \
     EFLAGS_PF | EFLAGS_CF | EFLAGS_RF)
#define FXSAVE_ALIGN 64u
/* Linux's markers of an XSAVE area in a frame (uapi/asm/sigcontext.h). */
#define FP_XSTATE_MAGIC1 0x46505853u
#define FP_XSTATE_MAGIC2 0x46505845u
#define UC_FP_XSTATE 1u
#define FSAVE_HEADER offsetof(struct fpstate_32, fxsave)

/* struct _fpx_sw_bytes, in the FXSAVE image's bytes for software: an XSAVE area follows, this
   big, with FP_XSTATE_MAGIC2 right after it. */
struct fpx_sw_bytes {
    uint32_t magic1, extended_size;
    uint64_t xfeatures;
    uint32_t xstate_size, padding[7];
};
_Static_assert(sizeof(struct fpx_sw_bytes) == 48, "_fpx_sw_bytes layout");
#define SW_BYTES_OFFSET 464u

void load_user_fs(uint32_t sel);
void load_user_gs(uint32_t sel);

/* The retcodes Linux writes into each frame for old debuggers (never run: the handler returns
   to the restorer): "movl $NR_rt_sigreturn, %eax; int $0x80" and "popl %eax; movl
   $NR_sigreturn, %eax; int $0x80", as little-endian words. */
#define RT_RETCODE0 (0xB8u | (uint32_t)__NR_rt_sigreturn << 8)
#define RT_RETCODE1 (0x80CD00u | (uint32_t)__NR_rt_sigreturn >> 24)
#define RETCODE0 (0x58u | 0xB8u << 8 | (uint32_t)__NR_sigreturn << 16)
#define RETCODE1 (0x80CD0000u | (uint32_t)__NR_sigreturn >> 16)

static struct fxsave_area fx_sanitized;
static uint8_t xsave_in[XSAVE_MAX] __attribute__((aligned(64))); /* sigreturn's XSAVE area */
static struct fpx_sw_bytes sw_bytes; /* what every frame's XSAVE image says of itself */

/* The bytes the frame's FXSAVE or XSAVE image takes (with XSAVE, MAGIC2 after it). */
static uint32_t image_size(void)
{
    return fpu_xstate.on ? fpu_xstate.size + 4 : sizeof(struct fxsave_area);
}

/* After a store of the frame failed: give the app back the FPU state that fpstate_save put
   in the frame, which its fnsave reset and the XMM block moves used since, so that the
   SIGSEGV that follows sees it as it was, as on Linux (tests/musl/sig_frame_fault.c). The
   image was just written, its header made whole first, so it reads back. In the caller's
   user-access window. */
__attribute__((cold)) static void fpstate_reload(uint32_t fpstate)
{
    uint32_t image = fpstate + FSAVE_HEADER;
    if (fpu_xstate.on)
        ua_xstate("xrstor", image, fpu_xstate.mask, reset);
    else if (cpu.fxsr)
        ua_fpu("fxrstor", image, reset);
    else
        ua_fpu("frstor", fpstate, reset);
    return;
reset:
    fpu_reset();
}

/* XSAVE to the frame as Linux's copy_fpstate_to_sigframe: FP and SSE always marked present,
   the rest of the header zero, and the software bytes and MAGIC2 saying how big the area is.
   XSAVE writes no part of the header but XSTATE_BV's bits for its components, so the header
   is made whole after it, through xmm0 like the software bytes: the state is in the frame by
   then. A failure after that puts it back. In the caller's user-access window. */
__attribute__((always_inline)) static inline int xstate_save(uint32_t fpstate)
{
    uint32_t image = fpstate + FSAVE_HEADER, bv;
    if (!sw_bytes.magic1)
        sw_bytes = (struct fpx_sw_bytes){FP_XSTATE_MAGIC1,
                                         fpu_xstate.size + 4 + FSAVE_HEADER,
                                         fpu_xstate.mask,
                                         fpu_xstate.size,
                                         {0}};
    ua_xstate("xsave", image, fpu_xstate.mask, efault);
    /* The header, whose first 8 bytes XSAVE just wrote: these cannot fault. */
    ua_get32(bv, image + XSAVE_HEADER_OFFSET, undo);
    ua_put32((bv & (uint32_t)fpu_xstate.mask) | 3, image + XSAVE_HEADER_OFFSET, undo); /* FPSSE */
    ua_put32(0, image + XSAVE_HEADER_OFFSET + 4, undo); /* i386's components are all below 32 */
    ua_zero_xmm(image + XSAVE_HEADER_OFFSET + 8, sizeof(struct xsave_header) - 8, undo);
    ua_put32(FP_XSTATE_MAGIC2, image + fpu_xstate.size, undo); /* this one may: a page on */
    ua_copy_out_xmm(image + SW_BYTES_OFFSET, &sw_bytes, sizeof(sw_bytes), undo);
    return 0;
undo:
    fpstate_reload(fpstate);
efault:
    return -EFAULT;
}

/* Save the app's FPU state at fpstate, in Linux's layout: the FXSAVE (or XSAVE) image, then
   the FSAVE header before it (fnsave's, with the reserved halves set as Linux's
   convert_from_fxsr sets them), status and magic. The status word is stored first, as
   fnsave then resets the x87 unit (which the handler needs). In the caller's user-access
   window. */
__attribute__((always_inline)) static inline int fpstate_save(uint32_t fpstate)
{
    uint32_t image = fpstate + FSAVE_HEADER;
    ua_fpu("fnstsw", fpstate + offsetof(struct fpstate_32, status), efault);
    if (fpu_xstate.on) {
        if (xstate_save(fpstate))
            return -EFAULT;
        ua_put16(FPSTATE_MAGIC_FXSR, fpstate + offsetof(struct fpstate_32, magic), undo);
    } else if (cpu.fxsr) {
        ua_fpu("fxsave", image, efault);
        ua_put16(FPSTATE_MAGIC_FXSR, fpstate + offsetof(struct fpstate_32, magic), efault);
    } else {
        ua_put16(FPSTATE_MAGIC_FSAVE, fpstate + offsetof(struct fpstate_32, magic), efault);
        ua_fpu("fnsave", fpstate, efault); /* the save itself: a fault changed nothing */
        goto halves;
    }
    ua_fpu("fnsave", fpstate, undo); /* the header may lie on a page of its own */
halves:
    ua_put16(0xFFFF, fpstate + offsetof(struct fpstate_32, cw) + 2, undo);
    ua_put16(0xFFFF, fpstate + offsetof(struct fpstate_32, sw) + 2, undo);
    ua_put16(0xFFFF, fpstate + offsetof(struct fpstate_32, tag) + 2, undo);
    ua_put16(0xFFFF, fpstate + offsetof(struct fpstate_32, datasel) + 2, undo);
    return 0;
undo:
    fpstate_reload(fpstate);
efault:
    return -EFAULT;
}

/* The x87 state from the frame's FSAVE header, in a user-access window of its own. */
static inline int x87_load(uint32_t fpstate)
{
    user_access_begin();
    ua_fpu("frstor", fpstate, efault);
    user_access_end();
    return 0;
efault:
    user_access_end();
    return -EFAULT;
}

/* Load the XSAVE area of the frame's fpstate as Linux's __fpu_restore_sig, then the x87 state
   (see fpstate_load): without both magic words (or with sizes that do not fit) only the
   FXSAVE part counts and the rest starts in its initial state. A whole, aligned area is
   loaded straight from the frame, and XRSTOR's own #GP on a bad header or MXCSR is the
   fixup's -EFAULT, as on Linux; any other goes through a kernel copy whose header and MXCSR
   are checked as Linux's validate_user_xstate_header does. */
__attribute__((always_inline)) static inline int xstate_load(uint32_t fpstate)
{
    uint32_t image = fpstate + FSAVE_HEADER, magic1, ext_size, size, magic2;
    user_access_begin();
    ua_get32(magic1, image + SW_BYTES_OFFSET + offsetof(struct fpx_sw_bytes, magic1), efault);
    ua_get32(ext_size, image + SW_BYTES_OFFSET + offsetof(struct fpx_sw_bytes, extended_size),
             efault);
    ua_get32(size, image + SW_BYTES_OFFSET + offsetof(struct fpx_sw_bytes, xstate_size), efault);
    bool full = magic1 == FP_XSTATE_MAGIC1 &&
                size >= XSAVE_HEADER_OFFSET + sizeof(struct xsave_header) &&
                size <= fpu_xstate.size && size <= ext_size;
    if (full) {
        ua_get32(magic2, image + size, efault);
        full = magic2 == FP_XSTATE_MAGIC2;
    }
    if (full && !(image & 63) && size == fpu_xstate.size) {
        ua_xstate("xrstor", image, fpu_xstate.mask, efault);
        ua_fpu("frstor", fpstate, efault);
        user_access_end();
        return 0;
    }
    user_access_end();
    uint32_t n = full ? size : sizeof(struct fxsave_area);
    if (copy_from_user(xsave_in, image, n))
        return -EFAULT;
    memset(xsave_in + n, 0, fpu_xstate.size - n);
    struct fxsave_area *fx = (struct fxsave_area *)xsave_in;
    struct xsave_header *h = (struct xsave_header *)(xsave_in + XSAVE_HEADER_OFFSET);
    if (full) {
        uint64_t reserved = 0;
        for (int i = 0; i < 6; i++)
            reserved |= h->reserved[i];
        if ((h->xstate_bv & ~fpu_xstate.mask) || h->xcomp_bv || reserved ||
            (fx->mxcsr & ~fpu_mxcsr_mask()))
            return -EFAULT;
    } else {
        *h = (struct xsave_header){.xstate_bv = 3}; /* FP and SSE, everything else initial */
        fx->mxcsr &= fpu_mxcsr_mask();
    }
    fpu_xrstor(xsave_in);
    return x87_load(fpstate);
efault:
    user_access_end();
    return -EFAULT;
}

/* Load the FPU state from a frame. As Linux's convert_to_fxsr(), the x87 state comes from
   the FSAVE header (which is what a handler edits), XMM and MXCSR from the FXSAVE image.
   FXRSTOR loads straight from the frame; if it faults on a reserved MXCSR bit, the image is
   loaded from a kernel copy with those bits cleared instead. */
__attribute__((always_inline)) static inline int fpstate_load(uint32_t fpstate)
{
    uint32_t image = fpstate + FSAVE_HEADER;
    if (!user_access_ok(fpstate, sizeof(struct fpstate_32))) /* below USER_MIN: faults */
        return -EFAULT;
    if (fpu_xstate.on)
        return xstate_load(fpstate);
    user_access_begin();
    if (__builtin_expect(cpu.fxsr, 1))
        ua_fpu("fxrstor", image, sanitize);
    ua_fpu("frstor", fpstate, efault);
    user_access_end();
    return 0;
sanitize:
    user_access_end();
    if (copy_from_user(&fx_sanitized, image, sizeof(fx_sanitized)))
        return -EFAULT;
    fpu_restore(&fx_sanitized);
    return x87_load(fpstate);
efault:
    user_access_end();
    return -EFAULT;
}

#define SC(field) (sc + offsetof(struct sigcontext_32, field))

/* From es to ss, a sigcontext is the trap frame word for word (pusha's esp slot aside, and
   the frame's vector and error where trapno and err go): one copy moves them. */
#define SC_FRAME_WORDS (sizeof(struct trap_frame) / 4)
_Static_assert(offsetof(struct sigcontext_32, ss) - offsetof(struct sigcontext_32, es) ==
                       offsetof(struct trap_frame, ss) - offsetof(struct trap_frame, es) &&
                   offsetof(struct sigcontext_32, edi) - offsetof(struct sigcontext_32, es) ==
                       offsetof(struct trap_frame, edi) &&
                   offsetof(struct sigcontext_32, trapno) - offsetof(struct sigcontext_32, es) ==
                       offsetof(struct trap_frame, vector) &&
                   offsetof(struct trap_frame, es) == 0,
               "the trap frame is the sigcontext from es to ss");

/* The app's registers into the sigcontext at sc, in the caller's user-access window (its
   fpstate and oldmask the caller stores first, while they are still in registers). Every
   selector slot of the frame holds a zero-extended selector (the CPU's and entry.S's pushes,
   and sigreturn's masking), so the copy leaks no stale high halves. The single words come
   first and the copy last, so that sc stays in a register for the stores (rep movsl takes
   three). */
__attribute__((always_inline)) static inline int
sigcontext_put(uint32_t sc, const struct trap_frame *f, bool sse)
{
    /* A selector read into a 32-bit register comes zero-extended on every CPU since the
       P6, which PAE (boot.S) requires already. */
    uint32_t fs, gs;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(fs), "=r"(gs));
    ua_put32(gs, SC(gs), efault);
    ua_put32(fs, SC(fs), efault);
    ua_put32(sig_trap.cr2, SC(cr2), efault);
    if (sse)
        ua_copy_out_xmm(SC(es), f, SC_FRAME_WORDS * 4, efault);
    else
        ua_copy_words(SC(es), f, SC_FRAME_WORDS, efault);
    ua_put32(f->esp, SC(esp), efault);             /* over pusha's kernel esp, */
    ua_put32(sig_trap.trapno, SC(trapno), efault); /* the vector */
    ua_put32(sig_trap.err, SC(err), efault);       /* and the error slot */
    return 0;
efault:
    return -EFAULT;
}

__attribute__((cold)) word_t sigframe_max_size(void)
{
    return sizeof(struct sigframe_32) + FSAVE_HEADER + image_size() + FXSAVE_ALIGN + 16;
}

static uint32_t restorer(const struct sig_action *act, bool rt)
{
    if (act->flags & SA_RESTORER)
        return act->restorer;
    return vsyscall_addr(rt ? VSYSCALL_RT_SIGRETURN : VSYSCALL_SIGRETURN);
}

#define RT(field) (sp + offsetof(struct rt_sigframe_32, field))
#define LEGACY(field) (sp + offsetof(struct sigframe_32, field))

/* The kernel's sig_info is siginfo_t's first 32 bytes on i386, field for field (as Linux's
   kernel_siginfo is the native siginfo_t's): the frame takes it as a copy. */
_Static_assert(offsetof(struct sig_info, code) == offsetof(struct siginfo_32, code) &&
                   offsetof(struct sig_info, words) == offsetof(struct siginfo_32, words) &&
                   sizeof(struct sig_info) == offsetof(struct siginfo_32, zero),
               "sig_info is siginfo_t's head");

/* After siginfo_t's zero tail come uc_flags and uc_link: one run of zeros covers all three
   (uc_flags is set after it when the frame has an XSAVE area). */
#define RT_ZERO_RUN_WORDS                                                                          \
    ((offsetof(struct rt_sigframe_32, uc.ss_sp) - offsetof(struct rt_sigframe_32, info.zero)) / 4)
_Static_assert(offsetof(struct rt_sigframe_32, uc.uc_flags) ==
                       offsetof(struct rt_sigframe_32, info) + sizeof(struct siginfo_32) &&
                   offsetof(struct rt_sigframe_32, uc.ss_sp) ==
                       offsetof(struct rt_sigframe_32, uc.uc_link) + 4,
               "uc_flags and uc_link follow siginfo_t");

/* Linux's rt_sigframe, field by field (what Linux leaves zero, such as most of siginfo and
   uc_link, is written zero), in the caller's user-access window: the single words first, the
   copies last (see sigcontext_put). */
__attribute__((always_inline)) static inline int
rt_frame_put(uint32_t sp, int sig, const struct sig_info *info, uint32_t pretcode, sigset_k oldmask,
             const struct trap_frame *f, uint32_t fpstate, bool sse)
{
    ua_put32(fpstate, RT(uc.uc_mcontext.fpstate), efault);
    ua_put32(oldmask, RT(uc.uc_mcontext.oldmask), efault);
    ua_put32(oldmask, RT(uc.uc_sigmask), efault);
    ua_put32(oldmask >> 32, RT(uc.uc_sigmask) + 4, efault);
    ua_put32(pretcode, RT(pretcode), efault);
    ua_put32(sig, RT(sig), efault);
    ua_put32(RT(info), RT(pinfo), efault);
    ua_put32(RT(uc), RT(puc), efault);
    ua_put32(sig_altstack.sp, RT(uc.ss_sp), efault);
    ua_put32(sig_altstack.flags, RT(uc.ss_flags), efault); /* Linux saves them as last set */
    ua_put32(sig_altstack.size, RT(uc.ss_size), efault);
    ua_put32(RT_RETCODE0, RT(retcode), efault);
    ua_put32(RT_RETCODE1, RT(retcode) + 4, efault);
    if (sse) {
        ua_copy_out_xmm(RT(info), info, sizeof(*info), efault);
        ua_zero_xmm(RT(info.zero), RT_ZERO_RUN_WORDS * 4, efault);
    } else {
        ua_copy_words(RT(info), info, sizeof(*info) / 4, efault);
        ua_zero_words(RT(info.zero), RT_ZERO_RUN_WORDS, efault);
    }
    if (fpu_xstate.on)
        ua_put32(UC_FP_XSTATE, RT(uc.uc_flags), efault);
    return sigcontext_put(RT(uc.uc_mcontext), f, sse);
efault:
    return -EFAULT;
}

/* The legacy frame; its fpstate_unused is never written, as on Linux. */
__attribute__((always_inline)) static inline int
legacy_frame_put(uint32_t sp, int sig, uint32_t pretcode, sigset_k oldmask,
                 const struct trap_frame *f, uint32_t fpstate, bool sse)
{
    ua_put32(fpstate, LEGACY(sc.fpstate), efault);
    ua_put32(oldmask, LEGACY(sc.oldmask), efault);
    ua_put32(oldmask >> 32, LEGACY(extramask), efault);
    ua_put32(pretcode, LEGACY(pretcode), efault);
    ua_put32(sig, LEGACY(sig), efault);
    ua_put32(RETCODE0, LEGACY(retcode), efault);
    ua_put32(RETCODE1, LEGACY(retcode) + 4, efault);
    return sigcontext_put(LEGACY(sc), f, sse);
efault:
    return -EFAULT;
}

/* sigframe_setup for one kind of frame, so that each is compiled for its own layout. */
__attribute__((always_inline)) static inline int frame_setup(struct trap_frame *f, int sig,
                                                             const struct sig_info *info,
                                                             const struct sig_action *act,
                                                             sigset_k oldmask, bool rt, bool sse)
{
    uint32_t size = rt ? sizeof(struct rt_sigframe_32) : sizeof(struct sigframe_32);
    uint32_t handler = act->handler, pretcode = restorer(act, rt);

    /* Where the frame goes, as Linux's get_sigframe(): on the alternate stack if the app is
       on it already (nested), or if the handler asks for it and one is set (entering). */
    uint32_t sp = f->esp, image = image_size();
    bool on_altstack = sig_on_altstack(sp);
    if (!on_altstack && (act->flags & SA_ONSTACK) && sig_altstack.size) {
        sp = sig_altstack.sp + sig_altstack.size;
        on_altstack = true;
    }
    uint32_t fpstate = ((sp - image) & ~(FXSAVE_ALIGN - 1)) - FSAVE_HEADER;
    uint32_t end = fpstate + FSAVE_HEADER + image;
    sp = fpstate - size;
    sp = ((sp + 4) & ~15u) - 4; /* as after a call: (sp + 4) is 16-byte aligned */
    if (on_altstack && !sig_altstack_contains(sp))
        return -EFAULT; /* it would overflow the alternate stack */
    /* Not wrapped below address 0, and below USER_TOP, as Linux's access_ok: a frame that
       reaches into the unmapped pages below USER_MIN faults in the stores, also -EFAULT. */
    if (sp >= end || end > USER_TOP)
        return -EFAULT;

    user_access_begin();
    if (fpstate_save(fpstate)) { /* which leaves the app's FPU state as it was */
        user_access_end();
        return -EFAULT;
    }
    if (rt ? rt_frame_put(sp, sig, info, pretcode, oldmask, f, fpstate, sse)
           : legacy_frame_put(sp, sig, pretcode, oldmask, f, fpstate, sse)) {
        fpstate_reload(fpstate);
        user_access_end();
        return -EFAULT;
    }
    user_access_end();

    if (sig_altstack.flags & SS_AUTODISARM)
        sig_altstack = (struct sig_altstack){0, 0, SS_DISABLE};
    f->esp = sp;
    f->eip = handler;
    f->eax = (uint32_t)sig;
    f->edx = rt ? RT(info) : 0;
    f->ecx = rt ? RT(uc) : 0;
    f->cs = USER_CS;
    f->ss = f->ds = f->es = USER_DS;
    f->eflags &= ~(EFLAGS_DF | EFLAGS_RF | EFLAGS_TF | EFLAGS_VM); /* the handler: protected mode */
    fpu_reset();
    return 0;
}

int sigframe_setup(struct trap_frame *f, int sig, const struct sig_info *info,
                   const struct sig_action *act, sigset_k oldmask)
{
    if (act->flags & SA_SIGINFO)
        return cpu.sse ? frame_setup(f, sig, info, act, oldmask, true, true)
                       : frame_setup(f, sig, info, act, oldmask, true, false);
    return cpu.sse ? frame_setup(f, sig, info, act, oldmask, false, true)
                   : frame_setup(f, sig, info, act, oldmask, false, false);
}

/* Zero a selector slot's high half, as every slot's is (see sigcontext_put): one andl on
   the slot, where GCC would load, extend and store. */
static inline void selector_clear_high(uint32_t *slot)
{
    __asm__("andl $0xFFFF, %0" : "+m"(*slot));
}

/* sigframe_restore for one kind of frame, so that each is compiled for its own layout. */
__attribute__((always_inline)) static inline int frame_restore(struct trap_frame *f, bool rt,
                                                               sigset_k *mask)
{
    /* The restorer has popped pretcode (and the legacy one sig as well). */
    uint32_t frame = f->esp - (rt ? 4 : 8);
    uint32_t sc = frame + (rt ? offsetof(struct rt_sigframe_32, uc.uc_mcontext)
                              : offsetof(struct sigframe_32, sc));
    /* The first and the last word read: the rest lies between. */
    uint32_t first = rt ? frame + offsetof(struct rt_sigframe_32, uc.ss_sp) : SC(gs);
    uint32_t last = rt ? frame + offsetof(struct rt_sigframe_32, uc.uc_sigmask) + 4
                       : frame + offsetof(struct sigframe_32, extramask);
    uint32_t lo, hi, gs, fs, fpstate, flags = f->eflags, ss_sp, ss_flags, ss_size;
    /* As Linux's access_ok: a frame below USER_MIN faults on its first read, also -EFAULT. */
    if (!user_access_ok(frame, rt ? sizeof(struct rt_sigframe_32) : sizeof(struct sigframe_32)))
        return -EFAULT;
    user_access_begin();
    /* With the first and the last word read, every page in between is there: neither the
       copy into the frame nor the reads after it can fault, so a bad frame changes nothing
       (and each value is read where it is needed, not kept in registers across the copy). */
    if (rt)
        ua_get32(ss_sp, first, efault); /* read again below */
    else
        ua_get32(gs, first, efault);
    ua_get32(hi, last, efault);
    if (cpu.sse) /* the FPU state is the frame's from here on (or reset, on a failure) */
        ua_copy_in_xmm(f, SC(es), SC_FRAME_WORDS * 4, efault);
    else
        ua_copy_words(f, SC(es), SC_FRAME_WORDS, efault);
    frame_clear_syscall(f); /* over the frame's trapno, which the copy wrote in its place */
    if (rt) {
        ua_get32(lo, frame + offsetof(struct rt_sigframe_32, uc.uc_sigmask), efault);
        ua_get32(gs, SC(gs), efault);
    } else {
        ua_get32(lo, SC(oldmask), efault);
    }
    ua_get32(fs, SC(fs), efault);
    ua_get32(fpstate, SC(fpstate), efault);
    user_access_end();
    *mask = lo | (uint64_t)hi << 32;
    /* As Linux's restore_sigcontext: the stack is sc.esp (esp_at_signal is not read), the
       flags only FIX_EFLAGS, and the registers come back before the FPU state, which may
       still fail (the mask is set either way). cs and ss are forced to ring 3 and taken as
       given: a bad one faults on the iret, and trap.c makes that the app's SIGILL; ds and
       es, if bad, load as null on the way out. */
    f->esp = f->esp_pusha;
    f->eflags = (flags & ~FIX_EFLAGS) | (f->eflags & FIX_EFLAGS);
    selector_clear_high(&f->cs);
    selector_clear_high(&f->ss);
    selector_clear_high(&f->ds);
    selector_clear_high(&f->es);
    f->cs |= 3u;
    f->ss |= 3u;
    uint32_t cur_fs, cur_gs;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(cur_fs), "=r"(cur_gs));
    if ((uint16_t)(fs ^ cur_fs))
        load_user_fs(fs & 0xFFFF);
    if ((uint16_t)(gs ^ cur_gs))
        load_user_gs(gs & 0xFFFF);
    if (!fpstate) {
        fpu_reset();
    } else if (fpstate_load(fpstate)) {
        fpu_reset(); /* as Linux's fpu__restore_sig on a failure */
        return -EFAULT;
    }
    if (rt) {
        user_access_begin();
        ua_get32(ss_sp, frame + offsetof(struct rt_sigframe_32, uc.ss_sp), efault);
        ua_get32(ss_flags, frame + offsetof(struct rt_sigframe_32, uc.ss_flags), efault);
        ua_get32(ss_size, frame + offsetof(struct rt_sigframe_32, uc.ss_size), efault);
        user_access_end();
        sig_restore_altstack(ss_sp, ss_flags, ss_size, f->esp);
    }
    return 0;
efault:
    user_access_end();
    return -EFAULT;
}

/* Each kind out of line, so that sigreturn and rt_sigreturn each call their own. */
__attribute__((noinline)) static int rt_frame_restore(struct trap_frame *f, sigset_k *mask)
{
    return frame_restore(f, true, mask);
}

__attribute__((noinline)) static int legacy_frame_restore(struct trap_frame *f, sigset_k *mask)
{
    return frame_restore(f, false, mask);
}

int sigframe_restore(struct trap_frame *f, bool rt, sigset_k *mask)
{
    return rt ? rt_frame_restore(f, mask) : legacy_frame_restore(f, mask);
}
