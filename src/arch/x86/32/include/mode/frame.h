/* The i386 trap frame: the app's (or the kernel's) registers as entry.S saves them. */
#pragma once

/* A sysenter frame's vector until its sixth argument is fetched (frame_complete, below). */
#define FRAME_SYSENTER_VECTOR 0x180

#ifndef __ASSEMBLER__
#include "arch/x86/cpu.h"
#include <stddef.h>
#include <stdint.h>

struct trap_frame {
    /* pushed by the stub, last: the app's data segments (the kernel then loads its own) */
    uint32_t es, ds;
    /* pushed by the stub's pusha (esp_pusha is the kernel esp at that point: ignored) */
    uint32_t edi, esi, ebp, esp_pusha, ebx, edx, ecx, eax;
    uint32_t vector; /* above 0x80, sign-extended from its low byte: see frame_vector */
    /* pushed by the CPU for vectors 8, 10-14, 17, 21, 29, 30; by the stub (0) otherwise.
       For int $0x80 the dispatcher keeps the syscall number here (Linux's orig_eax). */
    uint32_t error;
    /* pushed by the CPU */
    uint32_t eip, cs, eflags;
    /* pushed by the CPU only when crossing from ring 3 */
    uint32_t esp, ss;
};

/* entry.S depends on this layout; from es on it is also the sigcontext's (sigframe.c). */
_Static_assert(offsetof(struct trap_frame, eax) == 36, "pusha layout");
_Static_assert(offsetof(struct trap_frame, es) == 0, "segment slots");
_Static_assert(offsetof(struct trap_frame, vector) == 40, "vector slot");
_Static_assert(offsetof(struct trap_frame, eip) == 48, "cpu frame");
_Static_assert(offsetof(struct trap_frame, cs) == 52, "entry.S's FRAME_CS");
_Static_assert(offsetof(struct trap_frame, eflags) == 56, "entry.S's FRAME_EFLAGS");
_Static_assert(offsetof(struct trap_frame, ss) == 64, "entry.S's FRAME_SS");
_Static_assert(sizeof(struct trap_frame) == 68, "frame size");

/* Ring 3, or virtual-8086 mode (Linux's user_mode()): a vm86 frame's cs is a real-mode
   segment, any value. */
static inline int frame_from_user(const struct trap_frame *f)
{
    return (f->cs & 3) == 3 || (f->eflags & EFLAGS_VM);
}

/* A trap's vector. The stubs push those above 0x80 as a byte (entry.S: 2 bytes of code where
   a word took 5), which the CPU sign-extends. */
static inline unsigned frame_vector(const struct trap_frame *f)
{
    return (uint8_t)f->vector;
}

/* The syscall ABI: number in eax, arguments in ebx, ecx, edx, esi, edi, ebp, result in eax
   (entry.S passes them to the handlers). */
static inline void frame_set_return(struct trap_frame *f, uint32_t value)
{
    f->eax = value;
}

/* The system call's argument n (0 to 5) as the app passed it. */
static inline uint32_t frame_syscall_arg(const struct trap_frame *f, int n)
{
    const uint32_t *regs[] = {&f->ebx, &f->ecx, &f->edx, &f->esi, &f->edi, &f->ebp};
    return *regs[n];
}

#define FRAME_SYSCALL_VECTOR 0x80
#define FRAME_SYSCALL_INSN_LEN 2 /* int $0x80 */

static inline int frame_in_syscall(const struct trap_frame *f)
{
    return f->vector == FRAME_SYSCALL_VECTOR;
}

/* A call made by sysenter leaves its sixth argument (the app's ebp) on the app's stack, where
   __kernel_vsyscall pushed it: entry.S saves the app's esp in the frame's ebp slot and this
   (FRAME_SYSENTER_VECTOR, above) in its vector slot, so that the common call never reads the
   app's stack. Whatever needs the frame as int $0x80 leaves it (a call that takes six
   arguments, a signal's frame, a restart) completes it first. */
/* The sixth argument read into the ebp slot, and the vector int $0x80's: false (the ebp slot
   left as it was) when the app's stack cannot be read, Linux's EFAULT. */
bool frame_fetch_sixth(struct trap_frame *f);

static inline bool frame_complete(struct trap_frame *f)
{
    return f->vector != FRAME_SYSENTER_VECTOR || frame_fetch_sixth(f);
}

static inline int32_t frame_syscall_result(const struct trap_frame *f)
{
    return (int32_t)f->eax;
}

static inline uint32_t frame_syscall_nr_saved(const struct trap_frame *f)
{
    return f->error;
}

/* The frame is no longer a system call's (sigreturn restored another context): nothing may
   restart it, whatever its eax holds. Linux sets orig_ax to -1 for the same reason. */
static inline void frame_clear_syscall(struct trap_frame *f)
{
    f->vector = ~0u;
}

/* Run the interrupted system call again: back to its int $0x80, with its number in eax. */
static inline void frame_restart_syscall(struct trap_frame *f)
{
    f->eax = f->error;
    f->eip -= FRAME_SYSCALL_INSN_LEN;
}

/* Width-free views of a frame for generic code: where it was, and its stack. */
static inline uintptr_t frame_ip(const struct trap_frame *f)
{
    return f->eip;
}

static inline uintptr_t frame_sp(const struct trap_frame *f)
{
    return f->esp;
}

static inline void frame_set_ip(struct trap_frame *f, uintptr_t ip)
{
    f->eip = ip;
}

/* Did the app trap from virtual-8086 mode (which only a 32-bit kernel can meet)? */
static inline bool frame_vm86(const struct trap_frame *f)
{
    return f->eflags & EFLAGS_VM;
}

#define FRAME_IP_NAME "eip" /* what the console calls the instruction pointer */

/* A frame from ring 0 has no esp and ss: the interrupted kernel's stack starts there. */
static inline uintptr_t frame_kernel_sp(const struct trap_frame *f)
{
    return (uintptr_t)&f->esp;
}

/* Start the app at entry with its stack at sp: all general registers zero, EFLAGS 0x202. */
__attribute__((noreturn)) void user_enter(uint32_t entry, uint32_t sp);
/* The app's registers while the kernel runs on its behalf: where the CPU pushes every entry
   from ring 3 (TSS esp0), at the top of the kernel stack. */
static inline struct trap_frame *frame_user(void)
{
    extern struct trap_frame user_frame;
    return &user_frame;
}
/* Leave for the frame (the common exit path), abandoning the kernel stack below it. */
__attribute__((noreturn)) void frame_enter(struct trap_frame *f);
#endif
