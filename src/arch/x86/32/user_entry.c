/* The first entry into ring 3: a hand-made trap frame, left through the common iret path. */
#include "arch/x86/32/segments.h"
#include "kernel/string.h"
#include <mode/frame.h>

void user_enter(uint32_t entry, uint32_t sp)
{
    struct trap_frame *f = frame_user();
    memset(f, 0, sizeof(*f));
    f->eip = entry;
    f->cs = USER_CS;
    f->eflags = 0x202; /* IF, and the always-one bit */
    f->esp = sp;
    f->ss = f->ds = f->es = USER_DS;
    frame_enter(f);
}
