/* Traps: the vectors' names, and what each width adds to the shared dispatcher (trap.c). */
#pragma once

#include <mode/frame.h>

enum {
    X86_DE = 0,
    X86_DB,
    X86_NMI,
    X86_BP,
    X86_OF,
    X86_BR,
    X86_UD,
    X86_NM,
    X86_DF,
    X86_CSO,
    X86_TS,
    X86_NP,
    X86_SS,
    X86_GP,
    X86_PF,
    X86_MF = 16,
    X86_AC,
    X86_MC,
    X86_XM,
    X86_VE,
    X86_CP,
};

/* "#GP" and the like for a vector below 32; "interrupt" for the rest. */
const char *trap_name(unsigned vector);

/* The mode's part (arch/x86/32/trap_mode.c): a single-step #DB in the kernel (the app
   stepped into the system call entry); a fault of the exit path itself (it does not return
   if it was one); and the end of an app that reached virtual-8086 mode. */
void trap_kernel_step(struct trap_frame *f);
void trap_kernel_exit_fault(struct trap_frame *f);
void trap_vm86_exit(struct trap_frame *f);

/* Between trap.c (the dispatch, the benched faults' handlers and the kernel's own exceptions,
   built for speed) and trap_rare.c (the app's rarer exceptions and the console line of an
   app's exception, built for size). */
void user_exception(void);
void log_user_exception(const struct trap_frame *f, uintptr_t cr2);
void user_exit(void);
void user_fault_any(unsigned v, int sig, int code, uintptr_t addr, uint32_t err);

/* DR6, cleared as read (its status bits are sticky); DR6_BS: a single step's #DB. */
#define DR6_BS (1u << 14)
static inline uintptr_t read_dr6_and_clear(void)
{
    uintptr_t dr6;
    __asm__ volatile("mov %%dr6, %0" : "=r"(dr6));
    __asm__ volatile("mov %0, %%dr6" : : "r"((uintptr_t)0));
    return dr6;
}
