/* syscall.c: syscall(nr, ...): any syscall by number, six arguments, errno on failure. */
#include "syscall.h"
#include <stdarg.h>
#include <unistd.h>

long syscall(long nr, ...)
{
    va_list ap;
    long a, b, c, d, e, f;

    /* Reading six longs whatever the caller passed, as musl does: on i386 they are stack
     * words, on x86_64 register save slots or stack words; the kernel ignores the extra. */
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
