/* The first entry into ring 3: a hand-made trap frame, left through the common iretq path. */
#include "arch/x86/64/idt.h"
#include "arch/x86/64/segments.h"
#include "kernel/string.h"
#include <mode/frame.h>

void user_enter(uint64_t entry, uint64_t sp)
{
    struct trap_frame *f = frame_user();
    memset(f, 0, sizeof(*f));
    f->rip = entry;
    f->cs = USER_CS;
    f->rflags = 0x202; /* IF, and the always-one bit */
    f->rsp = sp;
    f->ss = USER_DS;
    syscall_entry_select(); /* the exit work is set by now */
    frame_enter(f);
}
