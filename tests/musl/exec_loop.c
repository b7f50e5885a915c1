/* Proves execve leaks no memory: the program runs itself 300 times (its count in argv[1]) and
 * compares the free memory (sysinfo) the second run saw with what the last one sees; they must
 * agree within 64 KiB, which the new programs' own layouts (randomised: some need a page table
 * more than others) stay inside, where a leak of a page per execve would be 1.2 MiB. On x86_64
 * each run also maps a page of its own four times where the vDSO was (unmapping it first):
 * those frames are the app's, freed as any other. moat only: on Linux, other processes move
 * the free memory at will. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <unistd.h>

/* x86_64 only: an i386 musl program makes its system calls through the vsyscall page. */
static void remap_abi_page(void)
{
#ifdef __x86_64__
    char *abi = (char *)getauxval(AT_SYSINFO_EHDR);
    for (int i = 0; i < 4; i++) {
        munmap(abi, 4096);
        char *p =
            mmap(abi, 4096, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED)
            *p = 1;
    }
#endif
}

#define RUNS 300

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    struct sysinfo si;
    sysinfo(&si);
    unsigned long long free_kib = (unsigned long long)si.freeram * si.mem_unit / 1024;
    unsigned long long first = argc > 2 ? strtoull(argv[2], 0, 10) : free_kib;
    if (n == RUNS) {
        long long diff = (long long)first - (long long)free_kib;
        printf("%d runs: free memory as after the first: %s\n", RUNS,
               diff < 64 && diff > -64 ? "yes" : "no");
        if (diff >= 64 || diff <= -64)
            printf("first %llu KiB, last %llu KiB\n", first, free_kib);
        return 0;
    }
    remap_abi_page();
    char count[16], mem[32];
    snprintf(count, sizeof(count), "%d", n + 1);
    snprintf(mem, sizeof(mem), "%llu", n >= 1 ? first : free_kib);
    char *args[] = {argv[0], count, mem, NULL}, *env[] = {NULL};
    execve("/init", args, env);
    perror("execve");
    return 1;
}
