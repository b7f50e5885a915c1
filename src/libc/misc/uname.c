/* uname.c: uname(2) (Linux's newuname, six 65-byte fields). */
#include "syscall.h"
#include <sys/utsname.h>

int uname(struct utsname *buf)
{
    return (int)__syscall_ret((unsigned long)__syscall(SYS_uname, buf));
}
