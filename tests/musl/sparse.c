/* Proves munmap and madvise over a vast, empty stretch of x86_64's user space return at once
 * with Linux's results (munmap: 0, madvise: ENOMEM for the hole), instead of walking its 2^34
 * pages one by one with interrupts off (found by the x86_64 fuzzer). The stretch, 64 TiB from
 * 4 GiB up, holds nothing of the app's: its image, heap, mmaps, stack and vDSO lie elsewhere. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define START ((void *)0x100000000ul)
#define SPAN 0x400000000000ul

int main(void)
{
    int r = munmap(START, SPAN);
    printf("munmap(4 GiB, 64 TiB) -> %d\n", r);
    errno = 0;
    r = madvise(START, SPAN, MADV_NORMAL);
    printf("madvise(4 GiB, 64 TiB, MADV_NORMAL) -> %d %s\n", r, errno == ENOMEM ? "ENOMEM" : "");
    errno = 0;
    r = madvise(START, SPAN, MADV_DONTNEED);
    printf("madvise(4 GiB, 64 TiB, MADV_DONTNEED) -> %d %s\n", r, errno == ENOMEM ? "ENOMEM" : "");
    char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(p, "still here");
    printf("memory afterwards: %s\n", p);
    return 0;
}
