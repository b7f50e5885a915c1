/* trap_dispatch: where every interrupt, exception and int $0x80 lands, as one switch. */
#include "arch/x86/trap.h"
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
#define PF_PROT 1u
#define PF_INSN 0x10u

static uintptr_t read_dr6_and_clear(void)
{
    uintptr_t dr6;
    __asm__ volatile("mov %%dr6, %0" : "=r"(dr6));
    __asm__ volatile("mov %0, %%dr6" : : "r"((uintptr_t)0)); /* its status bits are sticky */
    return dr6;
}

/* Every vector below 32 has a name (the reserved ones their number). */
static const char *const mnemonics[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS",
    "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE",  "#CP",
    "#22", "#23", "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

const char *trap_name(unsigned vector)
{
    return vector < 32 ? mnemonics[vector] : "interrupt";
}

/* Linux's mapping from an exception in ring 3 to a signal and si_code (arch/x86/kernel/traps.c). */
static void exception_signal(unsigned v, int *sig, int *code)
{
    switch (v) {
    case X86_DE:
        *sig = SIGFPE, *code = FPE_INTDIV;
        break;
    case X86_DB:
        *sig = SIGTRAP, *code = TRAP_TRACE;
        break;
    case X86_BP:
        *sig = SIGTRAP, *code = SI_KERNEL;
        break;
    case X86_UD:
        *sig = SIGILL, *code = ILL_ILLOPN;
        break;
    case X86_NP:
    case X86_SS:
        *sig = SIGBUS, *code = SI_KERNEL;
        break;
    case X86_MF:
    case X86_XM:
    case X86_CSO:
        *sig = SIGFPE, *code = 0;
        break;
    case X86_AC:
        *sig = SIGBUS, *code = BUS_ADRALN;
        break;
    default:
        *sig = SIGSEGV, *code = SI_KERNEL;
        break; /* #OF #BR #TS #GP and the rest */
    }
}

/* Where si_addr points for each exception (Linux's error_get_trap_addr and friends). */
static uintptr_t fault_addr(unsigned v, const struct trap_frame *f)
{
    return v == X86_DE || v == X86_UD || v == X86_MF || v == X86_XM || v == X86_DB ? frame_ip(f)
                                                                                   : 0;
}

/* The console line for an exception in ring 3 (rate-limited by the caller). */
__attribute__((noinline, cold)) static void log_user_exception(const struct trap_frame *f,
                                                               uintptr_t cr2)
{
    char name[24];
    const char *insn;
    void *ip = (void *)frame_ip(f);
    if (f->vector == X86_PF)
        klog("#PF error=0x%x " FRAME_IP_NAME "=%p cr2=%p", (unsigned)f->error, ip, (void *)cr2);
    else if (f->vector == X86_GP && (insn = insn_privileged(frame_ip(f), name, sizeof(name))))
        klog("#GP error=0x%x " FRAME_IP_NAME "=%p privileged instruction: %s", (unsigned)f->error,
             ip, insn);
    else
        klog("%s error=0x%x " FRAME_IP_NAME "=%p", trap_name((unsigned)f->vector),
             (unsigned)f->error, ip);
}

static void user_exception(struct trap_frame *f)
{
    unsigned v = (unsigned)f->vector;
    int sig, code;
    uintptr_t addr;
    uint32_t err = (uint32_t)f->error;

    if (v == X86_PF) {
        addr = read_cr2();
        bool mapped = vm_mapped(addr); /* present, or PROT_NONE */
        if (!mapped && mm_grow_stack(addr) == 0)
            return;
        sig = SIGSEGV;
        code = mapped ? SEGV_ACCERR : SEGV_MAPERR;
        if (addr >= USER_TOP)
            err |= PF_PROT;  /* like Linux, a fault on a kernel address is a protection fault */
        sig_trap.cr2 = addr; /* the others leave the last page fault's */
    } else {
        exception_signal(v, &sig, &code);
        addr = fault_addr(v, f);
        if (v == X86_DB)
            code = read_dr6_and_clear() & DR6_BS ? TRAP_TRACE : TRAP_BRKPT;
        if (v == X86_MF || v == X86_XM) {
            if (!(code = fpu_exception_code(v == X86_XM)))
                return; /* spurious: no exception is pending after all */
            err = 0;    /* like Linux, an FPU exception reports none */
        }
    }
    sig_trap.trapno = v, sig_trap.err = err; /* first: less to keep across the log's call */
    if (klog_ratelimit())
        log_user_exception(f, addr);
    sig_fault_deliver(sig, code, addr);
}

static void kernel_exception(struct trap_frame *f)
{
    uintptr_t fixup, ip = frame_ip(f);
    if (f->vector == X86_DB && (read_dr6_and_clear() & DR6_BS)) {
        trap_kernel_step(f);
        return;
    }
    trap_kernel_exit_fault(f); /* returns only if the exit path was not the one faulting */
    if (f->vector == X86_PF && read_cr2() < USER_TOP && !uaccess_fixup(ip)) {
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
    if ((fixup = uaccess_fixup(ip))) {
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

/* Everything but the app's exceptions: interrupts, the kernel's own exceptions, vm86 mode.
   Out of line, so that the app's exceptions, the hot path, keep a small frame. */
__attribute__((noinline)) static void trap_other(struct trap_frame *f)
{
    unsigned v = (unsigned)f->vector;
    if (v >= IRQ_BASE && v < IRQ_BASE + 16)
        irq(v - IRQ_BASE, f);
    else if (frame_vm86(f))
        ; /* whatever it was, trap_vm86_exit() below ends it */
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

void trap_dispatch(struct trap_frame *f);

void trap_dispatch(struct trap_frame *f)
{
    unsigned v = (unsigned)f->vector;
    /* The app's exceptions first: they are the hot path. Any privilege bit in cs is ring 3
       (or a vm86 segment): moat has no ring 1 or 2 code segment. */
    if (v < 32 && (FAULT_VECTORS >> v & 1) && (f->cs & 3) && !frame_vm86(f)) {
        user_exception(f);
        if (sig_pending && sig_deliverable()) /* mostly the handler ran, nothing pending */
            sig_deliver(f);
        return;
    }
    trap_other(f);
}
