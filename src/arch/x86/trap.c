/* trap_dispatch: where every interrupt, exception and int $0x80 lands, as one switch. */
#include "arch/x86/cpu.h"
#include "arch/x86/insn.h"
#include "arch/x86/pic.h"
#include "arch/x86/uart.h"
#include "kernel/console.h"
#include "kernel/mm.h"
#include "kernel/panic.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include <mode/layout.h>

#define SYSCALL_VECTOR 0x80

enum {
    X86_DE = 0, X86_DB, X86_NMI, X86_BP, X86_OF, X86_BR, X86_UD, X86_NM, X86_DF, X86_CSO,
    X86_TS, X86_NP, X86_SS, X86_GP, X86_PF, X86_MF = 16, X86_AC, X86_MC, X86_XM, X86_VE, X86_CP,
};

static const char *const mnemonic[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS",
    "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
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

static void user_exception(struct trap_frame *f)
{
    unsigned v = f->vector;
    int sig, code;
    uint32_t addr = 0;
    char name[24];
    const char *insn;

    if (v == X86_PF) {
        addr = read_cr2();
        if (!(f->error & 1) && mm_grow_stack(addr) == 0)
            return;
        sig = SIGSEGV;
        code = addr < USER_TOP && (f->error & 1) ? SEGV_ACCERR : SEGV_MAPERR;
        klog("#PF error=0x%x eip=%p cr2=%p", f->error, (void *)f->eip, (void *)addr);
    } else {
        exception_signal(v, &sig, &code);
        if (v == X86_GP && (insn = insn_privileged(f->eip, name, sizeof(name))))
            klog("#GP error=0x%x eip=%p privileged instruction: %s", f->error, (void *)f->eip,
                 insn);
        else
            klog("%s error=0x%x eip=%p", mnemonic[v], f->error, (void *)f->eip);
    }
    sig_fault(f, sig, code, addr);
}

static void kernel_exception(struct trap_frame *f)
{
    uint32_t fixup;
    if (f->vector == X86_PF && (fixup = uaccess_fixup(f->eip))) {
        f->eip = fixup; /* a user copy met a bad page: it returns -EFAULT */
        return;
    }
    panic_frame(f, mnemonic[f->vector]);
}

static void irq(unsigned line)
{
    if (!pic_ack(line))
        return;
    if (line == IRQ_TIMER)
        time_tick();
    else if (line == IRQ_COM1)
        uart_irq();
}

void trap_dispatch(struct trap_frame *f);
void trap_dispatch(struct trap_frame *f)
{
    unsigned v = f->vector;
    if (v == SYSCALL_VECTOR)
        syscall_dispatch(f);
    else if (v >= IRQ_BASE && v < IRQ_BASE + 16)
        irq(v - IRQ_BASE);
    else if (v < 32 && v != X86_NMI && v != X86_DF && v != X86_MC)
        frame_from_user(f) ? user_exception(f) : kernel_exception(f);
    else if (v == X86_NMI)
        klog("NMI (ignored)");
    else
        panic_frame(f, v < 32 ? mnemonic[v] : "unexpected interrupt");
}
