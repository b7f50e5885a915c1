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

/* Linux's init_sigframe_size: the frame and its alignment, the FPU image and its alignment.
   A 64-bit Linux with IA32 emulation (Debian's, the reference) sizes every app's figure for
   the largest frame of any ABI it runs, the i386 one: struct sigframe_ia32 (736 bytes as a
   64-bit kernel lays it out) and the FSAVE header before that frame's FPU image. */
#define SIGFRAME_IA32_SIZE 736u
word_t sigframe_max_size(void)
{
    word_t n =
        SIGFRAME_IA32_SIZE + FRAME_ALIGN - 1 + image_size() + FSAVE_HEADER + XSTATE_ALIGN - 1;
    return (n + FRAME_ALIGN - 1) & ~(word_t)(FRAME_ALIGN - 1);
}

/* Save the app's FPU state at image, as Linux's copy_fpstate_to_sigframe: XSAVE's header
   cleared first (XSAVE writes only its own XSTATE_BV bits), FP and SSE always marked present,
   MAGIC2 after the area; with XSAVE or without, the software bytes say what the image is.
   The 64-bit forms (xsave64, fxsave64) keep the x87 instruction and data pointers whole. */
static int fpstate_save(uint64_t image)
{
    struct xsave_header header = {0};
    uint32_t size = fpu_xstate.on ? fpu_xstate.size : sizeof(struct fxsave_area);
    struct fpx_sw_bytes sw = {.magic1 = FP_XSTATE_MAGIC1,
                              .extended_size = size + 4, /* MAGIC2's room, XSAVE or not */
                              .xfeatures = fpu_xstate.on ? fpu_xstate.mask : XFEATURE_MASK_FPSSE,
                              .xstate_size = size};
    if (fpu_xstate.on && copy_to_user(image + XSAVE_HEADER_OFFSET, &header, sizeof(header)))
        return -EFAULT;
    user_access_begin();
    if (fpu_xstate.on) {
        uint32_t bv;
        ua_xstate("xsave64", image, fpu_xstate.mask, efault);
        ua_get32(bv, image + XSAVE_HEADER_OFFSET, efault);
        ua_put32(bv | XFEATURE_MASK_FPSSE, image + XSAVE_HEADER_OFFSET, efault);
        ua_put32(FP_XSTATE_MAGIC2, image + fpu_xstate.size, efault);
    } else {
        ua_fpu("fxsave64", image, efault);
    }
    user_access_end();
    return copy_to_user(image + SW_BYTES_OFFSET, &sw, sizeof(sw));
efault:
    user_access_end();
    return -EFAULT;
}

/* Load the FPU state from a frame's image, as Linux's __fpu_restore_sig for a 64-bit frame:
   straight from the app's memory, XSAVE's components as the software bytes list them (all
   others start in their initial state); without both magic words, or with sizes that do not
   fit, only the FXSAVE part. A #GP of xrstor64 or fxrstor64 (a bad header, a reserved MXCSR
   bit, a misaligned image) is the fixup's -EFAULT, as on Linux; the MXCSR check is also made
   here first, since QEMU's TCG (7.2) loads reserved bits where a CPU faults. */
static int fpstate_load(uint64_t image)
{
    uint32_t mxcsr;
    if (!user_addr_ok(image, image_size()) ||
        copy_from_user(&mxcsr, image + offsetof(struct fxsave_area, mxcsr), sizeof(mxcsr)))
        return -EFAULT;
    if (!fpu_xstate.on) {
        if (mxcsr & ~fpu_mxcsr_mask())
            return -EFAULT; /* fxrstor64's #GP, which QEMU's TCG does not raise */
        user_access_begin();
        ua_fpu("fxrstor64", image, efault);
        user_access_end();
        return 0;
    }
    struct fpx_sw_bytes sw;
    uint32_t magic2 = 0;
    if (copy_from_user(&sw, image + SW_BYTES_OFFSET, sizeof(sw)))
        return -EFAULT;
    bool full = sw.magic1 == FP_XSTATE_MAGIC1 &&
                sw.xstate_size >= XSAVE_HEADER_OFFSET + sizeof(struct xsave_header) &&
                sw.xstate_size <= fpu_xstate.size && sw.xstate_size <= sw.extended_size;
    if (full && copy_from_user(&magic2, image + sw.xstate_size, sizeof(magic2)))
        return -EFAULT;
    full = full && magic2 == FP_XSTATE_MAGIC2;
    uint64_t features = full ? sw.xfeatures & fpu_xstate.mask : XFEATURE_MASK_FPSSE;
    if ((features & XFEATURE_MASK_MXCSR) && (mxcsr & ~fpu_mxcsr_mask()))
        return -EFAULT; /* the #GP a CPU raises on loading MXCSR, which QEMU's TCG does not */
    if (features != fpu_xstate.mask)
        fpu_reset(); /* what the image leaves out is in its initial state afterwards */
    user_access_begin();
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

/* Linux's uc_flags for a 64-bit frame. */
static uint64_t uc_flags(void)
{
    return (fpu_xstate.on ? UC_FP_XSTATE : 0) | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
}

/* The interrupted registers as the handler's sigcontext has them. */
static struct sigcontext_64 sigcontext(const struct trap_frame *f, uint64_t fpstate,
                                       sigset_k oldmask)
{
    /* clang-format off */
    return (struct sigcontext_64){
        .r8 = f->r8,   .r9 = f->r9,   .r10 = f->r10, .r11 = f->r11,
        .r12 = f->r12, .r13 = f->r13, .r14 = f->r14, .r15 = f->r15,
        .rdi = f->rdi, .rsi = f->rsi, .rbp = f->rbp, .rbx = f->rbx,
        .rdx = f->rdx, .rax = f->rax, .rcx = f->rcx, .rsp = f->rsp,
        .rip = f->rip, .rflags = f->rflags,
        .cs = (uint16_t)f->cs, .ss = (uint16_t)f->ss, /* gs and fs: 0, as Linux writes them */
        .err = sig_trap.err, .trapno = sig_trap.trapno,
        .oldmask = oldmask, /* the whole mask: sig[0] is 64 bits wide */
        .cr2 = sig_trap.cr2, .fpstate = fpstate,
    };
    /* clang-format on */
}

int sigframe_setup(struct trap_frame *f, int sig, const struct sig_info *info,
                   const struct sig_action *act, sigset_k oldmask)
{
    /* x86_64 has no kernel-provided restorer: Linux fails the delivery (the app then gets
       SIGSEGV, as for any frame that cannot be written). */
    if (!(act->flags & SA_RESTORER))
        return -EFAULT;

    /* Where the frame goes, as Linux's get_sigframe(): below the red zone, or at the top of
       the alternate stack when entering it; the FPU image first, then the frame. */
    uint64_t sp = f->rsp - RED_ZONE;
    bool nested = sig_on_altstack(f->rsp), entering = false;
    if ((act->flags & SA_ONSTACK) && sig_altstack_flags(sp) == 0) {
        sp = sig_altstack.sp + sig_altstack.size;
        entering = true;
    }
    uint64_t fpstate = (sp - image_size()) & ~(uint64_t)(XSTATE_ALIGN - 1);
    uint64_t frame = ((fpstate - sizeof(struct rt_sigframe_64)) & ~(uint64_t)(FRAME_ALIGN - 1)) - 8;
    if ((nested || entering) && !sig_altstack_contains(frame))
        return -EFAULT; /* it would overflow the alternate stack */
    if (frame > fpstate || fpstate > sp || !user_addr_ok(frame, fpstate + image_size() - frame))
        return -EFAULT; /* wrapped below address 0, or not in user space */
    if (fpstate_save(fpstate))
        return -EFAULT;

    /* Linux writes siginfo only for SA_SIGINFO; without it the bytes are left as they were. */
    bool rt = act->flags & SA_SIGINFO;
    struct rt_sigframe_64 fr = {
        .pretcode = act->restorer,
        .uc = {.uc_flags = uc_flags(),
               .uc_stack = {.sp = sig_altstack.sp, /* as sigaltstack last set them */
                            .flags = (int32_t)sig_altstack.flags,
                            .size = sig_altstack.size},
               .uc_mcontext = sigcontext(f, fpstate, oldmask),
               .uc_sigmask = oldmask}};
    if (copy_to_user(frame, &fr, offsetof(struct rt_sigframe_64, info)) ||
        (rt && abi_siginfo_to_user(frame + offsetof(struct rt_sigframe_64, info), info)))
        return -EFAULT;

    if (sig_altstack.flags & SS_AUTODISARM)
        sig_altstack = (struct sig_altstack){0, 0, SS_DISABLE};
    f->rsp = frame; /* (rsp + 8) % 16 == 0, as after the call that pushed pretcode */
    f->rip = act->handler;
    f->rdi = (uint64_t)sig;
    f->rsi = frame + offsetof(struct rt_sigframe_64, info); /* for SA_SIGINFO or not, as Linux */
    f->rdx = frame + offsetof(struct rt_sigframe_64, uc);
    f->rax = 0; /* for a handler declared without a prototype (varargs: no vector registers) */
    f->cs = USER_CS;
    f->ss = USER_DS;
    f->rflags &= ~(uint64_t)(EFLAGS_DF | EFLAGS_RF | EFLAGS_TF);
    fpu_reset();
    return 0;
}

/* rt is always true: x86_64 has only rt_sigreturn. */
int sigframe_restore(struct trap_frame *f, bool rt, sigset_k *mask)
{
    /* The handler's ret has popped pretcode. */
    uint64_t frame = f->rsp - 8, uc = frame + offsetof(struct rt_sigframe_64, uc);
    struct ucontext_64 u;
    if (!rt || !user_addr_ok(frame, sizeof(struct rt_sigframe_64)))
        return -EFAULT;
    /* The mask and uc_flags first, as Linux reads them: the mask is set once both could be
       read, before the rest can fail (uc_flags says nothing moat needs: ss is forced below). */
    sigset_k set;
    uint64_t flags;
    if (copy_from_user(&set, uc + offsetof(struct ucontext_64, uc_sigmask), sizeof(set)) ||
        copy_from_user(&flags, uc, sizeof(flags)))
        return -EFAULT;
    *mask = set;
    if (copy_from_user(&u, uc, offsetof(struct ucontext_64, uc_mcontext) + SIGCONTEXT_COPY_SIZE))
        return -EFAULT;
    const struct sigcontext_64 *sc = &u.uc_mcontext;
    f->r8 = sc->r8, f->r9 = sc->r9, f->r10 = sc->r10, f->r11 = sc->r11;
    f->r12 = sc->r12, f->r13 = sc->r13, f->r14 = sc->r14, f->r15 = sc->r15;
    f->rdi = sc->rdi, f->rsi = sc->rsi, f->rbp = sc->rbp, f->rbx = sc->rbx;
    f->rdx = sc->rdx, f->rax = sc->rax, f->rcx = sc->rcx, f->rsp = sc->rsp;
    /* rip as given, canonical or not: as on Linux, a non-canonical one faults on the way out
       (the exit path takes iretq, never sysretq, for it), and the app gets that fault's
       SIGSEGV. rcx and r11 come back too, so the exit must be iretq unless they equal rip and
       rflags, as Linux's syscall return checks. */
    f->rip = sc->rip;
    f->rflags = (f->rflags & ~FIX_EFLAGS) | (sc->rflags & FIX_EFLAGS);
    /* Linux takes cs and ss from the frame (ring 3 forced), which may switch to 32-bit code or
       load a bad ss that faults on the way out. moat has no 32-bit user code segment, so both
       are the 64-bit ones, whatever the frame says. */
    f->cs = USER_CS;
    f->ss = USER_DS;
    if (sc->fpstate ? fpstate_load(sc->fpstate) : (fpu_reset(), 0)) {
        fpu_reset(); /* Linux's fpu__clear_user_states: the failed load may have left half */
        return -EFAULT;
    }
    sig_restore_altstack(u.uc_stack.sp, (uint32_t)u.uc_stack.flags, u.uc_stack.size, f->rsp);
    return 0;
}
