/* The x86_64 kernel's own trap cases: iretq to the app faulting, and (never) vm86 mode. */
#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "kernel/console.h"
#include "kernel/signal.h"

extern const char trap_iret[];

/* A single-step #DB in the kernel: syscall's FMASK clears TF, and interrupt gates clear it, so
   none is expected; stop it rather than step on. */
void trap_kernel_step(struct trap_frame *f)
{
    f->rflags &= ~(uint64_t)EFLAGS_TF;
}

/* The return to ring 3 faulted on iretq itself: sigreturn gave a rip that is not canonical
   (Intel CPUs fault on the iretq, in ring 0). The app's registers are already popped: the
   nested frame holds them. Rebuild the app's frame, make the fault the app's #GP, as Linux's
   bad-iret fixup does, and leave again with a sane frame. */
static void iret_fault(struct trap_frame *nested)
{
    /* The CPU pushed the nested frame below the iretq frame, so it overlaps the app's frame:
       take a copy before rebuilding the app's (the barrier keeps the copy first). */
    struct trap_frame f = *nested, *u = frame_user();
    __asm__ volatile("" ::: "memory");
    /* the fifteen general registers, the frame's first words (r8 to rcx) */
    __builtin_memcpy(u, &f, offsetof(struct trap_frame, vector));
    klog("%s error=0x%lx on iretq to the app: rip=%p", trap_name((unsigned)f.vector), f.error,
         (void *)u->rip);
    u->vector = X86_GP;
    u->error = 0;
    sig_trap = (struct sig_trapinfo){X86_GP, 0, sig_trap.cr2};
    sig_fault(SIGSEGV, SI_KERNEL, 0);
    sig_deliver(u);
    frame_enter(u);
}

void trap_kernel_exit_fault(struct trap_frame *f)
{
    if (f->rip == (uintptr_t)trap_iret)
        iret_fault(f);
}

void trap_vm86_exit(struct trap_frame *f) {}
