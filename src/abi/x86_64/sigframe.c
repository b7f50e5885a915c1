/* Builds and unpacks Linux x86_64's signal frame on the app's stack (arch/x86/kernel/signal.c's
   x64_setup_rt_frame, get_sigframe and rt_sigreturn, fpu/signal.c's copy_fpstate_to_sigframe
   and __fpu_restore_sig): where the frame goes (red zone, alternate stack, FPU area, ABI
   alignment), what the handler starts with, and what rt_sigreturn may take back. */
#include "abi/x86_64/sigframe.h"
#include "arch/x86/64/segments.h"
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/user_access.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

/* The flags rt_sigreturn takes from the frame (Linux's FIX_EFLAGS); never IOPL, IF or NT. */
#define FIX_EFLAGS                                                                                 \
    ((uint64_t)(EFLAGS_AC | EFLAGS_OF | EFLAGS_DF | EFLAGS_TF | EFLAGS_SF | EFLAGS_ZF |            \
                EFLAGS_AF | EFLAGS_PF | EFLAGS_CF | EFLAGS_RF))
#define RED_ZONE 128u     /* below rsp, the interrupted function's own: the SysV ABI's */
#define XSTATE_ALIGN 64u  /* the FPU image's (XSAVE needs it; FXSAVE 16) */
#define FRAME_ALIGN 16u   /* rsp + 8, at the handler's entry, as after a call */
#define FSAVE_HEADER 112u /* struct fregs_state: only 32-bit frames have it, see below */
/* Linux's markers of an XSAVE image in a frame (uapi/asm/sigcontext.h). */
#define FP_XSTATE_MAGIC1 0x46505853u
#define FP_XSTATE_MAGIC2 0x46505845u
#define XFEATURE_MASK_FPSSE 3u
#define XFEATURE_MASK_MXCSR 6u /* XRSTOR loads MXCSR for SSE or AVX */

/* struct _fpx_sw_bytes, in the FXSAVE image's bytes for software: how big the image is (with
   XSAVE, FP_XSTATE_MAGIC2 follows it) and which components it holds. */
struct fpx_sw_bytes {
    uint32_t magic1, extended_size;
    uint64_t xfeatures;
    uint32_t xstate_size, padding[7];
};
_Static_assert(sizeof(struct fpx_sw_bytes) == 48, "_fpx_sw_bytes layout");
#define SW_BYTES_OFFSET 464u

/* The FXSAVE or XSAVE image's size in the frame (Linux's xstate_sigframe_size: with XSAVE,
   MAGIC2 after the area). */
static uint32_t image_size(void)
{
    return fpu_xstate.on ? fpu_xstate.size + 4 : sizeof(struct fxsave_area);
}

/* The frame lies this far below the FPU image: the image is XSTATE_ALIGNed, so Linux's
   align_sigframe rounds the frame's size up to FRAME_ALIGN and leaves pretcode's 8 bytes. */
#define FRAME_BELOW                                                                                \
    ((sizeof(struct rt_sigframe_64) + FRAME_ALIGN - 1) / FRAME_ALIGN * FRAME_ALIGN + 8)
_Static_assert(XSTATE_ALIGN % FRAME_ALIGN == 0, "the frame sits a fixed distance below the image");
/* The lowest image whose frame is at or above USER_MIN. */
#define FPSTATE_MIN ((USER_MIN + FRAME_BELOW + XSTATE_ALIGN - 1) & ~(uint64_t)(XSTATE_ALIGN - 1))

/* What is the same in every frame, worked out with sigframe_max_size (below), so that a
   delivery tests fpu_xstate.on only where it must choose an instruction: the image's size,
   how far above FPSTATE_MIN an image may start and still end at or below USER_TOP, Linux's
   uc_flags, and what the image's software bytes say of it. */
static struct {
    uint64_t image_bytes, fpstate_span, uc_flags;
    union {
        struct fpx_sw_bytes sw_bytes;
        uint64_t sw_head; /* magic1 and extended_size, as one word */
    };
    /* For rt_sigreturn's image as delivery wrote it (fpstate_load_same): how far above
       USER_MIN it may start, plus one (0, so never, without XSAVE), and the MXCSR bits XRSTOR
       must not be given. */
    uint64_t same_span;
    uint32_t mxcsr_reserved;
} fixed;
static void fixed_init(void)
{
    uint32_t size = fpu_xstate.on ? fpu_xstate.size : sizeof(struct fxsave_area);
    fixed.sw_bytes =
        (struct fpx_sw_bytes){.magic1 = FP_XSTATE_MAGIC1,
                              .extended_size = size + 4, /* MAGIC2's room, XSAVE or not */
                              .xfeatures = fpu_xstate.on ? fpu_xstate.mask : XFEATURE_MASK_FPSSE,
                              .xstate_size = size};
    fixed.image_bytes = image_size();
    fixed.fpstate_span = USER_TOP - fixed.image_bytes - FPSTATE_MIN;
    fixed.uc_flags = (fpu_xstate.on ? UC_FP_XSTATE : 0) | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    fixed.same_span = fpu_xstate.on ? USER_TOP - fixed.image_bytes - USER_MIN + 1 : 0;
    fixed.mxcsr_reserved = ~fpu_mxcsr_mask();
}

/* Linux's init_sigframe_size: the frame and its alignment, the FPU image and its alignment.
   A 64-bit Linux with IA32 emulation (Debian's, the reference) sizes every app's figure for
   the largest frame of any ABI it runs, the i386 one: struct sigframe_ia32 (736 bytes as a
   64-bit kernel lays it out) and the FSAVE header before that frame's FPU image. */
#define SIGFRAME_IA32_SIZE 736u
__attribute__((cold)) word_t sigframe_max_size(void)
{
    /* Every exec asks this for the app's auxv (initial_stack.c), after fpu_init and before
       the app can take a signal: the place to fill in fixed, which delivery then need not
       test for. */
    fixed_init();
    word_t n =
        SIGFRAME_IA32_SIZE + FRAME_ALIGN - 1 + image_size() + FSAVE_HEADER + XSTATE_ALIGN - 1;
    return (n + FRAME_ALIGN - 1) & ~(word_t)(FRAME_ALIGN - 1);
}

/* After a store of the frame failed: give the app back the FPU state that fpstate_save put
   in the frame, which its reset and the XMM block moves changed since, so that the SIGSEGV that
   follows sees it as it was, as on Linux (tests/musl/sig_frame_fault.c). The image was just
   written, its header made whole first, so it reads back. In the caller's user-access window. */
__attribute__((cold)) static void fpstate_reload(uint64_t image)
{
    if (fpu_xstate.on)
        ua_xstate("xrstor64", image, fpu_xstate.mask, reset);
    else
        ua_fpu("fxrstor64", image, reset);
    return;
reset:
    fpu_reset();
}

/* Save the app's FPU state at image, as Linux's copy_fpstate_to_sigframe: FP and SSE always
   marked present, the rest of XSAVE's header zero, MAGIC2 after the area; with XSAVE or
   without, the software bytes say what the image is. XSAVE writes no part of the header but
   XSTATE_BV's bits for its components, so XSTATE_BV is zeroed before it and the header made
   whole after it, through xmm0 like the software bytes: the state is in the frame by then,
   and a failure after that puts it back. The 64-bit forms (xsave64, fxsave64) keep the x87
   instruction and data pointers whole. The handler's initial state is loaded at once, the
   mask still in edx:eax (fpu_reset's, but for xmm0, which the caller zeroes once its block
   moves are done). In the caller's user-access window. */
static int fpstate_save(uint64_t image)
{
    if (fpu_xstate.on) {
        uint32_t lo = fpu_xstate.mask_lo, hi = fpu_xstate.mask_hi;
        ua_put64(0, image + XSAVE_HEADER_OFFSET, efault); /* XSAVE keeps bits not in the mask */
        ua_xstate_halves("xsave64", image, lo, hi, efault);
        __asm__ volatile("xrstor64 %0" : : "m"(fpu_init_xsave), "a"(lo), "d"(hi));
        /* The rest of the header, which XSAVE just wrote: these cannot fault. */
        ua_or32(XFEATURE_MASK_FPSSE, image + XSAVE_HEADER_OFFSET, undo);
        ua_zero_xmm(image + XSAVE_HEADER_OFFSET + 8, sizeof(struct xsave_header) - 8, undo);
        ua_put32(FP_XSTATE_MAGIC2, image + fpu_xstate.size, undo); /* this one may: a page on */
    } else {
        ua_fpu("fxsave64", image, efault);
        __asm__ volatile("fxrstor64 %0" : : "m"(fpu_init_fxsave));
    }
    ua_copy_out_xmm(image + SW_BYTES_OFFSET, &fixed.sw_bytes, sizeof(fixed.sw_bytes), undo);
    return 0;
undo:
    fpstate_reload(image);
efault:
    return -EFAULT;
}

#define SW(field) (image + SW_BYTES_OFFSET + offsetof(struct fpx_sw_bytes, field))

/* Load the FPU state from a frame's image, as Linux's __fpu_restore_sig for a 64-bit frame:
   straight from the app's memory, XSAVE's components as the software bytes list them (all
   others start in their initial state); without both magic words, or with sizes that do not
   fit, only the FXSAVE part. A #GP of xrstor64 or fxrstor64 (a bad header, a reserved MXCSR
   bit, a misaligned image) is the fixup's -EFAULT, as on Linux; the MXCSR check is also made
   here first, since QEMU's TCG (7.2) loads reserved bits where a CPU faults. */
static int fpstate_load_any(uint64_t image)
{
    uint32_t mxcsr, magic1, ext_size, size, magic2;
    uint64_t features = XFEATURE_MASK_FPSSE, xfeatures;
    bool full = false;
    if (!user_addr_ok(image, image_size()))
        return -EFAULT;
    user_access_begin();
    ua_get32(mxcsr, image + offsetof(struct fxsave_area, mxcsr), efault);
    if (fpu_xstate.on) {
        ua_get32(magic1, SW(magic1), efault);
        ua_get32(ext_size, SW(extended_size), efault);
        ua_get32(size, SW(xstate_size), efault);
        ua_get64(xfeatures, SW(xfeatures), efault);
        full = magic1 == FP_XSTATE_MAGIC1 &&
               size >= XSAVE_HEADER_OFFSET + sizeof(struct xsave_header) &&
               size <= fpu_xstate.size && size <= ext_size;
        if (full) {
            ua_get32(magic2, image + size, efault);
            full = magic2 == FP_XSTATE_MAGIC2;
        }
        if (full)
            features = xfeatures & fpu_xstate.mask;
        if (features != fpu_xstate.mask)
            fpu_reset(); /* what the image leaves out is in its initial state afterwards */
    }
    if ((features & XFEATURE_MASK_MXCSR) && (mxcsr & ~fpu_mxcsr_mask()))
        goto efault; /* the #GP a CPU raises on loading MXCSR, which QEMU's TCG does not */
    if (full)
        ua_xstate("xrstor64", image, features, efault);
    else
        ua_fpu("fxrstor64", image, efault);
    user_access_end();
    return 0;
efault:
    user_access_end();
    return -EFAULT;
}

/* rt_sigreturn's usual image, an XSAVE one whose software bytes and MAGIC2 are as delivery
   wrote them (the image's sizes, every component of XCR0) and whose MXCSR has no reserved
   bit: fpstate_load_any would load it whole with one xrstor64, which is all this does,
   without working out what the checks that all pass would have chosen. 1 for any other
   image (or one that faults on a read: the general path then fails it the same way), which
   fpstate_load_any takes. */
static inline __attribute__((always_inline)) int fpstate_load_same(uint64_t image)
{
    uint64_t sw_head, xfeatures;
    uint32_t mxcsr, size, magic2;
    if (__builtin_expect(image - USER_MIN >= fixed.same_span, 0)) /* it ends below USER_TOP */
        return 1;
    user_access_begin();
    ua_get32(mxcsr, image + offsetof(struct fxsave_area, mxcsr), other);
    ua_get64(sw_head, SW(magic1), other); /* magic1 and extended_size */
    ua_get64(xfeatures, SW(xfeatures), other);
    ua_get32(size, SW(xstate_size), other);
    if ((mxcsr & fixed.mxcsr_reserved) || size != fixed.sw_bytes.xstate_size ||
        sw_head != fixed.sw_head || xfeatures != fpu_xstate.mask)
        goto other;
    ua_get32(magic2, image + fpu_xstate.size, other);
    if (magic2 != FP_XSTATE_MAGIC2)
        goto other;
    ua_xstate_halves("xrstor64", image, fpu_xstate.mask_lo, fpu_xstate.mask_hi, efault);
    user_access_end();
    return 0;
efault:
    user_access_end();
    return -EFAULT;
other:
    user_access_end();
    return 1;
}

static int fpstate_load(uint64_t image)
{
    int err = fpstate_load_same(image);
    return __builtin_expect(err > 0, 0) ? fpstate_load_any(image) : err;
}

#define UC(field) (frame + offsetof(struct rt_sigframe_64, uc.field))
#define SC(field) UC(uc_mcontext.field)
#define INFO(field) (frame + offsetof(struct rt_sigframe_64, info.field))

/* The kernel's sig_info is siginfo_t's first 48 bytes but for the padding after si_code,
   which the frame gets as zero: one store each for signo and errno, code and the padding, and
   a copy of the union. */
_Static_assert(offsetof(struct sig_info, words) == offsetof(struct siginfo_64, bytes) &&
                   sizeof(((struct sig_info *)0)->words) == sizeof(((struct siginfo_64 *)0)->bytes),
               "sig_info's union is siginfo_t's");

/* From r8 to rcx, a sigcontext is the trap frame word for word: one copy moves them. */
#define FRAME_GENERAL_WORDS 15
#define SAME_PLACE(reg)                                                                            \
    (offsetof(struct sigcontext_64, reg) - offsetof(struct sigcontext_64, r8) ==                   \
     offsetof(struct trap_frame, reg) - offsetof(struct trap_frame, r8))
_Static_assert(SAME_PLACE(r9) && SAME_PLACE(r10) && SAME_PLACE(r11) && SAME_PLACE(r12) &&
                   SAME_PLACE(r13) && SAME_PLACE(r14) && SAME_PLACE(r15) && SAME_PLACE(rdi) &&
                   SAME_PLACE(rsi) && SAME_PLACE(rbp) && SAME_PLACE(rbx) && SAME_PLACE(rdx) &&
                   SAME_PLACE(rax) && SAME_PLACE(rcx) &&
                   offsetof(struct sigcontext_64, rcx) - offsetof(struct sigcontext_64, r8) ==
                       (FRAME_GENERAL_WORDS - 1) * 8,
               "the trap frame is the sigcontext from r8 to rcx");

/* Linux's rt_sigframe, field by field, as x64_setup_rt_frame writes it, in the caller's
   user-access window: what Linux leaves as it was (sigcontext's reserved words) is not
   written; siginfo, for SA_SIGINFO only, is written whole. The blocks go through xmm0, which
   holds nothing of the app's once fpstate_save has put its FPU state in the frame. */
static int frame_put(uint64_t frame, const struct trap_frame *f, const struct sig_info *info,
                     const struct sig_action *act, word_t flags, sigset_k oldmask, uint64_t fpstate)
{
    ua_put64(act->restorer, frame + offsetof(struct rt_sigframe_64, pretcode), efault);
    ua_put64(fixed.uc_flags, UC(uc_flags), efault);
    ua_put64(0, UC(uc_link), efault);
    ua_put64(sig_altstack.sp, UC(uc_stack.sp), efault); /* as sigaltstack last set them */
    ua_put64((uint32_t)sig_altstack.flags, UC(uc_stack.flags), efault); /* and the padding */
    ua_put64(sig_altstack.size, UC(uc_stack.size), efault);
    ua_copy_out_xmm(SC(r8), &f->r8, FRAME_GENERAL_WORDS * 8, efault);
    ua_put64(f->rsp, SC(rsp), efault);
    ua_put64(f->rip, SC(rip), efault);
    ua_put64(f->rflags, SC(rflags), efault);
    /* cs, gs, fs and ss in one word: gs and fs 0, as Linux writes them */
    ua_put64((f->cs & 0xFFFF) | (f->ss & 0xFFFF) << 48, SC(cs), efault);
    ua_put64(sig_trap.err, SC(err), efault);
    ua_put64(sig_trap.trapno, SC(trapno), efault);
    ua_put64(oldmask, SC(oldmask), efault); /* the whole mask: sig[0] is 64 bits wide */
    ua_put64(sig_trap.cr2, SC(cr2), efault);
    ua_put64(fpstate, SC(fpstate), efault);
    ua_put64(oldmask, UC(uc_sigmask), efault);
    if (flags & SA_SIGINFO) {
        ua_put64((uint32_t)info->signo | (uint64_t)(uint32_t)info->err << 32, INFO(signo), efault);
        ua_put64((uint32_t)info->code, INFO(code), efault);
        ua_copy_out_xmm(INFO(bytes), info->words, sizeof(info->words), efault);
        ua_zero_xmm(INFO(zero), sizeof(((struct siginfo_64 *)0)->zero), efault);
    }
    return 0;
efault:
    return -EFAULT;
}

int sigframe_setup(struct trap_frame *f, int sig, const struct sig_info *info,
                   const struct sig_action *act, sigset_k oldmask)
{
    /* x86_64 has no kernel-provided restorer: Linux fails the delivery (the app then gets
       SIGSEGV, as for any frame that cannot be written). */
    word_t flags = act->flags;
    if (!(flags & SA_RESTORER))
        return -EFAULT;

    /* Where the frame goes, as Linux's get_sigframe(): below the red zone, or at the top of
       the alternate stack when entering it; the FPU image first, then the frame. Whether rsp
       itself was on the alternate stack (nested) only matters when not entering it. */
    uint64_t sp = f->rsp - RED_ZONE;
    bool alt; /* the frame must fit on the alternate stack */
    if ((flags & SA_ONSTACK) && sig_altstack_flags(sp) == 0) {
        sp = sig_altstack.sp + sig_altstack.size;
        alt = true;
    } else {
        alt = sig_on_altstack(f->rsp);
    }
    uint64_t fpstate = (sp - fixed.image_bytes) & ~(uint64_t)(XSTATE_ALIGN - 1);
    uint64_t frame = fpstate - FRAME_BELOW;
    if (alt && !sig_altstack_contains(frame))
        return -EFAULT; /* it would overflow the alternate stack */
    /* The other checks in one compare: not wrapped below address 0 (sp below the image leaves
       fpstate near 2^64), the frame at or above USER_MIN, the image's end at or below
       USER_TOP. */
    if (fpstate - FPSTATE_MIN > fixed.fpstate_span)
        return -EFAULT;

    user_access_begin();
    if (fpstate_save(fpstate)) { /* which leaves the app's FPU state as it was */
        user_access_end();
        return -EFAULT;
    }
    if (frame_put(frame, f, info, act, flags, oldmask, fpstate)) {
        fpstate_reload(fpstate);
        user_access_end();
        return -EFAULT;
    }
    user_access_end();

    if (sig_altstack.flags & SS_AUTODISARM)
        sig_altstack = (struct sig_altstack){0, 0, SS_DISABLE};
    f->rsp = frame; /* (rsp + 8) % 16 == 0, as after the call that pushed pretcode */
    f->rip = act->handler;
    f->rdi = (uint64_t)sig;
    f->rsi = INFO(signo); /* for SA_SIGINFO or not, as Linux */
    f->rdx = frame + offsetof(struct rt_sigframe_64, uc);
    f->rax = 0; /* for a handler declared without a prototype (varargs: no vector registers) */
    f->cs = USER_CS;
    f->ss = USER_DS;
    f->rflags &= ~(uint64_t)(EFLAGS_DF | EFLAGS_RF | EFLAGS_TF);
    /* fpstate_save loaded the handler's FPU state but for xmm0, which the blocks used since:
       zero, its initial value (the SSE move leaves AVX's upper half as the reset left it). */
    __asm__ volatile("xorps %%xmm0, %%xmm0" : :);
    return 0;
}

/* rt is always true: x86_64 has only rt_sigreturn. */
int sigframe_restore(struct trap_frame *f, bool rt, sigset_k *mask)
{
    /* The handler's ret has popped pretcode. */
    uint64_t frame = f->rsp - 8, set, flags, rflags, fpstate, ss_sp, ss_flags, ss_size;
    if (!rt || !user_addr_ok(frame, sizeof(struct rt_sigframe_64)))
        return -EFAULT;
    user_access_begin();
    /* The mask and uc_flags first, as Linux reads them: the mask is set once both could be
       read, before the rest can fail (uc_flags says nothing moat needs: ss is forced below).
       They lie at both ends of the ucontext, less than a page apart, so every word between
       them is there: the registers below cannot fault halfway. */
    ua_get64(set, UC(uc_sigmask), efault);
    ua_get64(flags, UC(uc_flags), efault);
    (void)flags;
    *mask = set;
    ua_get64(fpstate, SC(fpstate), efault);
    ua_get64(ss_sp, UC(uc_stack.sp), efault);
    ua_get64(ss_flags, UC(uc_stack.flags), efault);
    ua_get64(ss_size, UC(uc_stack.size), efault);
    ua_copy_in_xmm(&f->r8, SC(r8), FRAME_GENERAL_WORDS * 8, efault); /* the FPU: see below */
    frame_clear_syscall(f);
    ua_get64(f->rsp, SC(rsp), efault);
    /* rip as given, canonical or not: as on Linux, a non-canonical one faults on the way out,
       and the app gets that fault's SIGSEGV. rt_sigreturn's slot always leaves by iretq
       (entry.S), never sysretq, which restores rcx and r11 as the frame gives them too. */
    ua_get64(f->rip, SC(rip), efault);
    ua_get64(rflags, SC(rflags), efault);
    user_access_end();
    f->rflags = (f->rflags & ~FIX_EFLAGS) | (rflags & FIX_EFLAGS);
    /* Linux takes cs and ss from the frame (ring 3 forced), which may switch to 32-bit code or
       load a bad ss that faults on the way out. moat has no 32-bit user code segment, so both
       are the 64-bit ones, whatever the frame says. */
    f->cs = USER_CS;
    f->ss = USER_DS;
    /* The FPU state is the frame's or the initial one from here on, over the xmm0 that the
       register copy used. */
    if (__builtin_expect(fpstate != 0, 1) ? fpstate_load(fpstate) : (fpu_reset(), 0)) {
        fpu_reset(); /* Linux's fpu__clear_user_states: the failed load may have left half */
        return -EFAULT;
    }
    sig_restore_altstack(ss_sp, (uint32_t)ss_flags, ss_size, f->rsp);
    return 0;
efault:
    user_access_end();
    return -EFAULT;
}
