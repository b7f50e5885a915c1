/* Kernel panics: the message, the registers, a frame-pointer backtrace, and a halt. */
#include "kernel/panic.h"
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/fmt.h"
#include "kernel/machine.h"

extern char boot_stack_bottom[], boot_stack_top[];

static void backtrace(uint32_t ebp)
{
    for (int depth = 0; depth < 16; depth++) {
        if (ebp < (uint32_t)boot_stack_bottom || ebp + 8 > (uint32_t)boot_stack_top || (ebp & 3))
            break;
        uint32_t ret = ((uint32_t *)ebp)[1];
        klog("  #%d %p", depth, (void *)ret);
        ebp = ((uint32_t *)ebp)[0];
    }
}

__attribute__((noreturn)) static void halt(void)
{
    klog("system halted");
    machine_exit(MACHINE_EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    klog("PANIC: %s", msg);
    uint32_t ebp;
    __asm__ volatile("mov %%ebp, %0" : "=r"(ebp));
    klog("backtrace:");
    backtrace(ebp);
    halt();
}

void panic_frame(const struct trap_frame *f, const char *what)
{
    klog("PANIC: %s (in the kernel: vector %u error=0x%x eip=%p)", what, f->vector, f->error,
         (void *)f->eip);
    klog("eax=%08x ebx=%08x ecx=%08x edx=%08x", f->eax, f->ebx, f->ecx, f->edx);
    klog("esi=%08x edi=%08x ebp=%08x esp=%08x", f->esi, f->edi, f->ebp,
         (uint32_t)f + (uint32_t)__builtin_offsetof(struct trap_frame, esp));
    klog("eflags=%08x cs=%04x ds=%04x es=%04x", f->eflags, f->cs & 0xFFFF, f->ds & 0xFFFF,
         f->es & 0xFFFF);
    klog("cr0=%08x cr2=%08x cr3=%08x cr4=%08x", read_cr0(), read_cr2(), read_cr3(), read_cr4());
    klog("backtrace:");
    klog("  #0 %p", (void *)f->eip);
    backtrace(f->ebp);
    halt();
}
