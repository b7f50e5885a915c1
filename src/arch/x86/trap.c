/* trap_dispatch: where every interrupt and exception lands. The app's exceptions go to their
   vector's handler, the rest to trap_other. */
#include "arch/x86/trap.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pic.h"
#include "arch/x86/pte.h"
#include "arch/x86/uart.h"
#include "kernel/console.h"
#include "kernel/cputime.h"
#include "kernel/fmt.h"
#include "kernel/mm.h"
#include "kernel/panic.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"
#include <mode/layout.h>

#define PF_PROT 1u
#define PF_WRITE 2u
#define PF_INSN 0x10u

/* On the way back to ring 3 from an exception: deliver what is pending and unblocked. The
   frame of an exception in ring 3 is the app's, at its fixed address (frame_user), where the
   CPU pushes every entry from ring 3: no register has to hold it across a call. Out of line:
   mostly nothing is pending, which the callers test first. */
__attribute__((noinline)) void user_exit(void)
{
    if (sig_deliverable())
        sig_deliver(frame_user());
}

/* The signal goes out: straight to the handler when nothing else is pending, and what is left
   pending after that (a frame that could not be written leaves a SIGSEGV) on the way out. */
static inline void user_signal(int sig, int code, uintptr_t addr)
{
    sig_fault_deliver(sig, code, addr);
    if (sig_pending)
        user_exit();
}

/* The same behind other signals pending: queued, as sig_fault_deliver does then. */
__attribute__((noinline)) static void user_signal_queued(int sig, int code, uintptr_t addr)
{
    sig_fault(sig, code, addr);
    user_exit();
}

/* Either, out of line: one copy serves the rarer paths. */
__attribute__((noinline)) static void user_signal_any(int sig, int code, uintptr_t addr)
{
    if (sig_pending)
        user_signal_queued(sig, code, addr);
    else
        user_signal(sig, code, addr);
}

/* A fault whose console line the rate limit may show: out of line, with the calls that the
   usual case (a storm's quiet window) does not make. */
__attribute__((noinline, cold)) static void user_fault_logged(const struct trap_frame *f, int sig,
                                                              int code, uintptr_t addr)
{
    if (klog_ratelimit())
        log_user_exception(f, addr);
    user_signal_any(sig, code, addr);
}

/* The exception v in ring 3 becomes sig with si_code code and si_addr addr, and sigcontext's
   trapno and err. Inlined into each handler below: the usual faults' handlers pass constants,
   which sig_fault_deliver's checks then compare against once LTO inlines it too (GCC's own
   choice, which a change here can undo: the disassembly then calls sig_fault_deliver, and the
   fault benchmarks lose 5 or so). No value lives across a call, so a handler saves no
   registers. */
__attribute__((always_inline)) static inline void
user_fault(const struct trap_frame *f, unsigned v, int sig, int code, uintptr_t addr, uint32_t err)
{
    sig_trap.trapno = v, sig_trap.err = err;
    if (!klog_ratelimit_quiet()) {
        user_fault_logged(f, sig, code, addr);
        return;
    }
    if (sig_pending) { /* tested first, so that sig_fault_deliver's (64-bit) test folds away */
        user_signal_queued(sig, code, addr);
        return;
    }
    user_signal(sig, code, addr);
}

/* The same out of line, for the rarer faults. */
__attribute__((noinline)) void user_fault_any(unsigned v, int sig, int code, uintptr_t addr,
                                              uint32_t err)
{
    sig_trap.trapno = v, sig_trap.err = err;
    if (klog_ratelimit_quiet())
        user_signal_any(sig, code, addr);
    else
        user_fault_logged(frame_user(), sig, code, addr);
}

/* #UD: SIGILL/ILL_ILLOPN at the instruction. */
static void user_ud(void)
{
    const struct trap_frame *f = frame_user();
    user_fault(f, X86_UD, SIGILL, ILL_ILLOPN, frame_ip(f), (uint32_t)f->error);
}

/* #GP: SIGSEGV/SI_KERNEL without an address. */
static void user_gp(void)
{
    const struct trap_frame *f = frame_user();
    user_fault(f, X86_GP, SIGSEGV, SI_KERNEL, 0, (uint32_t)f->error);
}

/* #PF on a page that is not present, nor PROT_NONE. Past a file's end: SIGBUS where the
   page's protection allows the access, else SIGSEGV, as Linux's access_error judges it (a
   write needs PROT_WRITE, the rest any PROT_*). Not mapped: the stack grows into it, or
   SEGV_MAPERR. Out of line, so that nothing is kept across mm_grow_stack on the way to a
   SEGV_ACCERR. */
__attribute__((noinline)) static void user_pf_unmapped(uintptr_t addr)
{
    const struct trap_frame *f = frame_user();
    uint32_t err = (uint32_t)f->error;
    uint64_t e = vm_entry(addr);
    if (!(e & PTE_PAST_END) && mm_grow_stack(addr) == 0) {
        if (sig_pending)
            user_exit();
        return;
    }
    sig_trap.cr2 = addr; /* a fault signal's: the others leave the last one's */
    if (e & PTE_PAST_END) {
        uint32_t prot = (uint32_t)(e >> PTE_PAST_END_PROT);
        bool allowed = err & PF_WRITE ? prot & PROT_WRITE : prot & PROT_ALL;
        user_fault_any(X86_PF, allowed ? SIGBUS : SIGSEGV, allowed ? BUS_ADRERR : SEGV_ACCERR, addr,
                       err);
        return;
    }
    if (addr >= USER_TOP)
        err |= PF_PROT; /* like Linux, a fault on a kernel address is a protection fault */
    user_fault_any(X86_PF, SIGSEGV, SEGV_MAPERR, addr, err);
}

/* #PF: SIGSEGV at cr2, SEGV_ACCERR on a page present or PROT_NONE. vm_accessible_or_none
   answers for the app's half only, so that one is never at a kernel address. */
static void user_pf(void)
{
    const struct trap_frame *f = frame_user();
    uintptr_t addr = read_cr2();
    if (!vm_accessible_or_none(addr)) {
        user_pf_unmapped(addr);
        return;
    }
    sig_trap.cr2 = addr;
    user_fault(f, X86_PF, SIGSEGV, SEGV_ACCERR, addr, (uint32_t)f->error);
}

static void kernel_exception(struct trap_frame *f)
{
    uintptr_t fixup, ip = frame_ip(f);
    if (f->vector == X86_DB && (read_dr6_and_clear() & DR6_BS)) {
        trap_kernel_step(f);
        return;
    }
    trap_kernel_exit_fault(f); /* returns only if the exit path was not the one faulting */
    fixup = uaccess_fixup(ip);
    if (f->vector == X86_PF && read_cr2() < USER_TOP && !fixup) {
        /* Only the copy routines may touch the app's memory; SMEP/SMAP make any other
           access fault, and that is a kernel bug. */
        char why[96];
        ksnprintf(why, sizeof(why),
                  f->error & PF_INSN
                      ? "SMEP: the kernel executed user address %p"
                      : "SMAP: the kernel accessed user address %p outside the copy routines",
                  (void *)read_cr2());
        panic_frame(f, why);
    }
    if (fixup) {
        /* A user copy met a page it may not touch (or a user selector did not load): it
           returns -EFAULT. Unless the page is the stack's, not grown yet. */
        if (f->vector == X86_PF && !(f->error & 1) && mm_grow_stack(read_cr2()) == 0)
            return;
        frame_set_ip(f, fixup);
        return;
    }
    panic_frame(f, trap_name((unsigned)f->vector));
}

static void irq(unsigned line, const struct trap_frame *f)
{
    if (!pic_ack(line))
        return;
    if (line == IRQ_TIMER) {
        time_tick();
        cputime_tick(frame_from_user(f));
    } else if (line == IRQ_COM1)
        uart_irq();
}

/* The exceptions that are a fault of the code that raised them: all but NMI, #DF and #MC. */
#define FAULT_VECTORS (~(1u << X86_NMI | 1u << X86_DF | 1u << X86_MC))
/* The vectors user_traps (below) holds; those after #VE (#CP and the reserved ones), which
   apps do not raise, reach user_exception through trap_other: 11 entries fewer. */
#define USER_TRAPS (X86_VE + 1)

/* Everything but the app's exceptions: interrupts, the kernel's own exceptions, vm86 mode.
   Out of line, so that the app's exceptions, the hot path, keep a small frame. */
__attribute__((noinline, cold)) static void trap_other(struct trap_frame *f)
{
    unsigned v = frame_vector(f);
    if (v >= IRQ_BASE && v < IRQ_BASE + 16)
        irq(v - IRQ_BASE, f);
    else if (frame_vm86(f))
        ; /* whatever it was, trap_vm86_exit() below ends it */
    else if (v >= USER_TRAPS && v < 32 && frame_from_user(f))
        user_exception(); /* one user_traps leaves out */
    else if (v < 32 && (FAULT_VECTORS >> v & 1))
        kernel_exception(f);
    else if (v == X86_NMI)
        klog("NMI (ignored)");
    else if (v == LAPIC_SPURIOUS_VECTOR)
        ; /* needs no end-of-interrupt */
    else
        panic_frame(f, v < 32 ? trap_name(v) : "unexpected interrupt");
    if (frame_vm86(f))
        trap_vm86_exit(f);
    else if (frame_from_user(f) && sig_deliverable())
        sig_deliver(f);
}

/* NMI, #DF and #MC are no fault of the app's, even from ring 3. */
static void user_not_fault(void)
{
    trap_other(frame_user());
}

/* Each vector's handler from ring 3: the usual faults have their own. */
static void (*const user_traps[USER_TRAPS])(void) = {
    [X86_DE] = user_exception,  [X86_DB] = user_exception, [X86_NMI] = user_not_fault,
    [X86_BP] = user_exception,  [X86_OF] = user_exception, [X86_BR] = user_exception,
    [X86_UD] = user_ud,         [X86_NM] = user_exception, [X86_DF] = user_not_fault,
    [X86_CSO] = user_exception, [X86_TS] = user_exception, [X86_NP] = user_exception,
    [X86_SS] = user_exception,  [X86_GP] = user_gp,        [X86_PF] = user_pf,
    [15] = user_exception,      [X86_MF] = user_exception, [X86_AC] = user_exception,
    [X86_MC] = user_not_fault,  [X86_XM] = user_exception, [X86_VE] = user_exception,
};

void trap_dispatch(struct trap_frame *f);

void trap_dispatch(struct trap_frame *f)
{
    uintptr_t v = f->vector;
    /* The app's exceptions first: they are the hot path. Any privilege bit in cs is ring 3
       (or a vm86 segment): moat has no ring 1 or 2 code segment. */
    if (v < USER_TRAPS && (f->cs & 3) && !frame_vm86(f))
        user_traps[v]();
    else
        trap_other(f);
}
