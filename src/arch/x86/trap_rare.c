/* The app's rarer exceptions, and the names and console lines of exceptions, built for size
   (src/meson.build): trap.c, built for speed, keeps the dispatch, the benched faults' handlers
   and the kernel's own exceptions. */
#include "arch/x86/fpu.h"
#include "arch/x86/insn.h"
#include "arch/x86/trap.h"
#include "kernel/console.h"
#include "kernel/signal.h"
#include "kernel/string.h"

/* Every vector below 32 has a name (the reserved ones their number), one after another: 5
   bytes each took 31 more, a pointer to each 8 on x86_64. */
static const char mnemonics[] = "#DE\0#DB\0NMI\0#BP\0#OF\0#BR\0#UD\0#NM\0#DF\0#CSO\0#TS\0#NP\0"
                                "#SS\0#GP\0#PF\0#15\0#MF\0#AC\0#MC\0#XM\0#VE\0#CP\0#22\0#23\0"
                                "#24\0#25\0#26\0#27\0#HV\0#VC\0#SX\0#31";

/* Cold: only the console's lines and panics name a vector. */
__attribute__((cold)) const char *trap_name(unsigned vector)
{
    const char *p = mnemonics;
    if (vector >= 32)
        return "interrupt";
    while (vector--)
        p += strlen(p) + 1;
    return p;
}

/* The console line for an exception in ring 3 (rate-limited by the caller). */
__attribute__((noinline, cold)) void log_user_exception(const struct trap_frame *f, uintptr_t cr2)
{
    char name[24];
    const char *fmt = "%s error=0x%x " FRAME_IP_NAME "=%p";
    const void *more = NULL; /* what the longer formats add: cr2, or the instruction's name */
    if (f->vector == X86_PF)
        fmt = "%s error=0x%x " FRAME_IP_NAME "=%p cr2=%p", more = (void *)cr2;
    else if (f->vector == X86_GP && (more = insn_privileged(frame_ip(f), name, sizeof(name))))
        fmt = "%s error=0x%x " FRAME_IP_NAME "=%p privileged instruction: %s";
    klog(fmt, trap_name((unsigned)f->vector), (unsigned)f->error, (void *)frame_ip(f), more);
}

/* Linux's signal and si_code for each of the rarer exceptions in ring 3
   (arch/x86/kernel/traps.c); a vector without a row is SIGSEGV/SI_KERNEL (#OF #BR #NM #TS and
   the reserved ones). #DB's si_code, and #MF's and #XM's, the hardware's state decides. */
static const uint8_t user_signals[][2] = {
    [X86_DE] = {SIGFPE, FPE_INTDIV}, [X86_DB] = {SIGTRAP, TRAP_BRKPT},
    [X86_BP] = {SIGTRAP, SI_KERNEL}, [X86_CSO] = {SIGFPE, 0},
    [X86_NP] = {SIGBUS, SI_KERNEL},  [X86_SS] = {SIGBUS, SI_KERNEL},
    [X86_MF] = {SIGFPE, 0},          [X86_AC] = {SIGBUS, BUS_ADRALN},
    [X86_XM] = {SIGFPE, 0},
};

/* The vectors whose si_addr is the faulting instruction's, as Linux gives it
   (error_get_trap_addr and friends); the rest have none. */
#define TRAP_ADDR_IP (1u << X86_DE | 1u << X86_DB | 1u << X86_MF | 1u << X86_XM)

/* The rarer exceptions in ring 3 (a vector below 32). Cold (built for size): no app raises
   these in a loop, and the benched faults (#UD, #GP, #PF) have handlers of their own. */
__attribute__((cold)) void user_exception(void)
{
    const struct trap_frame *f = frame_user();
    unsigned v = (unsigned)f->vector;
    uint32_t err = (uint32_t)f->error;
    int sig = SIGSEGV, code = SI_KERNEL;
    if (v < sizeof(user_signals) / sizeof(user_signals[0]) && user_signals[v][0])
        sig = user_signals[v][0], code = user_signals[v][1];
    if (v == X86_DB && (read_dr6_and_clear() & DR6_BS))
        code = TRAP_TRACE;
    if (v == X86_MF || v == X86_XM) {
        if (!(code = fpu_exception_code(v == X86_XM))) { /* spurious: none is pending */
            if (sig_pending)
                user_exit();
            return;
        }
        err = 0; /* like Linux, an FPU exception reports none */
    }
    user_fault_any(v, sig, code, TRAP_ADDR_IP >> v & 1 ? frame_ip(f) : 0, err);
}
