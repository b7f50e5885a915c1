/* Proves address-space randomisation: with "norandmaps" the stack, the mmap base and the heap
 * start sit at their fixed places; without it, they move (all three at their fixed places by
 * chance: about 1 in 4.3 billion; any one alone is likelier, so the test asks about all three).
 * Also that AT_RANDOM's 16 bytes are not all zero. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

/* moat's layout without randomisation (src/kernel/exec.c, src/kernel/mm.h): the stack starts
 * below the ABI's pages, i386's vsyscall page or x86_64's vDSO (its one image page, and the
 * clock page below it: src/abi/x86_64/vdso.c). */
#ifdef __x86_64__
#define STACK_TOP 0x7FFFFFFFD000ul
#else
#define STACK_TOP 0xBFFFF000u
#endif
#define MMAP_BASE (STACK_TOP - (8u << 20) - (1u << 20))

int main(int argc, char **argv)
{
    (void)argc;
    uintptr_t stack_page = ((uintptr_t)argv[0] + 4095) & ~(uintptr_t)4095;
    uintptr_t map = (uintptr_t)mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t brk0 = (uintptr_t)sbrk(0);
    extern char _end[];
    uintptr_t end_page = ((uintptr_t)_end + 4095) & ~(uintptr_t)4095;
    const uint8_t *rnd = (const uint8_t *)getauxval(AT_RANDOM);
    int fixed = (stack_page == STACK_TOP) + (map == MMAP_BASE - 4096) + (brk0 == end_page);
    int zero = 1;
    for (int i = 0; i < 16; i++)
        zero &= rnd[i] == 0;
    printf("AT_RANDOM all zero: %s\n", zero ? "yes" : "no");
    printf("all three at their fixed places: %s\n", fixed == 3 ? "yes" : "no");
    return 0;
}
