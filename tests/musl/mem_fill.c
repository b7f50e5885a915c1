/* The app gets the machine's memory, up to what its 3 GiB of user space holds: mmap as much
 * as it will give (64 MiB at a time, then 1 MiB), check that every page starts zeroed, write
 * each page's own number into it and read them all back, so that no two pages share a frame
 * (a frame above 4 GiB must not alias one below). Usage: mem_fill MIN_MIB. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define PAGE 4096u
#define MAX_CHUNKS 4096

static struct chunk {
    uint32_t *p;
    size_t len;
} chunks[MAX_CHUNKS];
static int nchunks;

static size_t grab(size_t len)
{
    size_t total = 0;
    while (nchunks < MAX_CHUNKS) {
        void *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            break;
        chunks[nchunks++] = (struct chunk){p, len};
        total += len;
    }
    return total;
}

int main(int argc, char **argv)
{
    unsigned min_mib = argc > 1 ? (unsigned)atoi(argv[1]) : 0;
    size_t total = grab(64u << 20);
    total += grab(1u << 20);
    unsigned mib = (unsigned)(total >> 20);
    printf("mapped at least %u MiB: %s\n", min_mib, mib >= min_mib ? "yes" : "no");
    if (mib < min_mib)
        printf("  (only %u MiB)\n", mib);

    uint32_t n = 0, zero = 1, distinct = 1;
    for (int c = 0; c < nchunks; c++)
        for (size_t off = 0; off < chunks[c].len; off += PAGE, n++) {
            uint32_t *w = chunks[c].p + off / 4;
            zero &= w[0] == 0 && w[PAGE / 4 - 1] == 0;
            w[0] = n;
            w[PAGE / 4 - 1] = ~n;
        }
    n = 0;
    for (int c = 0; c < nchunks; c++)
        for (size_t off = 0; off < chunks[c].len; off += PAGE, n++) {
            uint32_t *w = chunks[c].p + off / 4;
            distinct &= w[0] == n && w[PAGE / 4 - 1] == ~n;
        }
    printf("every page zeroed: %s\n", zero ? "yes" : "no");
    printf("every page its own: %s\n", distinct ? "yes" : "no");
    for (int c = 0; c < nchunks; c++)
        munmap(chunks[c].p, chunks[c].len);
    nchunks = 0;
    size_t again = grab(64u << 20); /* musl's mmap refuses 2 GiB or more in one go */
    again += grab(1u << 20);
    printf("all of it again after munmap: %s\n", again == total ? "yes" : "no");
    return 0;
}
