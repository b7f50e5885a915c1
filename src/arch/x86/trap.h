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
