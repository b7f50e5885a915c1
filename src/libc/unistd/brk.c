/* brk.c: brk() and sbrk(), which track the break the kernel last granted. */
#include "syscall.h"
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

/* Linux's brk returns the new break, or the old one when it refuses to move. */
static uintptr_t cur_brk;

int brk(void *addr)
{
    uintptr_t r = (uintptr_t)__syscall(SYS_brk, addr);

    if (r != (uintptr_t)addr) {
        errno = ENOMEM;
        return -1;
    }
    cur_brk = r;
    return 0;
}

void *sbrk(intptr_t increment)
{
    uintptr_t old;

    if (!cur_brk)
        cur_brk = (uintptr_t)__syscall(SYS_brk, 0);
    old = cur_brk;
    if (increment && brk((void *)(old + (uintptr_t)increment)))
        return (void *)-1;
    return (void *)old;
}
