/* demo.c: moat's demo app: shows a newcomer what the kernel does for a ring-3 app. */
#include "demo.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int failures;

int demo_check(int ok, const char *what)
{
    printf("  %s %s\n", ok ? "ok:  " : "FAIL:", what);
    return !ok;
}

static void check(int ok, const char *what)
{
    failures += demo_check(ok, what);
}

static void show_args(int argc, char **argv)
{
    printf("I was started with %d argument%s:\n", argc, argc == 1 ? "" : "s");
    for (int i = 0; i < argc; i++)
        printf("  argv[%d] = \"%s\"\n", i, argv[i]);
}

static void show_syscalls(void)
{
    struct utsname u;
    struct timespec t0, t1;

    printf("Asking the kernel, one int $0x80 at a time:\n");
    printf("  getpid() = %d\n", (int)getpid());
    if (uname(&u) == 0)
        printf("  uname()  = %s %s (%s)\n", u.sysname, u.release, u.machine);
    else
        perror("  uname");
    if (clock_gettime(CLOCK_MONOTONIC, &t0) == 0 && clock_gettime(CLOCK_MONOTONIC, &t1) == 0) {
        printf("  clock_gettime(CLOCK_MONOTONIC) = %ld.%09ld s\n", (long)t1.tv_sec, t1.tv_nsec);
        check(t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec),
              "the monotonic clock does not go backwards");
    } else {
        perror("  clock_gettime");
    }
}

static void show_memory(void)
{
    void *brk0 = sbrk(0);
    size_t small_n = 100, big_n = 1 << 20;
    char *small, *big;
    size_t i;

    printf("Memory: the heap starts at the break, %p\n", brk0);
    small = malloc(small_n);
    big = malloc(big_n); /* big enough to get its own mmap'd pages */
    check(small && big, "malloc(100) and malloc(1 MiB) succeed");
    if (!small || !big)
        return;
    printf("  small block at %p, big block at %p\n", (void *)small, (void *)big);
    printf("  the break moved by %ld bytes\n", (long)((char *)sbrk(0) - (char *)brk0));
    check(((uintptr_t)small | (uintptr_t)big) % 16 == 0, "blocks are 16-byte aligned");
    memset(small, 'a', small_n);
    for (i = 0; i < big_n; i++)
        big[i] = (char)(i * 7);
    for (i = 0; i < big_n && big[i] == (char)(i * 7); i++)
        ;
    check(i == big_n, "every byte of the big block reads back what was written");
    small = realloc(small, 1000);
    check(small && small[0] == 'a' && small[small_n - 1] == 'a', "realloc keeps the contents");
    free(small);
    free(big);
    printf("  freed both blocks\n");
}

int main(int argc, char **argv)
{
    printf("Hello from ring 3! This is moat's demo app.\n");
    show_args(argc, argv);
    show_syscalls();
    show_memory();
    failures += demo_faults();
    failures += demo_timer();
    if (failures) {
        printf("%d check%s failed.\n", failures, failures == 1 ? "" : "s");
        return 1;
    }
    printf("All checks passed. Exiting with status 0.\n");
    return 0;
}
