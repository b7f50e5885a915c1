/* The first entry into ring 3: a hand-made trap frame, left through the common iret path. */
#include "arch/x86/segments.h"
#include "kernel/string.h"
#include <mode/frame.h>

extern char boot_stack_top[];
__attribute__((noreturn)) void frame_enter(struct trap_frame *f);

void user_enter(uint32_t entry, uint32_t sp)
{
    /* The frame sits where the CPU will push every later entry from ring 3 (TSS esp0). */
    struct trap_frame *f = (struct trap_frame *)boot_stack_top - 1;
    memset(f, 0, sizeof(*f));
    f->eip = entry;
    f->cs = USER_CS;
    f->eflags = 0x202; /* IF, and the always-one bit */
    f->esp = sp;
    f->ss = f->ds = f->es = USER_DS;
    frame_enter(f);
}
