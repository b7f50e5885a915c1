/* Proves unknown syscall numbers (999, 500, 0x7fffffff, 0xffffffff) and the numbers Linux
 * names but never implemented (17 break, 31 stty, the hole 222) return -ENOSYS and the app
 * carries on; the kernel logs each number once, with Linux's name for it where there is one. */
#include "raw.h"

int main(void)
{
    show("syscall 999", sys0(999));
    show("syscall 999 again", sys0(999));
    show("syscall 500", sys0(500));
    show("syscall 17 (break)", sys0(17));
    show("syscall 17 (break) again", sys0(17));
    show("syscall 31 (stty)", sys0(31));
    show("syscall 222 (a hole)", sys0(222));
    show("syscall 0x7fffffff", sys0(0x7fffffff));
    show("syscall 0xffffffff", sys0(0xffffffffu));
    show("getpid still works", sys0(__NR_getpid) > 0 ? 0 : -1);
    return 0;
}
