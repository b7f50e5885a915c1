/* System call arguments at their edges give Linux's errors: wrapping lengths, huge counts,
 * unknown flag bits and clamped times. With no argument it checks what Linux i386 and the
 * IA32 emulation of an x86_64 Linux agree on (so it also runs on the host); with "i386" the
 * cases where a 32-bit kernel differs (its user space ends at 3 GiB, its size_t and long are
 * 32 bits), each as arch/x86 and mm/ in Linux i386 decide it. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096u
/* Linux i386's numbers, spelled out; on x86_64 (the common cases only) its own, and mmap for
 * mmap2 (every offset here is 0). */
#ifdef __x86_64__
#define NR_alarm SYS_alarm
#define NR_getitimer SYS_getitimer
#define NR_mmap2 SYS_mmap
#else
#define NR_alarm 27
#define NR_getitimer 105
#define NR_mmap2 192
#endif
#ifndef PROT_SEM
#define PROT_SEM 0x8
#endif

static const char *errname(int e)
{
    switch (e) {
    case EPERM:
        return "EPERM";
    case EINTR:
        return "EINTR";
    case EBADF:
        return "EBADF";
    case ENOMEM:
        return "ENOMEM";
    case EFAULT:
        return "EFAULT";
    case EINVAL:
        return "EINVAL";
    case ENOSYS:
        return "ENOSYS";
    case EOVERFLOW:
        return "EOVERFLOW";
    default:
        return "other";
    }
}

/* A raw call's result: the number, or the errno's name. */
static void show(const char *what, long r)
{
    if (r == -1)
        printf("%s = %s\n", what, errname(errno));
    else
        printf("%s = %ld\n", what, r);
}

static void common(char *rw, char *gone)
{
    /* mprotect: a length that wraps once page-rounded is ENOMEM; PROT_SEM is allowed; a zero
       length succeeds before prot is looked at; PROT_GROWSDOWN needs a stack. The lengths
       are size_t's -1 and -4095 (0xffffffff and 0xfffff001 on i386), so they wrap on x86_64
       too. */
    show("mprotect(rw, 0xffffffff, r)", syscall(SYS_mprotect, rw, (size_t)-1, PROT_READ));
    show("mprotect(rw, 0xfffff001, r)", syscall(SYS_mprotect, rw, (size_t)-4095, PROT_READ));
    show("mprotect(rw, 1 page, rw|PROT_SEM)",
         syscall(SYS_mprotect, rw, PAGE, PROT_READ | PROT_WRITE | PROT_SEM));
    show("mprotect(rw, 0, 0x80)", syscall(SYS_mprotect, rw, 0, 0x80));
    show("mprotect(rw, 1 page, 0x80)", syscall(SYS_mprotect, rw, PAGE, 0x80));
    show("mprotect(rw, 1 page, GROWSDOWN|GROWSUP)",
         syscall(SYS_mprotect, rw, PAGE, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP));
    show("mprotect(rw, 1 page, r|GROWSDOWN) (not a stack)",
         syscall(SYS_mprotect, rw, PAGE, PROT_READ | PROT_GROWSDOWN));
    volatile char here = 0;
    char *sp_page = (char *)((uintptr_t)&here & ~(uintptr_t)(PAGE - 1));
    show("mprotect(stack page, 1 page, rw|GROWSDOWN)",
         syscall(SYS_mprotect, sp_page, PAGE, PROT_READ | PROT_WRITE | PROT_GROWSDOWN));
    here = 1; /* still writable */

    /* mmap ignores prot bits it does not know; munmap's length must fit. */
    long p = syscall(NR_mmap2, 0, PAGE, PROT_READ | PROT_WRITE | 0x80 | PROT_SEM,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap2(prot rw|0x80|PROT_SEM) = %s\n", p == -1 ? errname(errno) : "address");
    if (p != -1) {
        *(volatile char *)p = 1;
        printf("  and it is writable\n");
        munmap((void *)p, PAGE);
    }
    show("munmap(rw, 0xffffffff)", syscall(SYS_munmap, rw, (size_t)-1));

    /* read/write: a count no user buffer can hold is EFAULT before it is EINVAL. */
    show("write(1, unmapped, 0xffffffff)", syscall(SYS_write, 1, gone, (size_t)-1));
    show("write(1, unmapped, 0x80000000)", syscall(SYS_write, 1, gone, 0x80000000u));
    show("write(1, unmapped, 1)", syscall(SYS_write, 1, gone, 1));
    show("write(1, NULL, 0)", syscall(SYS_write, 1, 0, 0));
    /* writev: every iovec's length is checked before any address. */
    struct iovec iov[2] = {{gone, 1}, {rw, (size_t)-1}};
    show("writev({unmapped, 1}, {rw, -1})", syscall(SYS_writev, 1, iov, 2));

    /* alarm: what is left comes back, rounded to the second. */
    syscall(NR_alarm, 1000u);
    show("alarm(1000); alarm(0)", syscall(NR_alarm, 0));
}

/* Where Linux i386 differs from IA32 emulation on x86_64. */
static void i386_only(char *rw, char *gone)
{
    /* A 32-bit size_t: the count passes access_ok only if it fits below 3 GiB. */
    show("write(1, rw, 0xffffffff)", syscall(SYS_write, 1, rw, 0xFFFFFFFFu));
    show("write(1, rw, 0x80000000)", syscall(SYS_write, 1, rw, 0x80000000u));
    show("write(1, 0xd0000000, 0)", syscall(SYS_write, 1, 0xD0000000u, 0));
    show("read(0, unmapped, 0xffffffff)", syscall(SYS_read, 0, gone, 0xFFFFFFFFu));
    show("read(0, rw, 0xc0000000)", syscall(SYS_read, 0, rw, 0xC0000000u));
    /* A 32-bit long: alarm clamps to INT_MAX seconds (alarm_setitimer). */
    syscall(NR_alarm, 0xFFFFFFFFu);
    int32_t it[4];
    syscall(NR_getitimer, 0, it);
    const char *sec = it[2] >= 0x7FFFFFF0 ? "near INT_MAX" : "other";
    printf("alarm(0xffffffff): getitimer tv_sec %s\n", it[2] < 0 ? "negative" : sec);
    show("alarm(0)", syscall(NR_alarm, 0));
    /* mmap2: pgoff plus the length in pages must not wrap, anonymous or not. */
    show("mmap2(anonymous, pgoff 0xffffffff)",
         syscall(NR_mmap2, 0, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0xFFFFFFFFu));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char *rw = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *gone = rw + PAGE;
    munmap(gone, PAGE);
    if (argc > 1 && !strcmp(argv[1], "i386"))
        i386_only(rw, gone);
    else
        common(rw, gone);
    return 0;
}
