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

#define EFLAGS_CF 0x001u
#define EFLAGS_PF 0x004u
#define EFLAGS_AF 0x010u
#define EFLAGS_ZF 0x040u
#define EFLAGS_SF 0x080u
#define EFLAGS_TF 0x100u
#define EFLAGS_DF 0x400u
#define EFLAGS_OF 0x800u
#define EFLAGS_RF 0x10000u
#define EFLAGS_AC 0x40000u
/* The flags sigreturn takes from the frame (Linux's FIX_EFLAGS); never IOPL, IF, NT or VM. */
#define FIX_EFLAGS (EFLAGS_AC | EFLAGS_OF | EFLAGS_DF | EFLAGS_TF | EFLAGS_SF | EFLAGS_ZF | \
                    EFLAGS_AF | EFLAGS_PF | EFLAGS_CF | EFLAGS_RF)
#define FXSAVE_ALIGN 64u

void load_user_fs(uint32_t sel);
void load_user_gs(uint32_t sel);

static struct fpstate_32 fpbuf;
static struct fxsave_area fx;

/* The FSAVE tag word from FXSAVE's abridged one: each non-empty register is classified
   as valid, zero or special from its contents, as FSAVE would have stored it. */
static uint32_t tag_word(const struct fxsave_area *f)
{
    uint32_t top = (f->fsw >> 11) & 7, tags = 0xFFFF0000u;
    for (uint32_t i = 0; i < 8; i++) {
        uint32_t tag = 3; /* empty */
        if (f->ftw & (1u << i)) {
            const uint8_t *r = f->st[(i - top) & 7];
            uint16_t exp = (uint16_t)((r[9] << 8 | r[8]) & 0x7FFF);
            uint32_t mant_zero = !(r[0] | r[1] | r[2] | r[3] | r[4] | r[5] | r[6] | r[7]);
            if (exp == 0x7FFF)
                tag = 2;
            else if (exp == 0)
                tag = mant_zero ? 1 : 2;
            else
                tag = r[7] & 0x80 ? 0 : 2;
        }
        tags |= tag << (2 * i);
    }
    return tags;
}

/* The app's FPU state in the frame's format: the FSAVE header, then the FXSAVE image. */
static void fpstate_fill(struct fpstate_32 *fs)
{
    memset(fs, 0, sizeof(*fs));
    if (!cpu.fxsr) {
        fpu_save_fsave((struct fsave_area *)fs);
        fs->status = (uint16_t)fs->sw;
        fs->magic = FPSTATE_MAGIC_FSAVE;
        return;
    }
    fpu_save(&fx);
    fs->cw = fx.fcw | 0xFFFF0000u;
    fs->sw = fx.fsw | 0xFFFF0000u;
    fs->tag = tag_word(&fx);
    fs->ipoff = fx.fip;
    fs->cssel = fx.fcs | ((uint32_t)fx.fop << 16);
    fs->dataoff = fx.fdp;
    fs->datasel = fx.fds | 0xFFFF0000u;
    for (int i = 0; i < 8; i++)
        memcpy(fs->st[i], fx.st[i], 10);
    fs->status = fx.fsw;
    fs->magic = FPSTATE_MAGIC_FXSR;
    memcpy(fs->fxsave, &fx, sizeof(fx));
}

/* Load the FPU state from a frame's image (already copied in from the app). */
static void fpstate_load(const struct fpstate_32 *fs)
{
    if (!cpu.fxsr) {
        fpu_restore_fsave((const struct fsave_area *)fs);
        return;
    }
    /* As Linux's convert_to_fxsr(): the x87 state comes from the FSAVE header, which is what
       a handler edits; XMM and MXCSR from the FXSAVE image. */
    memcpy(&fx, fs->fxsave, sizeof(fx));
    fx.fcw = (uint16_t)fs->cw;
    fx.fsw = (uint16_t)fs->sw;
    fx.ftw = 0;
    for (uint32_t i = 0; i < 8; i++)
        if (((fs->tag >> (2 * i)) & 3) != 3)
            fx.ftw |= (uint8_t)(1u << i);
    fx.fip = fs->ipoff;
    fx.fcs = (uint16_t)fs->cssel;
    fx.fop = (uint16_t)(fs->cssel >> 16);
    fx.fdp = fs->dataoff;
    fx.fds = (uint16_t)fs->datasel;
    for (int i = 0; i < 8; i++) {
        memset(fx.st[i], 0, sizeof(fx.st[i]));
        memcpy(fx.st[i], fs->st[i], 10);
    }
    fpu_restore(&fx);
}

static void sigcontext_fill(struct sigcontext_32 *sc, const struct trap_frame *f, uint32_t fpstate,
                            sigset_k oldmask)
{
    uint16_t fs, gs;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(fs), "=r"(gs));
    *sc = (struct sigcontext_32){
        .gs = gs, .fs = fs, .es = (uint16_t)f->es, .ds = (uint16_t)f->ds,
        .edi = f->edi, .esi = f->esi, .ebp = f->ebp, .esp = f->esp,
        .ebx = f->ebx, .edx = f->edx, .ecx = f->ecx, .eax = f->eax,
        .trapno = sig_trap.trapno, .err = sig_trap.err, .eip = f->eip,
        .cs = (uint16_t)f->cs, .eflags = f->eflags, .esp_at_signal = f->esp,
        .ss = (uint16_t)f->ss, .fpstate = fpstate, .oldmask = (uint32_t)oldmask,
        .cr2 = sig_trap.cr2,
    };
}

static bool within_altstack(uint32_t sp)
{
    return sp > sig_altstack.sp && sp - sig_altstack.sp <= sig_altstack.size;
}

uint32_t sigframe_max_size(void)
{
    return sizeof(struct sigframe_32) + sizeof(struct fpstate_32) + FXSAVE_ALIGN + 16;
}

int sigframe_setup(struct trap_frame *f, int sig, const struct k_siginfo *info,
                   const struct k_sigaction *act, sigset_k oldmask)
{
    static union {
        struct rt_sigframe_32 rt;
        struct sigframe_32 legacy;
    } frame;
    bool rt = act->flags & SA_SIGINFO;
    uint32_t size = rt ? sizeof(frame.rt) : sizeof(frame.legacy);

    /* Where the frame goes, as Linux's get_sigframe(). */
    uint32_t sp = f->esp;
    bool nested = sig_on_altstack(sp), entering = false;
    struct sig_altstack saved = sig_altstack;
    if ((act->flags & SA_ONSTACK) && sig_altstack_flags(sp) == 0) {
        sp = sig_altstack.sp + sig_altstack.size;
        entering = true;
    }
    uint32_t fpstate = ((sp - sizeof(fx)) & ~(FXSAVE_ALIGN - 1)) - offsetof(struct fpstate_32, fxsave);
    sp = fpstate - size;
    sp = ((sp + 4) & ~15u) - 4; /* as after a call: (sp + 4) is 16-byte aligned */
    if ((nested || entering) && !within_altstack(sp))
        return -EFAULT; /* it would overflow the alternate stack */
    if (sp > fpstate)
        return -EFAULT; /* wrapped below address 0 */

    fpstate_fill(&fpbuf);
    if (copy_to_user(fpstate, &fpbuf, sizeof(fpbuf)))
        return -EFAULT;
    uint32_t restorer = act->flags & SA_RESTORER ? act->restorer
                        : rt                     ? vsyscall_addr(VSYSCALL_RT_SIGRETURN)
                                                 : vsyscall_addr(VSYSCALL_SIGRETURN);
    if (rt) {
        memset(&frame.rt, 0, sizeof(frame.rt));
        frame.rt.pretcode = restorer;
        frame.rt.sig = sig;
        frame.rt.pinfo = sp + offsetof(struct rt_sigframe_32, info);
        frame.rt.puc = sp + offsetof(struct rt_sigframe_32, uc);
        frame.rt.info = *info;
        frame.rt.uc.ss_sp = saved.sp;
        frame.rt.uc.ss_flags = saved.flags; /* Linux saves the flags as last set */
        frame.rt.uc.ss_size = saved.size;
        sigcontext_fill(&frame.rt.uc.uc_mcontext, f, fpstate, oldmask);
        frame.rt.uc.uc_sigmask = oldmask;
        memcpy(frame.rt.retcode, "\xb8\xad\x00\x00\x00\xcd\x80", 7);
    } else {
        memset(&frame.legacy, 0, sizeof(frame.legacy));
        frame.legacy.pretcode = restorer;
        frame.legacy.sig = sig;
        sigcontext_fill(&frame.legacy.sc, f, fpstate, oldmask);
        frame.legacy.extramask = (uint32_t)(oldmask >> 32);
        memcpy(frame.legacy.retcode, "\x58\xb8\x77\x00\x00\x00\xcd\x80", 8);
    }
    if (copy_to_user(sp, &frame, size))
        return -EFAULT;

    if (saved.flags & SS_AUTODISARM)
        sig_altstack = (struct sig_altstack){0, 0, SS_DISABLE};
    f->esp = sp;
    f->eip = act->handler;
    f->eax = (uint32_t)sig;
    f->edx = rt ? frame.rt.pinfo : 0;
    f->ecx = rt ? frame.rt.puc : 0;
    f->cs = USER_CS;
    f->ss = f->ds = f->es = USER_DS;
    f->eflags &= ~(EFLAGS_DF | EFLAGS_RF | EFLAGS_TF);
    fpu_reset();
    return 0;
}

int sigframe_restore(struct trap_frame *f, bool rt, sigset_k *mask)
{
    static union {
        struct rt_sigframe_32 rt;
        struct sigframe_32 legacy;
    } frame;
    const struct sigcontext_32 *sc;
    if (rt) {
        if (copy_from_user(&frame.rt, f->esp - 4, sizeof(frame.rt)))
            return -EFAULT;
        sc = &frame.rt.uc.uc_mcontext;
        *mask = frame.rt.uc.uc_sigmask;
    } else {
        if (copy_from_user(&frame.legacy, f->esp - 8, sizeof(frame.legacy)))
            return -EFAULT;
        sc = &frame.legacy.sc;
        *mask = sc->oldmask | (uint64_t)frame.legacy.extramask << 32;
    }
    if (sc->fpstate && copy_from_user(&fpbuf, sc->fpstate, sizeof(fpbuf)))
        return -EFAULT;

    /* Everything is read: from here on nothing can fail. */
    if (sc->fpstate)
        fpstate_load(&fpbuf);
    else
        fpu_reset();
    f->edi = sc->edi, f->esi = sc->esi, f->ebp = sc->ebp, f->esp = sc->esp;
    f->ebx = sc->ebx, f->edx = sc->edx, f->ecx = sc->ecx, f->eax = sc->eax;
    f->eip = sc->eip;
    f->eflags = (f->eflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
    /* Selectors are taken as given but forced to ring 3; a bad one faults on the way out,
       and that fault becomes the app's signal (see trap.c). */
    f->cs = sc->cs | 3u;
    f->ss = sc->ss | 3u;
    f->ds = sc->ds;
    f->es = sc->es;
    load_user_fs(sc->fs);
    load_user_gs(sc->gs);
    if (rt)
        sig_restore_altstack(frame.rt.uc.ss_sp, frame.rt.uc.ss_flags, frame.rt.uc.ss_size,
                             f->esp);
    return 0;
}
