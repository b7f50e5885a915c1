/* arch_prctl, as Linux x86_64's do_arch_prctl_64 and do_arch_prctl_common: the FS and GS bases,
   the CPUID switch (which moat, without CPUID faulting, cannot turn off) and the XSAVE feature
   queries (moat enables no dynamic feature such as AMX, so there is nothing to request). */
#include "arch/x86/64/gdt.h" /* arch_set_fs_base() and its kin */
#include "arch/x86/fpu.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h" /* with sys_x86_64.h, as every handler's must be */
#include "kernel/uaccess.h"
#include <mode/layout.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define ARCH_GET_CPUID 0x1011
#define ARCH_SET_CPUID 0x1012
#define ARCH_GET_XCOMP_SUPP 0x1021
#define ARCH_GET_XCOMP_PERM 0x1022
#define ARCH_REQ_XCOMP_PERM 0x1023
#define ARCH_GET_XCOMP_GUEST_PERM 0x1024
#define ARCH_REQ_XCOMP_GUEST_PERM 0x1025
#define XFEATURE_MAX 19        /* Linux 6.1's components, up to AMX's tile data (18) */
#define XFEATURE_MASK_FPSSE 3u /* the legacy components, which every x86_64 CPU has */

static sword_t put_u64(uaddr_t u, uint64_t v)
{
    return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
}

sword_t sys_arch_prctl(word_t option, word_t arg2)
{
    switch ((int32_t)option) { /* an int, as Linux takes it */
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (arg2 >= USER_TOP) /* Linux's TASK_SIZE_MAX: never a kernel or non-canonical base */
            return -EPERM;
        return (int32_t)option == ARCH_SET_FS ? arch_set_fs_base(arg2) : arch_set_gs_base(arg2);
    case ARCH_GET_FS:
        return put_u64(arg2, arch_fs_base());
    case ARCH_GET_GS:
        return put_u64(arg2, arch_gs_base());
    case ARCH_GET_CPUID:
        return 1; /* cpuid runs */
    case ARCH_SET_CPUID:
        return -ENODEV; /* no CPUID faulting */
    case ARCH_GET_XCOMP_SUPP:
    case ARCH_GET_XCOMP_PERM:
    case ARCH_GET_XCOMP_GUEST_PERM: /* every enabled component is permitted from the start */
        return put_u64(arg2, fpu_xstate.on ? fpu_xstate.mask : XFEATURE_MASK_FPSSE);
    case ARCH_REQ_XCOMP_PERM:
    case ARCH_REQ_XCOMP_GUEST_PERM:
        return arg2 >= XFEATURE_MAX ? -EINVAL : -EOPNOTSUPP;
    }
    return -EINVAL;
}
