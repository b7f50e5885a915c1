/* The x86_64 register dump of a kernel panic: the PANIC line and every register of the frame. */
#include "arch/x86/64/gdt.h"
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include <stddef.h>

void frame_dump(const struct trap_frame *f, const char *what)
{
    klog("PANIC: %s (in the kernel: vector %u error=0x%lx rip=%p)", what, frame_vector(f), f->error,
         (void *)f->rip);
    frame_dump_registers(f);
}

#define AT(reg) (uint8_t)(offsetof(struct trap_frame, reg) / 8)

void frame_dump_registers(const struct trap_frame *f)
{
    /* The general registers, four to a line: each one's name and its word in the frame. */
    static const char names[16][4] = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
                                      "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
    static const uint8_t at[16] = {AT(rax), AT(rbx), AT(rcx), AT(rdx), AT(rsi), AT(rdi),
                                   AT(rbp), AT(rsp), AT(r8),  AT(r9),  AT(r10), AT(r11),
                                   AT(r12), AT(r13), AT(r14), AT(r15)};
    const uint64_t *w = (const uint64_t *)f;
    for (int i = 0; i < 16; i += 4)
        klog("%s=%016lx %s=%016lx %s=%016lx %s=%016lx", names[i], w[at[i]], names[i + 1],
             w[at[i + 1]], names[i + 2], w[at[i + 2]], names[i + 3], w[at[i + 3]]);
    klog("rflags=%08lx cs=%04lx ss=%04lx", f->rflags, f->cs & 0xFFFF, f->ss & 0xFFFF);
    klog("cr0=%08lx cr2=%016lx cr3=%016lx cr4=%08lx", read_cr0(), read_cr2(), read_cr3(),
         read_cr4());
}
