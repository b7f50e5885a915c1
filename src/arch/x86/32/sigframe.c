/* Builds and unpacks Linux i386's signal frames on the app's stack: where the frame goes
   (alternate stack, FPU area, ABI alignment), what the handler starts with, and what
   sigreturn may take back. */
#include "arch/x86/32/sigframe.h"
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/segments.h"
#include "arch/x86/vsyscall.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

/* The flags sigreturn takes from the frame (Linux's FIX_EFLAGS); never IOPL, IF, NT or VM. */
#define FIX_EFLAGS (EFLAGS_AC | EFLAGS_OF | EFLAGS_DF | EFLAGS_TF | EFLAGS_SF | EFLAGS_ZF | \
                    EFLAGS_AF | EFLAGS_PF | EFLAGS_CF | EFLAGS_RF)
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
int uaccess_fxsave(uint32_t user);
int uaccess_xsave(uint32_t user, uint32_t mask_lo, uint32_t mask_hi);
int uaccess_xrstor(uint32_t user, uint32_t mask_lo, uint32_t mask_hi);
int uaccess_fxrstor(uint32_t user);
int uaccess_frstor(uint32_t user);

/* The frames are built here and copied out whole. Only the parts that change are written,
   so what Linux leaves zero (most of siginfo, uc_flags, uc_link, the legacy frame's
   fpstate_unused) stays zero, and the retcodes stay as set here. */
static struct rt_sigframe_32 rt_frame = {.retcode = "\xb8\xad\x00\x00\x00\xcd\x80"};
static struct sigframe_32 legacy_frame = {.retcode = "\x58\xb8\x77\x00\x00\x00\xcd\x80"};
static struct ucontext_32 uc_in;    /* sigreturn's copy of the app's ucontext */
static struct fxsave_area fx_sanitized;
static uint8_t xsave_in[XSAVE_MAX] __attribute__((aligned(64))); /* sigreturn's XSAVE area */

/* The bytes the frame's FXSAVE or XSAVE image takes (with XSAVE, MAGIC2 after it). */
static uint32_t image_size(void)
{
    return fpu_xstate.on ? fpu_xstate.size + 4 : sizeof(struct fxsave_area);
}

/* The FXSAVE image's software bytes and the XSAVE header after them: one block. */
struct xstate_tail {
    struct fpx_sw_bytes sw;
    struct xsave_header h;
};
_Static_assert(sizeof(struct xstate_tail) == XSAVE_HEADER_OFFSET + 64 - SW_BYTES_OFFSET,
               "sw_reserved and the header are contiguous");

/* XSAVE to the frame as Linux's copy_fpstate_to_sigframe, then the header rewritten (XSAVE
   leaves all but its own XSTATE_BV bits alone), FP and SSE always marked present, and the
   software bytes and MAGIC2 saying how big the area is. */
static int xstate_save(uint32_t image)
{
    static struct xstate_tail tail;
    const uint32_t magic2 = FP_XSTATE_MAGIC2;
    if (uaccess_xsave(image, (uint32_t)fpu_xstate.mask, (uint32_t)(fpu_xstate.mask >> 32)) ||
        copy_from_user(&tail.h.xstate_bv, image + XSAVE_HEADER_OFFSET, 8))
        return -EFAULT;
    if (!tail.sw.magic1) /* the same every time: written into the kept block once */
        tail.sw = (struct fpx_sw_bytes){FP_XSTATE_MAGIC1, fpu_xstate.size + 4 + FSAVE_HEADER,
                                        fpu_xstate.mask, fpu_xstate.size, {0}};
    /* XSAVE writes only the bits of XSTATE_BV it saves: the rest is whatever the stack held */
    tail.h.xstate_bv = (tail.h.xstate_bv & fpu_xstate.mask) | 3; /* XFEATURE_MASK_FPSSE */
    if (copy_to_user(image + SW_BYTES_OFFSET, &tail, sizeof(tail)) ||
        copy_to_user(image + fpu_xstate.size, &magic2, sizeof(magic2)))
        return -EFAULT;
    return 0;
}

/* Linux's validate_user_xstate_header, and its MXCSR check. */
static bool xstate_header_ok(const struct xsave_header *h)
{
    uint64_t reserved = 0;
    for (int i = 0; i < 6; i++)
        reserved |= h->reserved[i];
    return !(h->xstate_bv & ~fpu_xstate.mask) && !h->xcomp_bv && !reserved;
}

/* Load the XSAVE area of a frame as Linux's __fpu_restore_sig: without both magic words (or
   with sizes that do not fit) only the FXSAVE part counts and the rest starts in its initial
   state; with them, a header naming unknown components or carrying XCOMP_BV or reserved
   bits, or a reserved MXCSR bit, is -EFAULT: the app's SIGSEGV, never a kernel fault. An
   aligned area is loaded straight from the frame (XRSTOR's #GP is the uaccess fixup's). */
static int xstate_load(uint32_t image)
{
    struct xstate_tail tail;
    uint32_t magic2;
    if (copy_from_user(&tail, image + SW_BYTES_OFFSET, sizeof(tail)))
        return -EFAULT;
    const struct fpx_sw_bytes *sw = &tail.sw;
    bool full = sw->magic1 == FP_XSTATE_MAGIC1 &&
                sw->xstate_size >= XSAVE_HEADER_OFFSET + sizeof(struct xsave_header) &&
                sw->xstate_size <= fpu_xstate.size && sw->xstate_size <= sw->extended_size &&
                !copy_from_user(&magic2, image + sw->xstate_size, sizeof(magic2)) &&
                magic2 == FP_XSTATE_MAGIC2;
    if (full && !xstate_header_ok(&tail.h))
        return -EFAULT;
    if (full && !(image & 63) && sw->xstate_size == fpu_xstate.size)
        return uaccess_xrstor(image, (uint32_t)fpu_xstate.mask,
                              (uint32_t)(fpu_xstate.mask >> 32));
    uint32_t n = full ? sw->xstate_size : sizeof(struct fxsave_area);
    if (copy_from_user(xsave_in, image, n))
        return -EFAULT;
    memset(xsave_in + n, 0, fpu_xstate.size - n);
    struct fxsave_area *fx = (struct fxsave_area *)xsave_in;
    struct xsave_header *h = (struct xsave_header *)(xsave_in + XSAVE_HEADER_OFFSET);
    if (full) {
        if (fx->mxcsr & ~fpu_mxcsr_mask())
            return -EFAULT;
    } else {
        *h = (struct xsave_header){.xstate_bv = 3}; /* FP and SSE, everything else initial */
        fx->mxcsr &= fpu_mxcsr_mask();
    }
    fpu_xrstor(xsave_in);
    return 0;
}

/* Save the app's FPU state at fpstate, in Linux's layout: the FSAVE header (fnsave's, with
   the reserved halves set as Linux's convert_from_fxsr sets them), status and magic, then
   the FXSAVE image. fnsave also resets the x87 unit, as the handler needs. */
static int fpstate_save(uint32_t fpstate)
{
    static struct fpstate_32 head; /* only the 112 bytes before the FXSAVE image are used */
    if (!user_addr_ok(fpstate, FSAVE_HEADER + image_size()))
        return -EFAULT;
    if (fpu_xstate.on ? xstate_save(fpstate + FSAVE_HEADER)
                      : cpu.fxsr && uaccess_fxsave(fpstate + FSAVE_HEADER))
        return -EFAULT;
    __asm__ volatile("fnsave %0" : "=m"(head));
    head.cw |= 0xFFFF0000u, head.sw |= 0xFFFF0000u, head.tag |= 0xFFFF0000u;
    head.datasel |= 0xFFFF0000u;
    head.status = (uint16_t)head.sw;
    head.magic = cpu.fxsr ? FPSTATE_MAGIC_FXSR : FPSTATE_MAGIC_FSAVE;
    return copy_to_user(fpstate, &head, offsetof(struct fpstate_32, fxsave));
}

/* Load the FPU state from a frame. As Linux's convert_to_fxsr(), the x87 state comes from
   the FSAVE header (which is what a handler edits), XMM and MXCSR from the FXSAVE image; a
   reserved MXCSR bit (FXRSTOR's #GP) is cleared rather than allowed to fault. */
static int fpstate_load(uint32_t fpstate)
{
    if (!user_addr_ok(fpstate, sizeof(struct fpstate_32)))
        return -EFAULT;
    uint32_t image = fpstate + offsetof(struct fpstate_32, fxsave);
    if (fpu_xstate.on) {
        if (xstate_load(image))
            return -EFAULT;
    } else if (cpu.fxsr && uaccess_fxrstor(image)) {
        if (copy_from_user(&fx_sanitized, image, sizeof(fx_sanitized)))
            return -EFAULT;
        fpu_restore(&fx_sanitized);
    }
    return uaccess_frstor(fpstate);
}

static void sigcontext_fill(struct sigcontext_32 *sc, const struct trap_frame *f,
                            uint32_t fpstate, sigset_k oldmask)
{
    uint16_t fs, gs;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(fs), "=r"(gs));
    sc->gs = gs, sc->fs = fs, sc->es = (uint16_t)f->es, sc->ds = (uint16_t)f->ds;
    sc->edi = f->edi, sc->esi = f->esi, sc->ebp = f->ebp, sc->esp = f->esp;
    sc->ebx = f->ebx, sc->edx = f->edx, sc->ecx = f->ecx, sc->eax = f->eax;
    sc->trapno = sig_trap.trapno, sc->err = sig_trap.err, sc->cr2 = sig_trap.cr2;
    sc->eip = f->eip, sc->cs = (uint16_t)f->cs, sc->eflags = f->eflags;
    sc->esp_at_signal = f->esp, sc->ss = (uint16_t)f->ss;
    sc->fpstate = fpstate, sc->oldmask = (uint32_t)oldmask;
}

uint32_t sigframe_max_size(void)
{
    return sizeof(struct sigframe_32) + FSAVE_HEADER + image_size() + FXSAVE_ALIGN + 16;
}

static uint32_t restorer(const struct k_sigaction *act, bool rt)
{
    if (act->flags & SA_RESTORER)
        return act->restorer;
    return vsyscall_addr(rt ? VSYSCALL_RT_SIGRETURN : VSYSCALL_SIGRETURN);
}

static int write_rt_frame(uint32_t sp, int sig, const struct sig_info *info,
                          const struct k_sigaction *act, sigset_k oldmask,
                          const struct trap_frame *f, uint32_t fpstate)
{
    struct rt_sigframe_32 *fr = &rt_frame;
    const struct sig_altstack *ss = &sig_altstack;
    fr->pretcode = restorer(act, true);
    fr->sig = sig;
    fr->pinfo = sp + offsetof(struct rt_sigframe_32, info);
    fr->puc = sp + offsetof(struct rt_sigframe_32, uc);
    fr->uc.uc_flags = fpu_xstate.on ? UC_FP_XSTATE : 0;
    sig_info_fill(&fr->info, info);
    fr->uc.ss_sp = ss->sp;
    fr->uc.ss_flags = ss->flags; /* Linux saves the flags as last set */
    fr->uc.ss_size = ss->size;
    sigcontext_fill(&fr->uc.uc_mcontext, f, fpstate, oldmask);
    fr->uc.uc_sigmask = oldmask;
    return copy_to_user(sp, fr, sizeof(*fr));
}

static int write_legacy_frame(uint32_t sp, int sig, const struct k_sigaction *act,
                              sigset_k oldmask, const struct trap_frame *f, uint32_t fpstate)
{
    struct sigframe_32 *fr = &legacy_frame;
    fr->pretcode = restorer(act, false);
    fr->sig = sig;
    sigcontext_fill(&fr->sc, f, fpstate, oldmask);
    fr->extramask = (uint32_t)(oldmask >> 32);
    /* fpstate_unused is never written, as on Linux */
    uint32_t tail = offsetof(struct sigframe_32, extramask);
    if (copy_to_user(sp, fr, offsetof(struct sigframe_32, fpstate_unused)) ||
        copy_to_user(sp + tail, (const uint8_t *)fr + tail, sizeof(*fr) - tail))
        return -EFAULT;
    return 0;
}

int sigframe_setup(struct trap_frame *f, int sig, const struct sig_info *info,
                   const struct k_sigaction *act, sigset_k oldmask)
{
    bool rt = act->flags & SA_SIGINFO;
    uint32_t size = rt ? sizeof(struct rt_sigframe_32) : sizeof(struct sigframe_32);

    /* Where the frame goes, as Linux's get_sigframe(). */
    uint32_t sp = f->esp, stack_flags = sig_altstack_flags(sp);
    bool nested = stack_flags == SS_ONSTACK, entering = false;
    if ((act->flags & SA_ONSTACK) && stack_flags == 0) {
        sp = sig_altstack.sp + sig_altstack.size;
        entering = true;
    }
    uint32_t fpstate = ((sp - image_size()) & ~(FXSAVE_ALIGN - 1)) - FSAVE_HEADER;
    sp = fpstate - size;
    sp = ((sp + 4) & ~15u) - 4; /* as after a call: (sp + 4) is 16-byte aligned */
    if ((nested || entering) && !sig_altstack_contains(sp))
        return -EFAULT; /* it would overflow the alternate stack */
    if (sp > fpstate)
        return -EFAULT; /* wrapped below address 0 */

    if (fpstate_save(fpstate))
        return -EFAULT;
    if (rt ? write_rt_frame(sp, sig, info, act, oldmask, f, fpstate)
           : write_legacy_frame(sp, sig, act, oldmask, f, fpstate))
        return -EFAULT;

    if (sig_altstack.flags & SS_AUTODISARM)
        sig_altstack = (struct sig_altstack){0, 0, SS_DISABLE};
    f->esp = sp;
    f->eip = act->handler;
    f->eax = (uint32_t)sig;
    f->edx = rt ? rt_frame.pinfo : 0;
    f->ecx = rt ? rt_frame.puc : 0;
    f->cs = USER_CS;
    f->ss = f->ds = f->es = USER_DS;
    f->eflags &= ~(EFLAGS_DF | EFLAGS_RF | EFLAGS_TF | EFLAGS_VM); /* the handler: protected mode */
    fpu_reset();
    return 0;
}

int sigframe_restore(struct trap_frame *f, bool rt, sigset_k *mask)
{
    const struct sigcontext_32 *sc;
    if (rt) {
        struct ucontext_32 *uc = &uc_in;
        if (copy_from_user(uc, f->esp - 4 + offsetof(struct rt_sigframe_32, uc), sizeof(*uc)))
            return -EFAULT;
        sc = &uc->uc_mcontext;
        *mask = uc->uc_sigmask;
    } else {
        struct sigframe_32 *fr = &legacy_frame;
        uint32_t frame = f->esp - 8;
        if (copy_from_user(&fr->sc, frame + offsetof(struct sigframe_32, sc), sizeof(fr->sc)) ||
            copy_from_user(&fr->extramask, frame + offsetof(struct sigframe_32, extramask), 4))
            return -EFAULT;
        sc = &fr->sc;
        *mask = sc->oldmask | (uint64_t)fr->extramask << 32;
    }
    if (sc->fpstate ? fpstate_load(sc->fpstate) : (fpu_reset(), 0))
        return -EFAULT;

    /* Everything is read: from here on nothing can fail. */
    f->edi = sc->edi, f->esi = sc->esi, f->ebp = sc->ebp, f->esp = sc->esp;
    f->ebx = sc->ebx, f->edx = sc->edx, f->ecx = sc->ecx, f->eax = sc->eax;
    f->eip = sc->eip;
    f->eflags = (f->eflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
    /* cs and ss are forced to ring 3 and taken as given: a bad one faults on the iret, and
       trap.c makes that the app's SIGILL. ds and es, if bad, load as null on the way out. */
    f->cs = sc->cs | 3u;
    f->ss = sc->ss | 3u;
    f->ds = sc->ds;
    f->es = sc->es;
    uint16_t fs, gs;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(fs), "=r"(gs));
    if (sc->fs != fs)
        load_user_fs(sc->fs);
    if (sc->gs != gs)
        load_user_gs(sc->gs);
    if (rt)
        sig_restore_altstack(uc_in.ss_sp, uc_in.ss_flags, uc_in.ss_size, f->esp);
    return 0;
}
