/* Kernel panics: the message, the registers, a backtrace, and a halt. */
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/fmt.h"
#include "kernel/machine.h"

extern char kernel_stack_bottom[], kernel_stack_top[], __text_start[], __text_end[];

#define BACKTRACE_MAX 16

/* The kernel is built without frame pointers, so the backtrace is Linux's unreliable kind:
   every word on the stack from sp up that points into the kernel's text, most recent first
   (a return address, or a stale one: hence the "?"). */
static void backtrace(uintptr_t sp)
{
    int shown = 0;
    if (sp < (uintptr_t)kernel_stack_bottom || sp >= (uintptr_t)kernel_stack_top)
        return;
    for (const uintptr_t *w = (const uintptr_t *)(sp & ~(sizeof(*w) - 1));
         w < (const uintptr_t *)kernel_stack_top && shown < BACKTRACE_MAX; w++)
        if (*w >= (uintptr_t)__text_start && *w < (uintptr_t)__text_end)
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
    klog("backtrace:");
    backtrace((uintptr_t)__builtin_frame_address(0));
    halt();
}

void panic_frame(const struct trap_frame *f, const char *what)
{
    frame_dump(f, what);
    klog("backtrace:");
    klog("  #0 %p", (void *)frame_ip(f));
    backtrace(frame_kernel_sp(f));
    halt();
}
