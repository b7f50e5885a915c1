/* Proves unknown syscall numbers (999, 500, 0x7fffffff, 0xffffffff) return -ENOSYS and the
 * app carries on; the kernel names each number on the console. */
#include "raw.h"

int main(void)
{
    show("syscall 999", sys0(999));
    show("syscall 999 again", sys0(999));
    show("syscall 500", sys0(500));
    show("syscall 0x7fffffff", sys0(0x7fffffff));
    show("syscall 0xffffffff", sys0(0xffffffffu));
    show("getpid still works", sys0(NR_getpid) > 0 ? 0 : -1);
    return 0;
}
