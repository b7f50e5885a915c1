/* The x86_64 register dump of a kernel panic: the PANIC line and every register of the frame. */
#include "arch/x86/64/gdt.h"
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/panic.h"

void frame_dump(const struct trap_frame *f, const char *what)
{
    klog("PANIC: %s (in the kernel: vector %lu error=0x%lx rip=%p)", what, f->vector, f->error,
         (void *)f->rip);
    frame_dump_registers(f);
}

void frame_dump_registers(const struct trap_frame *f)
{
    klog("rax=%016lx rbx=%016lx rcx=%016lx rdx=%016lx", f->rax, f->rbx, f->rcx, f->rdx);
    klog("rsi=%016lx rdi=%016lx rbp=%016lx rsp=%016lx", f->rsi, f->rdi, f->rbp, f->rsp);
    klog("r8=%016lx r9=%016lx r10=%016lx r11=%016lx", f->r8, f->r9, f->r10, f->r11);
    klog("r12=%016lx r13=%016lx r14=%016lx r15=%016lx", f->r12, f->r13, f->r14, f->r15);
    klog("rflags=%08lx cs=%04lx ss=%04lx", f->rflags, f->cs & 0xFFFF, f->ss & 0xFFFF);
    klog("cr0=%08lx cr2=%016lx cr3=%016lx cr4=%08lx", read_cr0(), read_cr2(), read_cr3(),
         read_cr4());
}
