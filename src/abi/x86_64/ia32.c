/* int $0x80 in a 64-bit process: Linux i386's system calls, as Linux x86_64 with IA32
   emulation runs them (do_int80_syscall_32). The number is eax; the arguments are ebx, ecx,
   edx, esi, edi and ebp, each taken as 32 bits (zero-extended: a handler that takes a signed
   C long sign-extends it, abi_long_arg); the structures are i386's (while ia32_call is set,
   x86_64's abi_* conversions turn to i386's, ia32_uapi.c); the result goes to rax, a -errno
   sign-extended. Every other register comes back as it was: the entry saved the whole
   frame (entry.S). Signals are delivered as ever, in x86_64 frames: moat64 has no 32-bit
   code segment for Linux's ia32 frames, which a handler installed this way would get. */
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include <mode/frame.h>

bool ia32_call;

/* i386's sigreturn and rt_sigreturn would read an i386 frame and return to 32-bit code,
   which moat64 has neither of: the frame is bad, as Linux's badframe (SIGSEGV). */
sword_t ia32_sigreturn(void);

sword_t ia32_sigreturn(void)
{
    klog("i386 sigreturn in a 64-bit app: no i386 frame to return to");
    sig_fault(SIGSEGV, SI_KERNEL, 0);
    return 0;
}

/* i386's table (src/abi/i386/syscall.tbl: ia32_table.S), each handler called with all six
   registers' low halves: one that takes fewer ignores the rest, and one that declares an
   argument uint32_t (an int) takes its low half, as the native table's do (kernel/syscall.c). */
typedef sword_t ia32_fn(word_t, word_t, word_t, word_t, word_t, word_t);
extern const int32_t ia32_table[];
extern const uint64_t ia32_present[], ia32_present_end[];

/* The handler of i386's number nr: sys_ni_syscall where moat has none. Its place in ia32_table
   counts the handlers below it (__builtin_popcountll: libgcc's, as the kernel assumes no
   popcnt instruction). */
static ia32_fn *ia32_handler(uint32_t nr)
{
    uint32_t word = nr / 64, n = 0;
    uint64_t below = ((uint64_t)1 << (nr % 64)) - 1;
    if (word >= (word_t)(ia32_present_end - ia32_present) || !(ia32_present[word] & (below + 1)))
        return (ia32_fn *)(void (*)(void))sys_ni_syscall;
    for (uint32_t i = 0; i < word; i++)
        n += (uint32_t)__builtin_popcountll(ia32_present[i]);
    n += (uint32_t)__builtin_popcountll(ia32_present[word] & below);
    return (ia32_fn *)(void (*)(void))((uintptr_t)ia32_table + (uintptr_t)(intptr_t)ia32_table[n]);
}

void ia32_syscall(struct trap_frame *f);

void ia32_syscall(struct trap_frame *f)
{
    uint32_t nr = (uint32_t)f->rax; /* as Linux: the number is an int */
    f->error = (uint32_t)f->rax;    /* orig_ax, eax alone (as Linux's entry): a restart's */
    ia32_call = true;
    sword_t r = ia32_handler(nr)((uint32_t)f->rbx, (uint32_t)f->rcx, (uint32_t)f->rdx,
                                 (uint32_t)f->rsi, (uint32_t)f->rdi, (uint32_t)f->rbp);
    ia32_call = false;
    frame_set_return(f, (uint64_t)r);
    if (sig_pending)
        sig_deliver(f);
}
