/* trap_dispatch: where every interrupt, exception and int $0x80 lands, as one switch. */
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/insn.h"
#include "arch/x86/pic.h"
#include "arch/x86/uart.h"
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/cputime.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/mm.h"
#include "kernel/panic.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"
#include <mode/layout.h>

#define DR6_BS (1u << 14)
#define X86_TRAP_IRET 32 /* Linux's software trap number for a faulting iret */
#define PF_PROT 1u
#define PF_INSN 0x10u

extern const char trap_iret[], sysenter_entry[], sysenter_tf_region_end[];

static uint32_t read_dr6_and_clear(void)
{
    uint32_t dr6;
    __asm__ volatile("mov %%dr6, %0" : "=r"(dr6));
    __asm__ volatile("mov %0, %%dr6" : : "r"(0u)); /* its status bits are sticky */
    return dr6;
}

enum {
    X86_DE = 0, X86_DB, X86_NMI, X86_BP, X86_OF, X86_BR, X86_UD, X86_NM, X86_DF, X86_CSO,
    X86_TS, X86_NP, X86_SS, X86_GP, X86_PF, X86_MF = 16, X86_AC, X86_MC, X86_XM, X86_VE, X86_CP,
};

/* Every vector below 32 has a name (the reserved ones their number). */
static const char *const mnemonic[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS",
    "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
    "#22", "#23", "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

/* Linux's mapping from an exception in ring 3 to a signal and si_code (arch/x86/kernel/traps.c). */
static void exception_signal(unsigned v, int *sig, int *code)
{
    switch (v) {
    case X86_DE: *sig = SIGFPE, *code = FPE_INTDIV; break;
    case X86_DB: *sig = SIGTRAP, *code = TRAP_TRACE; break;
    case X86_BP: *sig = SIGTRAP, *code = SI_KERNEL; break;
    case X86_UD: *sig = SIGILL, *code = ILL_ILLOPN; break;
    case X86_NP: case X86_SS: *sig = SIGBUS, *code = SI_KERNEL; break;
    case X86_MF: case X86_XM: case X86_CSO: *sig = SIGFPE, *code = 0; break;
    case X86_AC: *sig = SIGBUS, *code = BUS_ADRALN; break;
    default: *sig = SIGSEGV, *code = SI_KERNEL; break; /* #OF #BR #TS #GP and the rest */
    }
}

/* Where si_addr points for each exception (Linux's error_get_trap_addr and friends). */
static uint32_t fault_addr(unsigned v, const struct trap_frame *f)
{
    return v == X86_DE || v == X86_UD || v == X86_MF || v == X86_XM || v == X86_DB ? f->eip : 0;
}

/* The console line for an exception in ring 3 (rate-limited by the caller). */
__attribute__((noinline, cold)) static void log_user_exception(const struct trap_frame *f)
{
    char name[24];
    const char *insn;
    if (f->vector == X86_GP && (insn = insn_privileged(f->eip, name, sizeof(name))))
        klog("#GP error=0x%x eip=%p privileged instruction: %s", f->error, (void *)f->eip, insn);
    else
        klog("%s error=0x%x eip=%p", mnemonic[f->vector], f->error, (void *)f->eip);
}

static void user_exception(struct trap_frame *f)
{
    unsigned v = f->vector;
    int sig, code;
    uint32_t addr;

    if (v == X86_PF) {
        addr = read_cr2();
        bool mapped = vm_query(addr & PAGE_MASK, 0, 0); /* present, or PROT_NONE */
        if (!mapped && mm_grow_stack(addr) == 0)
            return;
        sig = SIGSEGV;
        code = mapped ? SEGV_ACCERR : SEGV_MAPERR;
        if (klog_ratelimit())
            klog("#PF error=0x%x eip=%p cr2=%p", f->error, (void *)f->eip, (void *)addr);
    } else {
        exception_signal(v, &sig, &code);
        addr = fault_addr(v, f);
        if (v == X86_DB)
            code = read_dr6_and_clear() & DR6_BS ? TRAP_TRACE : TRAP_BRKPT;
        if ((v == X86_MF || v == X86_XM) && !(code = fpu_exception_code(v == X86_XM)))
            return; /* spurious: no exception is pending after all */
        if (klog_ratelimit())
            log_user_exception(f);
    }
    /* Like Linux, a fault on a kernel address reports a protection fault in err, and an FPU
       exception none at all. */
    uint32_t err = v == X86_PF && addr >= USER_TOP ? f->error | PF_PROT : f->error;
    if (v == X86_MF || v == X86_XM)
        err = 0;
    sig_trap = (struct sig_trapinfo){v, err, v == X86_PF ? addr : sig_trap.cr2};
    sig_fault_deliver(f, sig, code, addr);
}

/* The return to ring 3 faulted on iret itself: sigreturn restored a cs or ss that does not
   load. The app's registers are already popped: the nested frame f holds them. Rebuild the
   app's frame, make the fault the app's signal, and leave again with a sane frame. */
static void iret_fault(struct trap_frame *nested)
{
    /* The CPU pushed the nested frame just below the iret frame, so it overlaps the app's
       frame: take a copy before rebuilding the app's. C assumes two frames never partly
       overlap, so the barrier makes the copy happen here, before any write to *u. */
    struct trap_frame f = *nested, *u = frame_user();
    __asm__ volatile("" ::: "memory");
    u->edi = f.edi, u->esi = f.esi, u->ebp = f.ebp, u->ebx = f.ebx;
    u->edx = f.edx, u->ecx = f.ecx, u->eax = f.eax, u->es = f.es, u->ds = f.ds;
    klog("%s error=0x%x on iret to the app: bad selector (cs=0x%x ss=0x%x)", mnemonic[f.vector],
         f.error, u->cs & 0xFFFF, u->ss & 0xFFFF);
    /* Linux i386's iret_error: SIGILL/ILL_BADSTK with trapno X86_TRAP_IRET and err 0. */
    u->vector = X86_TRAP_IRET;
    u->error = 0;
    sig_trap = (struct sig_trapinfo){X86_TRAP_IRET, 0, sig_trap.cr2};
    sig_fault(SIGILL, ILL_BADSTK, 0);
    sig_deliver(u);
    frame_enter(u);
}

static void kernel_exception(struct trap_frame *f)
{
    uint32_t fixup;
    if (f->vector == X86_DB && (read_dr6_and_clear() & DR6_BS)) {
        /* The app single-stepped into sysenter: TF stays on until the entry code has saved
           it and cleared it (Linux's is_sysenter_singlestep). Anywhere else, stop it. */
        if (f->eip < (uint32_t)sysenter_entry || f->eip >= (uint32_t)sysenter_tf_region_end)
            f->eflags &= ~EFLAGS_TF;
        return;
    }
    if (f->eip == (uint32_t)trap_iret)
        iret_fault(f);
    if (f->vector == X86_PF && read_cr2() < USER_TOP && !uaccess_fixup(f->eip)) {
        /* Only the copy routines may touch the app's memory; SMEP/SMAP make any other
           access fault, and that is a kernel bug. */
        char why[96];
        if (f->error & PF_INSN)
            ksnprintf(why, sizeof(why), "SMEP: the kernel executed user address %p",
                      (void *)read_cr2());
        else
            ksnprintf(why, sizeof(why),
                      "SMAP: the kernel accessed user address %p outside the copy routines",
                      (void *)read_cr2());
        panic_frame(f, why);
    }
    if ((fixup = uaccess_fixup(f->eip))) {
        /* A user copy met a page it may not touch (or a user selector did not load): it
           returns -EFAULT. Unless the page is the stack's, not grown yet. */
        if (f->vector == X86_PF && !(f->error & 1) && mm_grow_stack(read_cr2()) == 0)
            return;
        f->eip = fixup;
        return;
    }
    panic_frame(f, mnemonic[f->vector]);
}

/* The app reached virtual-8086 mode (QEMU's TCG lets a ring-3 iret set EFLAGS.VM; real
   CPUs raise #GP). moat does not run vm86 code: whatever brought the CPU back (a fault, an
   interrupt) ends it with the SIGSEGV that Linux's #GP on that iret gives. entry.S has
   already dropped the vm86 segment registers, so the frame can only leave through the
   handler's frame, which is protected mode, or the app's death. */
static void vm86_exit(struct trap_frame *f)
{
    if (klog_ratelimit())
        klog("%s in virtual-8086 mode (cs:ip=%04x:%04x): not supported", f->vector < 32
             ? mnemonic[f->vector] : "interrupt", f->cs & 0xFFFF, f->eip & 0xFFFF);
    sig_trap = (struct sig_trapinfo){X86_GP, 0, sig_trap.cr2};
    sig_fault(SIGSEGV, SI_KERNEL, 0);
    sig_deliver(f);
    if (f->eflags & EFLAGS_VM) /* cannot happen: the forced SIGSEGV either runs or kills */
        app_kill(SIGSEGV);
}

static void irq(unsigned line, const struct trap_frame *f)
{
    if (!pic_ack(line))
        return;
    if (line == IRQ_TIMER) {
        time_tick();
        cputime_tick(frame_from_user(f));
    }
    else if (line == IRQ_COM1)
        uart_irq();
}

void trap_dispatch(struct trap_frame *f);

void trap_dispatch(struct trap_frame *f)
{
    unsigned v = f->vector;
    if (v >= IRQ_BASE && v < IRQ_BASE + 16)
        irq(v - IRQ_BASE, f);
    else if (f->eflags & EFLAGS_VM)
        ; /* whatever it was, vm86_exit() below ends it */
    else if (v < 32 && v != X86_NMI && v != X86_DF && v != X86_MC)
        frame_from_user(f) ? user_exception(f) : kernel_exception(f);
    else if (v == X86_NMI)
        klog("NMI (ignored)");
    else if (v == LAPIC_SPURIOUS_VECTOR)
        ; /* needs no end-of-interrupt */
    else
        panic_frame(f, v < 32 ? mnemonic[v] : "unexpected interrupt");
    if (f->eflags & EFLAGS_VM)
        vm86_exit(f);
    else if (frame_from_user(f) && sig_deliverable())
        sig_deliver(f);
}
