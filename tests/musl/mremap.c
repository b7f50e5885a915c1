/* Proves mremap as Linux's: shrinking in place unmaps the tail; growing in place takes the
 * free pages above (zeros); where they are not free it is ENOMEM, unless MREMAP_MAYMOVE moves
 * the pages (their data along, the old range unmapped, the rights kept) to a free range or to
 * MREMAP_FIXED's address (what was there replaced); MREMAP_DONTUNMAP leaves the old range
 * mapped, reading zeros. The errors in Linux's order: EINVAL (unknown flags, FIXED or
 * DONTUNMAP without MAYMOVE, DONTUNMAP resizing, an unaligned address, a zero length,
 * overlapping ranges), EFAULT (nothing mapped at the address, a range over two mappings).
 * And libc's realloc of a large block, which moves it with mremap, keeps its bytes. */
#define _GNU_SOURCE
#include "report.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define P 4096

static int holds(const unsigned char *p, long n, int seed)
{
    for (long i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 13 + seed))
            return 0;
    return 1;
}

static void fill(unsigned char *p, long n, int seed)
{
    for (long i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 13 + seed);
}

static int zeros(const unsigned char *p, long n)
{
    for (long i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

/* Is the page at p mapped? mprotect to its own rights says (ENOMEM for a hole). */
static const char *mapped(void *p, int prot)
{
    return mprotect(p, P, prot) == 0 ? "mapped" : errno == ENOMEM ? "unmapped" : errname(errno);
}

static unsigned char *anon(long pages)
{
    return mmap(0, pages * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* Below the lowest address a mapping may have (moat's 64 KiB, Debian's vm.mmap_min_addr):
   EPERM, as mmap's MAP_FIXED, and nothing moved. */
static int low(void)
{
    unsigned char *p = anon(2);
    fill(p, 2 * P, 5);
    T(mremap(p, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0x1000));
    T(mremap(p, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0xf000));
    T(mmap((void *)0x1000, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    printf("the mapping: %s\n", holds(p, 2 * P, 5) ? "where it was" : "WRONG");
    /* Moves that fail for want of memory leave the free space as it was: the next mapping
       goes right below the last one, as before. */
    unsigned char *big = anon(60 << 8); /* 60 MiB of moat's 128 */
    int failed = 0;
    for (int i = 0; i < 40; i++)
        failed += mremap(big, 60 << 20, 140 << 20, MREMAP_MAYMOVE) == MAP_FAILED && errno == ENOMEM;
    unsigned char *next = anon(256);
    printf("%d moves too big for memory: ENOMEM; the next mapping %s\n", failed,
           next == big - (1 << 20) ? "right below the last" : "ELSEWHERE");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "low"))
        return low();
    int rw = PROT_READ | PROT_WRITE;
    unsigned char *p = anon(4);
    fill(p, 4 * P, 1);
    printf("shrink: %s\n", mremap(p, 4 * P, 2 * P, 0) == p ? "in place" : "WRONG");
    printf("  data %s, the tail %s\n", holds(p, 2 * P, 1) ? "kept" : "WRONG",
           mapped(p + 2 * P, rw));
    unsigned char *q = mremap(p, 2 * P, 4 * P, 0);
    printf("grow into free pages: %s\n", q == p ? "in place" : errname(errno));
    printf("  data %s, the new pages %s\n", holds(p, 2 * P, 1) ? "kept" : "WRONG",
           zeros(p + 2 * P, 2 * P) ? "zeros" : "WRONG");

    mprotect(p + 3 * P, P, PROT_NONE); /* another mapping above the first three pages */
    q = mremap(p, 3 * P, 4 * P, 0);
    printf("grow into another mapping: %s\n", q == MAP_FAILED ? errname(errno) : "WRONG");
    q = mremap(p, 3 * P, 5 * P, MREMAP_MAYMOVE);
    printf("grow, may move: %s\n", q == MAP_FAILED ? errname(errno) : q != p ? "moved" : "WRONG");
    if (q != MAP_FAILED) {
        printf("  data %s, the new pages %s, the old range %s, the next mapping %s\n",
               holds(q, 2 * P, 1) ? "kept" : "WRONG", zeros(q + 3 * P, 2 * P) ? "zeros" : "WRONG",
               mapped(p, rw), mapped(p + 3 * P, PROT_NONE));
        fill(q, 5 * P, 2);
    }

    unsigned char *t = anon(2);
    fill(t, 2 * P, 3);
    unsigned char *r = mremap(q, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t);
    printf("fixed: %s\n", r == t ? "at the address" : r == MAP_FAILED ? errname(errno) : "WRONG");
    printf("  data %s, the old range %s\n", holds(t, 2 * P, 2) ? "moved there" : "WRONG",
           mapped(q, rw));

    r = mremap(t, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
    printf("dontunmap: %s\n", r == MAP_FAILED ? errname(errno) : r != t ? "moved" : "WRONG");
    if (r != MAP_FAILED)
        printf("  data %s, the old range %s and %s\n", holds(r, 2 * P, 2) ? "kept" : "WRONG",
               mapped(t, rw), zeros(t, 2 * P) ? "zeros" : "WRONG");

    printf("errors:\n");
    unsigned char *e = anon(2);
    T(mremap(e, P, P, 8));
    T(mremap(e, P, 2 * P, MREMAP_FIXED, e + 8 * P));
    T(mremap(e, P, P, MREMAP_DONTUNMAP));
    T(mremap(e, P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP));
    T(mremap(e + 1, P, P, 0));
    T(mremap(e, P, 0, 0));
    T(mremap(e, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, e + P));
    munmap(e + P, P);
    T(mremap(e + P, P, 2 * P, MREMAP_MAYMOVE));
    unsigned char *m = anon(2);
    mprotect(m + P, P, PROT_READ);
    T(mremap(m, 2 * P, 4 * P, MREMAP_MAYMOVE)); /* two mappings: read-write, read-only */

    size_t big = 1 << 20;
    unsigned char *b = malloc(big);
    fill(b, (long)big, 4);
    b = realloc(b, 8 * big);
    printf("realloc of a large block: %s\n", b && holds(b, (long)big, 4) ? "bytes kept" : "WRONG");
    free(b);
    return 0;
}
