/* The one table of system calls, indexed by the ABI's numbers and generated from its
   syscall.tbl (<mode/abi.h>). Every empty slot, and every number past the end, is
   sys_ni_syscall: -ENOSYS. The entries (i386: int $0x80 and sysenter; x86_64: syscall) call
   it from entry.S. */
#include "kernel/syscall.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscall_nr.h"
#include "kernel/syscalls.h"
#ifdef ABI_SYSCALLS_H
#include ABI_SYSCALLS_H /* the entry points only this ABI has */
#endif

typedef sword_t syscall_fn(word_t, word_t, word_t, word_t, word_t, word_t);

/* Handlers take only the arguments they use; the cdecl ABI makes extra ones harmless. */
#define SYSCALL(nr, name, entry) [nr] = (syscall_fn *)(void (*)(void))(entry),

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init" /* named slots override the default */
syscall_fn *const syscall_table[NR_SYSCALLS] = {
    [0 ... NR_SYSCALLS - 1] = (syscall_fn *)(void (*)(void))sys_ni_syscall,
#include ABI_SYSCALL_LIST
};
#pragma GCC diagnostic pop

static uint32_t logged[1024 / 32];

sword_t sys_ni_syscall(void)
{
    word_t nr = frame_syscall_nr_saved(frame_user());
    uint32_t bit = nr < 1024 ? (uint32_t)nr : 1023;
    if (!(logged[bit / 32] & (1u << (bit % 32)))) {
        logged[bit / 32] |= 1u << (bit % 32);
        const char *name = syscall_name(nr);
        if (name)
            klog("syscall %lu (%s) not implemented (-ENOSYS)", (unsigned long)nr, name);
        else
            klog("syscall %lu not implemented (-ENOSYS)", (unsigned long)nr);
    }
    return -ENOSYS;
}

void syscall_exit_work(struct trap_frame *f)
{
    if (sig_deliverable())
        sig_deliver(f);
}
