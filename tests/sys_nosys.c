/* Proves unknown syscall numbers (999, 500, 0x7fffffff, 0xffffffff) and the numbers Linux
 * names but never implemented (i386: 17 break, 31 stty, the hole 222; x86_64: 177
 * get_kernel_syms, 184 tuxcall, the hole 400) return -ENOSYS and the app carries on; the
 * kernel logs each number once, with Linux's name for it where there is one. On x86_64, the
 * numbers past the hole that moat's table leaves out (439) reach their calls, with the upper
 * half of rax set too. */
#include "raw.h"

#ifdef __x86_64__
#define NAMED1 177
#define NAMED1_TEXT "syscall 177 (get_kernel_syms)"
#define NAMED2 184
#define NAMED2_TEXT "syscall 184 (tuxcall)"
#define HOLE 400
#define HOLE_TEXT "syscall 400 (a hole)"
#else
#define NAMED1 17
#define NAMED1_TEXT "syscall 17 (break)"
#define NAMED2 31
#define NAMED2_TEXT "syscall 31 (stty)"
#define HOLE 222
#define HOLE_TEXT "syscall 222 (a hole)"
#endif

int main(void)
{
    show("syscall 999", sys0(999));
    show("syscall 999 again", sys0(999));
    show("syscall 500", sys0(500));
    show(NAMED1_TEXT, sys0(NAMED1));
    show(NAMED1_TEXT " again", sys0(NAMED1));
    show(NAMED2_TEXT, sys0(NAMED2));
    show(HOLE_TEXT, sys0(HOLE));
    show("syscall 0x7fffffff", sys0(0x7fffffff));
    show("syscall 0xffffffff", sys0(0xffffffffu));
#ifdef __x86_64__
    /* past the hole, and with the upper half set (the number is an int) */
    show("syscall 439 (faccessat2 of /)", sys6(439, -100, (long)"/", 0, 0, 0, 0));
    show("syscall 0x1000001b7 (faccessat2 of /)",
         sys6(0x100000000l | 439, -100, (long)"/", 0, 0, 0, 0));
    show("syscall 0x100000027 (getpid)", sys0(0x100000000l | __NR_getpid) > 0 ? 0 : -1);
#endif
    show("getpid still works", sys0(__NR_getpid) > 0 ? 0 : -1);
    return 0;
}
