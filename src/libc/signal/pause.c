/* pause.c: pause(2): sleep until a signal's handler has run; always -1 with EINTR. */
#include "syscall.h"
#include <unistd.h>

int pause(void)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_pause));
}
