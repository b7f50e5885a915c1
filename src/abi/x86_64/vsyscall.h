/* What generic code (kernel/exec.c) asks of the ABI's page above the stack. i386 maps a
   vsyscall page of trampolines there; x86_64 apps need none (their signal restorer is the
   libc's SA_RESTORER, and system calls are the syscall instruction), so for now the page is
   only the stack's ceiling, left unmapped. The vDSO (AT_SYSINFO_EHDR) takes over this role:
   until it exists, vsyscall_map() maps nothing. */
#pragma once

#include <mode/layout.h>
#include <mode/types.h>

/* The page below USER_TOP: the stack starts under it, and no segment may cover it. */
#define VSYSCALL_ADDR (USER_TOP - PAGE_SIZE)

/* Map the page into the app: 0 or -ENOMEM. A placeholder until the vDSO exists (the vDSO
   will be mapped here, or at its own randomised address, and initial_stack.c will announce
   it). */
static inline int vsyscall_map(void)
{
    return 0;
}
