/* Kernel panics: the message, the registers, a backtrace, and a halt. */
#include "kernel/panic.h"
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/fmt.h"
#include "kernel/machine.h"

extern char boot_stack_bottom[], boot_stack_top[], __text_start[], __text_end[];

#define BACKTRACE_MAX 16

/* The kernel is built without frame pointers, so the backtrace is Linux's unreliable kind:
   every word on the stack from sp up that points into the kernel's text, most recent first
   (a return address, or a stale one: hence the "?"). */
static void backtrace(uint32_t sp)
{
    int shown = 0;
    if (sp < (uint32_t)boot_stack_bottom || sp >= (uint32_t)boot_stack_top)
        return;
    for (const uint32_t *w = (const uint32_t *)(sp & ~3u);
         w < (const uint32_t *)boot_stack_top && shown < BACKTRACE_MAX; w++)
        if (*w >= (uint32_t)__text_start && *w < (uint32_t)__text_end)
            klog("  ? %p", (void *)*w), shown++;
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
    uint32_t sp;
    __asm__ volatile("mov %%esp, %0" : "=r"(sp));
    klog("backtrace:");
    backtrace(sp);
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
    backtrace((uint32_t)f + (uint32_t)sizeof(*f) - 8); /* above the frame: no esp, ss */
    halt();
}
