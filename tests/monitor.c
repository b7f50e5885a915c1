/* The app a monitor check runs against: it touches its heap, stack and an mmap (so they are
   mapped), says "monitor: check", then computes in ring 3 for about 1.5 s while the test
   runner stops the CPU there and reads the page tables through QEMU's monitor. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
    char *heap = malloc(1 << 16);
    char *map = mmap(0, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile char stack[8192];
    memset(heap, 1, 1 << 16);
    memset(map, 2, 1 << 16);
    stack[0] = stack[8191] = 3;
    printf("monitor: check\n");
    fflush(stdout);
    volatile uint32_t x = 0;
    for (double end = seconds() + 1.5; seconds() < end;)
        for (int i = 0; i < (1 << 20); i++)
            x = x * 1664525u + 1013904223u;
    printf("done\n");
    return 0;
}
