/* The i386 kernel's own trap cases: sysenter single-stepped and its sixth argument, iret to a
   bad selector, and virtual-8086 mode, which only a 32-bit kernel can meet. */
#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"

#define X86_TRAP_IRET 32 /* Linux's software trap number for a faulting iret */

extern const char trap_iret[], sysenter_entry_pti[], sysenter_tf_region_end[];

/* The app single-stepped into sysenter: TF stays on until the entry code has saved it and
   cleared it (Linux's is_sysenter_singlestep). Anywhere else, stop it. */
void trap_kernel_step(struct trap_frame *f)
{
    if (f->eip < (uint32_t)sysenter_entry_pti || f->eip >= (uint32_t)sysenter_tf_region_end)
        f->eflags &= ~EFLAGS_TF;
}

bool frame_fetch_sixth(struct trap_frame *f)
{
    uint32_t arg;
    f->vector = FRAME_SYSCALL_VECTOR;
    if (copy_from_user(&arg, f->esp, sizeof(arg)))
        return false;
    f->ebp = arg;
    return true;
}

/* The return to ring 3 faulted on iret itself: sigreturn restored a cs or ss that does not
   load. The app's registers are already popped: the nested frame f holds them. Rebuild the
   app's frame, make the fault the app's signal, and leave again with a sane frame. */
static void iret_fault(struct trap_frame *nested)
{
    /* The CPU pushed the nested frame just below the iret frame, so it overlaps the app's
       frame: take a copy before rebuilding the app's. C assumes two frames never partly
       overlap, so the barrier makes the copy happen here, before any write to *u. */
    struct trap_frame f = *nested, *u = frame_user();
    __asm__ volatile("" ::: "memory");
    u->edi = f.edi, u->esi = f.esi, u->ebp = f.ebp, u->ebx = f.ebx;
    u->edx = f.edx, u->ecx = f.ecx, u->eax = f.eax, u->es = f.es, u->ds = f.ds;
    klog("%s error=0x%x on iret to the app: bad selector (cs=0x%x ss=0x%x)", trap_name(f.vector),
         f.error, u->cs & 0xFFFF, u->ss & 0xFFFF);
    /* Linux i386's iret_error: SIGILL/ILL_BADSTK with trapno X86_TRAP_IRET and err 0. */
    u->vector = X86_TRAP_IRET;
    u->error = 0;
    sig_trap = (struct sig_trapinfo){X86_TRAP_IRET, 0, sig_trap.cr2};
    sig_fault(SIGILL, ILL_BADSTK, 0);
    sig_deliver(u);
    frame_enter(u);
}

void trap_kernel_exit_fault(struct trap_frame *f)
{
    if (f->eip == (uint32_t)trap_iret)
        iret_fault(f);
}

/* The app reached virtual-8086 mode (QEMU's TCG lets a ring-3 iret set EFLAGS.VM; real
   CPUs raise #GP). moat does not run vm86 code: whatever brought the CPU back (a fault, an
   interrupt) ends it with the SIGSEGV that Linux's #GP on that iret gives. entry.S has
   already dropped the vm86 segment registers, so the frame can only leave through the
   handler's frame, which is protected mode, or the app's death. */
void trap_vm86_exit(struct trap_frame *f)
{
    if (klog_ratelimit())
        klog("%s in virtual-8086 mode (cs:ip=%04x:%04x): not supported", trap_name(f->vector),
             f->cs & 0xFFFF, f->eip & 0xFFFF);
    sig_trap = (struct sig_trapinfo){X86_GP, 0, sig_trap.cr2};
    sig_fault(SIGSEGV, SI_KERNEL, 0);
    sig_deliver(f);
    if (f->eflags & EFLAGS_VM) /* cannot happen: the forced SIGSEGV either runs or kills */
        app_kill(SIGSEGV);
}
