/* The one table of system calls, indexed by Linux i386's numbers and generated from
   src/abi/i386/syscall.tbl. Every empty slot, and every number past the end, is
   sys_ni_syscall: -ENOSYS. Both entries, int $0x80 and sysenter, call a slot from entry.S
   with the app's frame complete. */
#include "kernel/syscall.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscall_nr.h"
#include "kernel/syscalls.h"

/* Each slot calls its handler with the arguments it declares, taken from the app's frame
   (frame_syscall_arg), so that the entry pushes nothing: a handler's prototype picks the
   call below that matches it, and one that matches none does not compile. */
typedef sword_t syscall_fn(void);
typedef sword_t f1(word_t);
typedef sword_t f2(word_t, word_t);
typedef sword_t f3(word_t, word_t, word_t);
typedef sword_t f4(word_t, word_t, word_t, word_t);
typedef sword_t f5(word_t, word_t, word_t, word_t, word_t);
typedef sword_t f6(word_t, word_t, word_t, word_t, word_t, word_t);
/* h as a T, or (in the branches not taken) a null T: every branch is a well-typed call. */
#define AS(T, h) _Generic(&(h), T * : &(h), default : (T *)0)
/* The branch for handlers of type T: h called with the arguments given. */
#define WITH(T, h, ...) T * : AS(T, h)(__VA_ARGS__)
#define A(n) frame_syscall_arg(frame_user(), n)
#define CALL(h)                                                                                    \
    _Generic(&(h), WITH(syscall_fn, h), WITH(f1, h, A(0)), WITH(f2, h, A(0), A(1)),                \
             WITH(f3, h, A(0), A(1), A(2)), WITH(f4, h, A(0), A(1), A(2), A(3)),                   \
             WITH(f5, h, A(0), A(1), A(2), A(3), A(4)),                                            \
             WITH(f6, h, A(0), A(1), A(2), A(3), A(4), A(5)))

#define SYSCALL(nr, name, entry)                                                                   \
    static sword_t call_##name(void)                                                               \
    {                                                                                              \
        return CALL(entry);                                                                        \
    }
#include <i386/syscall_list.h> /* from src/abi/i386/syscall.tbl */
#undef SYSCALL

/* A handler without arguments (sys_ni_syscall among them) is its own slot. */
#define SYSCALL(nr, name, entry)                                                                   \
    [nr] = _Generic(&(entry), syscall_fn * : &(entry), default : call_##name),
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init" /* named slots override the default */
syscall_fn *const syscall_table[NR_SYSCALLS] = {
    [0 ... NR_SYSCALLS - 1] = sys_ni_syscall,
#include <i386/syscall_list.h>
};
#pragma GCC diagnostic pop

static uint32_t logged[1024 / 32];

sword_t sys_ni_syscall(void)
{
    uint32_t nr = frame_syscall_nr_saved(frame_user());
    uint32_t bit = nr < 1024 ? nr : 1023;
    if (!(logged[bit / 32] & (1u << (bit % 32)))) {
        logged[bit / 32] |= 1u << (bit % 32);
        const char *name = syscall_name(nr);
        if (name)
            klog("syscall %u (%s) not implemented (-ENOSYS)", nr, name);
        else
            klog("syscall %u not implemented (-ENOSYS)", nr);
    }
    return -ENOSYS;
}

void syscall_exit_work(struct trap_frame *f)
{
    if (sig_deliverable())
        sig_deliver(f);
}
