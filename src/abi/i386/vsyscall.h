/* The vsyscall page: a read-execute page the kernel maps into the app, holding Linux i386's
   __kernel_vsyscall (AT_SYSINFO) and the signal return trampolines (the role of Linux's vDSO
   __kernel_sigreturn/__kernel_rt_sigreturn). */
#pragma once

#include <mode/types.h>

#define VSYSCALL_ADDR 0xBFFFF000u /* the app's highest page; the stack starts below it */

enum vsyscall_entry {
    VSYSCALL_SIGRETURN,
    VSYSCALL_RT_SIGRETURN,
    VSYSCALL_KERNEL_VSYSCALL, /* AT_SYSINFO */
    VSYSCALL_SYSENTER_RETURN,
};

uaddr_t vsyscall_addr(enum vsyscall_entry e);
