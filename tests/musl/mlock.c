/* Proves the mlock family as Linux's, seen through /proc/self/status's VmLck (locked pages,
 * each counted once): mlock rounds its range out to whole pages, locks up to a hole and then
 * says ENOMEM, and locks a PROT_NONE page but says ENOMEM (it cannot be faulted in); a lock
 * lasts through mprotect and a move by mremap, a grown locked mapping is locked, munmap and
 * munlock end it; madvise drops a locked page's memory only for MADV_DONTNEED_LOCKED; mlock2's
 * one flag, mlockall's three (MCL_FUTURE locks the mappings made after it: mmap's and
 * mremap's; the stack grows locked only once it is locked), and MAP_LOCKED. Then, without
 * CAP_IPC_LOCK (as nobody), RLIMIT_MEMLOCK: EPERM when it is 0, ENOMEM past it (what is already
 * locked is not counted twice), EAGAIN for a mapping that MAP_LOCKED or MCL_FUTURE would take past
 * it, and brk's growth refused. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define P 4096
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif

static long base;
static int status;

/* VmLck in pages, less what was locked when the test began. Read without malloc, whose own
 * mappings MCL_FUTURE would lock (or refuse past the limit). */
static long locked(void)
{
    static char buf[4096];
    long n = pread(status, buf, sizeof buf - 1, 0);
    char *at = n > 0 ? (buf[n] = 0, strstr(buf, "VmLck:")) : 0;
    return at ? atol(at + 6) / 4 - base : -1000;
}

static char *anon(long pages, int flags)
{
    char *p =
        mmap(0, pages * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    return p == MAP_FAILED ? 0 : p;
}

/* Uses n pages of stack, each written. */
__attribute__((noinline)) static int deep(int n)
{
    volatile char page[P];
    page[0] = page[P - 1] = (char)n;
    return n ? deep(n - 1) + page[0] : 0;
}

#define L(call) (show(#call, (long)(call), 0), printf("  locked: %ld\n", locked()))

int main(void)
{
    status = open("/proc/self/status", O_RDONLY);
    base = locked();
    char *p = anon(9, 0);
    if (!p)
        return 2;
    munmap(p + 8 * P, P); /* a hole above */
    printf("start: %ld\n", locked());
    L(mlock(p, 0));
    L(mlock(p + 100, P)); /* two pages, rounded out */
    L(mlock(p, 2 * P));   /* already locked: counted once */
    L(munlock(p, P));
    L(mlock(p, -(long)P));
    L(mlock(p + 8 * P, P));
    munmap(p + 5 * P, P);
    L(mlock(p + 4 * P, 3 * P)); /* page 4 locked, then the hole */
    L(munlock(p, 8 * P));
    L(mprotect(p, P, PROT_NONE));
    L(mlock(p, P)); /* PROT_NONE too */
    L(mprotect(p, P, PROT_READ));
    L(mlock(p + 2 * P, 2 * P));
    T(madvise(p + 2 * P, P, MADV_DONTNEED)); /* Linux keeps a locked page's memory */
    T(madvise(p + 2 * P, P, MADV_COLD));
    T(madvise(p + 2 * P, P, MADV_WILLNEED));
    p[2 * P] = 1;
    T(madvise(p + 2 * P, P, MADV_DONTNEED_LOCKED));
    printf("after MADV_DONTNEED_LOCKED: %d\n", p[2 * P]);
    L(mprotect(p + 2 * P, 2 * P, PROT_NONE)); /* still locked */
    L(mprotect(p + 2 * P, 2 * P, PROT_READ | PROT_WRITE));
    L(munmap(p + 3 * P, P));
    char *q = mremap(p + 2 * P, P, 3 * P, MREMAP_MAYMOVE); /* moved, grown: all locked */
    printf("mremap: %s\n  locked: %ld\n", q == MAP_FAILED ? "failed" : "moved", locked());
    L(munmap(q, 3 * P));
    L(munlock(p, 2 * P));
    L(syscall(SYS_mlock2, p, P, MLOCK_ONFAULT));
    L(syscall(SYS_mlock2, p, P, 2));
    L(munlock(p, P));

    L(mlockall(0));
    L(mlockall(MCL_ONFAULT));
    L(mlockall(8));
    L(mlockall(MCL_FUTURE));
    char *f = anon(3, 0);
    printf("mmap after MCL_FUTURE: locked: %ld\n", locked());
    char *g = mremap(f, 3 * P, 5 * P, MREMAP_MAYMOVE);
    printf("mremap after MCL_FUTURE: locked: %ld\n", g == MAP_FAILED ? -1 : locked());
    long was = locked();
    deep(64); /* the stack's mapping was there before: it grows unlocked */
    printf("stack grown after MCL_FUTURE: %s\n", locked() == was ? "not locked" : "locked");
    L(munlockall());
    char *h = anon(2, 0);
    printf("mmap after munlockall: locked: %ld\n", locked());
    T(mlockall(MCL_CURRENT));
    printf("all locked: %s\n", locked() + base > 0 ? "yes" : "no");
    was = locked();
    char *i = anon(2, 0);
    printf("mmap after MCL_CURRENT: %s\n", locked() == was ? "not locked" : "locked");
    deep(128); /* the stack's mapping is locked now: it grows locked */
    printf("stack grown after MCL_CURRENT: %s\n", locked() > was ? "locked" : "not locked");
    L(munlockall());
    char *m = anon(3, MAP_LOCKED);
    printf("MAP_LOCKED: locked: %ld\n", m ? locked() : -1);
    munmap(g, 5 * P), munmap(h, 2 * P), munmap(i, 2 * P);
    printf("unmapped: locked: %ld\n", locked());

    /* Without CAP_IPC_LOCK: nobody, with a limit of 4 pages (3 are locked: m's). */
    struct rlimit lim = {4 * P, 4 * P};
    if (setrlimit(RLIMIT_MEMLOCK, &lim) || setuid(65534))
        return 3;
    L(mlock(p, 2 * P)); /* 3 + 2 > 4 */
    L(mlock(p, P));
    L(mlock(m, 3 * P)); /* all locked already */
    L(mlock(p, 2 * P)); /* 4 + 1 (one is locked) > 4 */
    printf("MAP_LOCKED past the limit: %s\n", anon(1, MAP_LOCKED) ? "mapped" : errname(errno));
    L(mlockall(MCL_CURRENT));
    L(mlockall(MCL_FUTURE));
    printf("mmap past the limit: %s\n", anon(1, 0) ? "mapped" : errname(errno));
    long brk0 = syscall(SYS_brk, 0); /* libc's brk is no use to a program (musl's fails) */
    printf("brk past the limit: %s\n",
           syscall(SYS_brk, brk0 + 2 * P) == brk0 ? "refused" : "grown");
    L(munlockall());
    L(munmap(m, 3 * P));
    printf("MAP_LOCKED within the limit: %s\n", anon(3, MAP_LOCKED) ? "mapped" : errname(errno));
    lim.rlim_cur = 0;
    setrlimit(RLIMIT_MEMLOCK, &lim);
    L(mlock(p, P));
    L(munlock(p, P));
    L(mlockall(MCL_FUTURE));
    L(munlockall());
    return 0;
}
