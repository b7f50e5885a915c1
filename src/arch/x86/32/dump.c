/* The i386 register dump of a kernel panic: the PANIC line and every register of the frame. */
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/panic.h"

void frame_dump(const struct trap_frame *f, const char *what)
{
    klog("PANIC: %s (in the kernel: vector %u error=0x%x eip=%p)", what, frame_vector(f), f->error,
         (void *)f->eip);
    klog("eax=%08x ebx=%08x ecx=%08x edx=%08x", f->eax, f->ebx, f->ecx, f->edx);
    klog("esi=%08x edi=%08x ebp=%08x esp=%08x", f->esi, f->edi, f->ebp,
         (uint32_t)frame_kernel_sp(f));
    klog("eflags=%08x cs=%04x ds=%04x es=%04x", f->eflags, f->cs & 0xFFFF, f->ds & 0xFFFF,
         f->es & 0xFFFF);
    klog("cr0=%08x cr2=%08x cr3=%08x cr4=%08x", read_cr0(), read_cr2(), read_cr3(), read_cr4());
}
