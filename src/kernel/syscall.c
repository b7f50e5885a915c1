/* The table of system calls, indexed by the ABI's numbers and generated from its
   syscall.tbl (<mode/abi.h>): i386's here, x86_64's in abi/x86_64/syscall_table.S. Every
   empty slot, and every number past the end, is sys_ni_syscall: -ENOSYS. The entries call a slot
   from entry.S: i386's (int $0x80 and sysenter) with the app's frame complete, x86_64's (syscall)
   with the arguments in registers and the frame partly saved (see its mode/frame.h). */
#include "kernel/syscall.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscall_nr.h"
#include "kernel/syscalls.h"
#include <mode/exit_work.h>
#ifdef ABI_SYSCALLS_H
#include ABI_SYSCALLS_H /* the entry points only this ABI has */
#endif

#ifndef SYSCALL_KEEPS_REGISTERS
typedef sword_t syscall_fn(void);
/* Each slot calls its handler with as many arguments as its prototype declares (which
   tools/gensyscalls.py counts), taken from the app's frame (frame_syscall_arg), so that the
   entry pushes nothing; a handler without arguments is its own slot. The call is checked
   against the prototype like any other. An argument the handler declares uint32_t (an int
   in Linux's prototype) keeps the register's low half, as Linux's own wrappers keep it.
   Where the entry passes the arguments in the registers the C ABI reads them from
   (mode/frame.h: x86_64), a handler is its own slot, whatever its prototype (or a rarer
   call's shares one: mode/syscall_direct.h), and the table is abi/x86_64/syscall_table.S. */
#define A(n) frame_syscall_arg(frame_user(), n)
#define ARGS_1 A(0)
#define ARGS_2 ARGS_1, A(1)
#define ARGS_3 ARGS_2, A(2)
#define ARGS_4 ARGS_3, A(3)
#define ARGS_5 ARGS_4, A(4)
#define ARGS_6 ARGS_5, A(5)
/* The slots of the calls where every instruction counts (the bench's write and tkill, and
   read, rt_sigprocmask, kill and tgkill, which apps make all the time; getpid, getppid and the
   sigreturns are their own slots) are built for speed. The rest are cold: GCC inlines a handler
   that one slot calls into that slot, where it would otherwise be built for speed (and twice
   for two slots, as mknod's and mknodat's), not for size as in its own file. */
#define SLOT_HOT_sys_read ~, 1
#define SLOT_HOT_sys_write ~, 1
#define SLOT_HOT_sys_kill ~, 1
#define SLOT_HOT_sys_tkill ~, 1
#define SLOT_HOT_sys_tgkill ~, 1
#define SLOT_HOT_sys_rt_sigprocmask ~, 1
#define SLOT_HOT_PICK(probe, hot, ...) hot
#define SLOT_HOT_PROBE(...) SLOT_HOT_PICK(__VA_ARGS__, 0, 0)
#define SLOT_ATTR_0 __attribute__((cold))
#define SLOT_ATTR_1
#define SLOT_ATTR_(hot) SLOT_ATTR_##hot
#define SLOT_ATTR(hot) SLOT_ATTR_(hot)
#define SLOT_KIND(entry) SLOT_ATTR(SLOT_HOT_PROBE(SLOT_HOT_##entry))
#define WRAP_0(name, entry)
#define WRAP_N(name, entry, n)                                                                     \
    static SLOT_KIND(entry) sword_t call_##name(void)                                              \
    {                                                                                              \
        return entry(ARGS_##n);                                                                    \
    }
#define WRAP_1(name, entry) WRAP_N(name, entry, 1)
#define WRAP_2(name, entry) WRAP_N(name, entry, 2)
#define WRAP_3(name, entry) WRAP_N(name, entry, 3)
#define WRAP_4(name, entry) WRAP_N(name, entry, 4)
#define WRAP_5(name, entry) WRAP_N(name, entry, 5)
/* The sixth argument may still be on the app's stack (a call by sysenter: mode/frame.h). */
#define WRAP_6(name, entry)                                                                        \
    static SLOT_KIND(entry) sword_t call_##name(void)                                              \
    {                                                                                              \
        if (!frame_complete(frame_user()))                                                         \
            return -EFAULT;                                                                        \
        return entry(ARGS_6);                                                                      \
    }
#define SLOT_0(name, entry) entry
#define SLOT_1(name, entry) call_##name
#define SLOT_2 SLOT_1
#define SLOT_3 SLOT_1
#define SLOT_4 SLOT_1
#define SLOT_5 SLOT_1
#define SLOT_6 SLOT_1

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion" /* the low half of an int argument, on purpose */
#define SYSCALL(nr, name, entry, nargs) WRAP_##nargs(name, entry)
#include ABI_SYSCALL_LIST
#undef SYSCALL
#pragma GCC diagnostic pop

#define SYSCALL(nr, name, entry, nargs) [SYSCALL_SLOT(nr)] = SLOT_##nargs(name, entry),
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init" /* named slots override the default */
syscall_fn *const syscall_table[SYSCALL_SLOTS] = {
    [0 ... SYSCALL_SLOTS - 1] = sys_ni_syscall,
#include ABI_SYSCALL_LIST
};
#pragma GCC diagnostic pop
#endif

unsigned abi_long_size(void)
{
    return ABI_COMPAT ? 4 : sizeof(word_t);
}

void syscall_exit_work(struct trap_frame *f)
{
    if (sig_pending) /* sig_deliver finds out whether one is blocked */
        sig_deliver(f);
    else /* the exit came for other work, or for a signal since taken */
        exit_work_signal(false);
}
