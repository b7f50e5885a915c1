/* syscall.c: syscall(nr, ...): any syscall by number, six arguments, errno on failure. */
#include "syscall.h"
#include <stdarg.h>
#include <unistd.h>

long syscall(long nr, ...)
{
    va_list ap;
    long a, b, c, d, e, f;

    /* Reading six longs is fine whatever the caller passed: the i386 ABI is all on stack. */
    va_start(ap, nr);
    a = va_arg(ap, long);
    b = va_arg(ap, long);
    c = va_arg(ap, long);
    d = va_arg(ap, long);
    e = va_arg(ap, long);
    f = va_arg(ap, long);
    va_end(ap);
    return __syscall_ret((unsigned long)__syscall6(nr, a, b, c, d, e, f));
}
