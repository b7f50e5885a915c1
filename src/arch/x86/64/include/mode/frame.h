/* The x86_64 trap frame: the app's (or the kernel's) registers as entry.S saves them, the
   general registers in a signal frame's order (struct sigcontext_64, from r8 to rcx), which
   then takes them as one copy. Every trap and interrupt builds the whole frame: the CPU's five
   words, the error code and vector, then the fifteen general registers. The syscall entry
   saves part of it, the rest staying in the CPU (syscall_entry in entry.S): while a handler
   runs, rsp, rip, rflags and error (the number) are the app's; the general registers, cs, ss
   and the vector are stale until an exit that needs them completes the frame, from the CPU,
   where every handler keeps the app's registers (SYSCALL_KEEPS_REGISTERS below). Only these
   read or write the frame while a system call runs: sigaltstack (rsp), the not-implemented
   slot (error), and rt_sigreturn, which rewrites it all (its slot in entry.S completes the
   frame only if it could not), and kill, tkill and tgkill, whose slots complete it first;
   frame_in_syscall() is for signal delivery, which has the whole frame. */
#pragma once

#include "arch/x86/cpu.h"
#include <mode/syscall_direct.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct trap_frame {
    /* pushed by entry.S (the syscall entry: stored, some only on the way out) */
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx;
    uint64_t vector; /* above 0x80, sign-extended from its low byte: see frame_vector */
    /* pushed by the CPU for vectors 8, 10-14, 17, 21, 29, 30; by entry.S (0) otherwise.
       For a system call, its number (Linux's orig_ax). */
    uint64_t error;
    /* pushed by the CPU (the syscall entry: by entry.S, from rcx, r11 and the app's rsp) */
    uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(offsetof(struct trap_frame, r11) == 24, "entry.S's FRAME_R11");
_Static_assert(offsetof(struct trap_frame, rdi) == 64, "entry.S's FRAME_RDI");
_Static_assert(offsetof(struct trap_frame, rbx) == 88, "entry.S's FRAME_RBX");
_Static_assert(offsetof(struct trap_frame, rax) == 104, "entry.S's FRAME_RAX");
_Static_assert(offsetof(struct trap_frame, vector) == 120, "entry.S's FRAME_VECTOR");
_Static_assert(offsetof(struct trap_frame, rip) == 136, "entry.S's FRAME_RIP");
_Static_assert(offsetof(struct trap_frame, rsp) == 160, "entry.S's FRAME_RSP");
_Static_assert(sizeof(struct trap_frame) == 176, "entry.S's FRAME_SIZE");

static inline int frame_from_user(const struct trap_frame *f)
{
    return (f->cs & 3) == 3;
}

/* A trap's vector. entry.S's irq_entry stores those above 0x80 sign-extended from a byte, as
   the stubs' 2-byte pushes of them did before the interrupts' stubs became calls. */
static inline unsigned frame_vector(const struct trap_frame *f)
{
    return (uint8_t)f->vector;
}

/* The syscall ABI: number in rax, arguments in rdi, rsi, rdx, r10, r8, r9, result in rax. */
static inline void frame_set_return(struct trap_frame *f, uint64_t value)
{
    f->rax = value;
}

/* The system call's argument n (0 to 5) as the app passed it. */
static inline uint64_t frame_syscall_arg(const struct trap_frame *f, int n)
{
    const uint64_t *regs[] = {&f->rdi, &f->rsi, &f->rdx, &f->r10, &f->r8, &f->r9};
    return *regs[n];
}

/* Not a vector: what entry.S writes in the vector slot for the syscall instruction (when it
   completes the frame: see above). */
#define FRAME_SYSCALL_VECTOR 0x100
#define FRAME_SYSCALL_INSN_LEN 2 /* syscall: 0f 05; int $0x80: cd 80 */

#define FRAME_INT80_VECTOR 0x80 /* int $0x80: i386's system calls (src/abi/x86_64/ia32.c) */

static inline int frame_in_syscall(const struct trap_frame *f)
{
    return f->vector == FRAME_SYSCALL_VECTOR || f->vector == FRAME_INT80_VECTOR;
}

/* The calls that read the whole frame have it whole (syscall.tbl's syscall_full_* slots and
   the slow exit): nothing is left to fetch, unlike i386's sysenter. */
static inline bool frame_complete(struct trap_frame *f)
{
    (void)f;
    return true;
}

static inline int64_t frame_syscall_result(const struct trap_frame *f)
{
    return (int64_t)f->rax;
}

static inline uint64_t frame_syscall_nr_saved(const struct trap_frame *f)
{
    return f->error;
}

/* The syscall entry calls each slot with the arguments in the C ABI's registers (the fourth,
   which the app passes in r10, copied to rcx), so that a handler can be its own slot
   (kernel/syscall.c); and it keeps the app's registers in the CPU, neither saving nor
   restoring them, so every slot keeps all of them but rax (kernel/syscalls.h). On the fast
   path that is the whole saving: a handler that calls nothing, getppid's, saves nothing; one
   that calls other functions saves what they may clobber, the entry's work moved into it.
   The rarer calls' handlers share one slot that does it for them (mode/syscall_direct.h). */
#define SYSCALL_KEEPS_REGISTERS __attribute__((no_caller_saved_registers))

/* The frame is no longer a system call's (sigreturn restored another context). */
static inline void frame_clear_syscall(struct trap_frame *f)
{
    f->vector = ~0ul;
}

/* Run the interrupted system call again: back to its syscall, with its number in rax. */
static inline void frame_restart_syscall(struct trap_frame *f)
{
    f->rax = f->error;
    f->rip -= FRAME_SYSCALL_INSN_LEN;
}

static inline uintptr_t frame_ip(const struct trap_frame *f)
{
    return f->rip;
}

static inline uintptr_t frame_sp(const struct trap_frame *f)
{
    return f->rsp;
}

static inline void frame_set_ip(struct trap_frame *f, uintptr_t ip)
{
    f->rip = ip;
}

/* A 64-bit kernel never meets virtual-8086 mode. */
static inline bool frame_vm86(const struct trap_frame *f)
{
    return false;
}

#define FRAME_IP_NAME "rip"

/* The interrupted kernel's stack pointer: in 64-bit mode the CPU always pushes it. */
static inline uintptr_t frame_kernel_sp(const struct trap_frame *f)
{
    return f->rsp;
}

/* Start the app at entry with its stack at sp: all general registers zero, RFLAGS 0x202. */
__attribute__((noreturn)) void user_enter(uint64_t entry, uint64_t sp);
/* The app's registers while the kernel runs on its behalf: at the top of the kernel stack,
   where every entry from ring 3 builds its frame (TSS rsp0, and the syscall entry). */
static inline struct trap_frame *frame_user(void)
{
    extern struct trap_frame user_frame;
    return &user_frame;
}
/* Leave for the frame (the common exit path), abandoning the kernel stack below it. */
__attribute__((noreturn)) void frame_enter(struct trap_frame *f);
