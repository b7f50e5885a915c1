/* Sets up the app's vsyscall page: a frame of its own (so the app can never reach kernel
   memory through it), filled with the trampolines and mapped read-execute. */
#include "arch/x86/vsyscall.h"
#include "kernel/errno.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"

extern const char vsyscall_code_start[], vsyscall_code_end[];
extern const char vsyscall_sigreturn[], vsyscall_rt_sigreturn[];

int vsyscall_map(void)
{
    uint32_t pa = pmm_alloc_zeroed();
    if (!pa)
        return -ENOMEM;
    memcpy(phys_to_virt(pa), vsyscall_code_start,
           (size_t)(vsyscall_code_end - vsyscall_code_start));
    int err = vm_map(VSYSCALL_ADDR, pa, PROT_READ | PROT_EXEC);
    if (err)
        pmm_free(pa);
    return err;
}

uint32_t vsyscall_addr(enum vsyscall_entry e)
{
    const char *sym = e == VSYSCALL_SIGRETURN ? vsyscall_sigreturn : vsyscall_rt_sigreturn;
    return VSYSCALL_ADDR + (uint32_t)(sym - vsyscall_code_start);
}
