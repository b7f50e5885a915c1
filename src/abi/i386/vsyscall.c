/* Sets up the app's vsyscall page: a frame of its own (so the app can never reach kernel
   memory through it), filled with the trampolines and mapped read-execute. */
#include "abi/i386/vsyscall.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"

extern const char vsyscall_code_start[], vsyscall_code_end[];
extern const char vsyscall_sigreturn[], vsyscall_rt_sigreturn[];
extern const char vsyscall_kernel_vsyscall[], vsyscall_sysenter_return[];
/* Where sysenter_entry (entry.S) sends the app back. */
uint32_t sysenter_return_addr;

static const char *const entries[] = {
    [VSYSCALL_SIGRETURN] = vsyscall_sigreturn,
    [VSYSCALL_RT_SIGRETURN] = vsyscall_rt_sigreturn,
    [VSYSCALL_KERNEL_VSYSCALL] = vsyscall_kernel_vsyscall,
    [VSYSCALL_SYSENTER_RETURN] = vsyscall_sysenter_return,
};

const char abi_pages_name[] = "the vsyscall page";

void abi_pages_place(uaddr_t *start, uaddr_t *end)
{
    *start = VSYSCALL_ADDR;
    *end = VSYSCALL_ADDR + PAGE_SIZE;
}

/* The vsyscall page's frame, the ABI's for good. */
static uintptr_t vsyscall_frame;

bool abi_frame(paddr_t pa)
{
    return pa == vsyscall_frame;
}

const char *abi_frame_label(paddr_t pa)
{
    (void)pa;
    return "[vdso]"; /* AT_SYSINFO's page, as Linux's i386 vDSO */
}

/* The frame is the ABI's for good: every execve maps it again, its code written afresh (the
   program before may have made it writable and changed it). */
int abi_pages_map(void)
{
    if (!vsyscall_frame && !(vsyscall_frame = pmm_alloc_kernel()))
        return -ENOMEM;
    memcpy(phys_to_virt(vsyscall_frame), vsyscall_code_start,
           (size_t)(vsyscall_code_end - vsyscall_code_start));
    sysenter_return_addr = vsyscall_addr(VSYSCALL_SYSENTER_RETURN);
    return vm_map(VSYSCALL_ADDR, vsyscall_frame, PROT_READ | PROT_EXEC);
}

uaddr_t vsyscall_addr(enum vsyscall_entry e)
{
    return VSYSCALL_ADDR + (uaddr_t)(entries[e] - vsyscall_code_start);
}
