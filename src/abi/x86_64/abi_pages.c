/* The ABI's pages above the stack (kernel/abi.h's abi_pages_*), for x86_64 until the vDSO
   exists: i386 maps its vsyscall page there, but an x86_64 app needs no page of the kernel's
   (its restorer is the libc's SA_RESTORER, its system calls the syscall instruction). So for
   now one page below USER_TOP is left unmapped as the stack's ceiling, and nothing is mapped.
   The vDSO (vdso.c, with AT_SYSINFO_EHDR in initial_stack.c) replaces this file. */
#include "kernel/abi.h"
#include <mode/layout.h>

const char abi_pages_name[] = "the page above the stack";

void abi_pages_place(uaddr_t *start, uaddr_t *end)
{
    *start = USER_TOP - PAGE_SIZE;
    *end = USER_TOP;
}

int abi_pages_map(void)
{
    return 0;
}

bool abi_pages_hold(uaddr_t va)
{
    return false; /* none is mapped */
}
