/* Proves a sysfs folder that memory ran short for while it was being filled is filled whole at
 * a later look, once memory is back: with the frames all taken (populated mappings), listing
 * /sys/dev/char, /sys/class/tty and /sys/devices/virtual/mem falls short; once they are given
 * back, each lists all its entries. Before, the first fill's part stayed the folder's for good
 * (dev/char kept 6 of its 13 links), so mdev -s missed devices. moat-only: on Linux the test
 * would wake the OOM killer. */
#define _GNU_SOURCE
#include "report.h"
#include <dirent.h>
#include <sys/mman.h>

#define BIG 4096
#define SMALL 100000

static void *big[BIG], *small[SMALL];

/* A folder's entries, "." and ".." among them, or -errno. */
static int count(const char *path)
{
    DIR *d = opendir(path);
    int n = 0;
    if (!d)
        return -errno;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static void *page_run(size_t len)
{
    return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1,
                0);
}

/* The stack's pages for what comes, made now: with every frame taken, a stack that must grow
   (as where ASLR put its top decides) would be a SIGSEGV, not a short listing. */
__attribute__((noinline)) static void stack_ready(void)
{
    volatile char pad[32768];
    for (size_t i = 0; i < sizeof(pad); i += 4096)
        pad[i] = 0;
}

int main(void)
{
    int nb = 0, ns = 0;
    stack_ready();
    while (nb < BIG && (big[nb] = page_run(1 << 20)) != MAP_FAILED)
        nb++;
    while (ns < SMALL && (small[ns] = page_run(4096)) != MAP_FAILED)
        ns++;
    if (ns)
        munmap(small[--ns], 4096); /* a page for the kernel to start with */
    int chars = count("/sys/dev/char");
    count("/sys/class/tty");
    count("/sys/devices/virtual/mem");
    for (int i = 0; i < nb; i++)
        munmap(big[i], 1 << 20);
    for (int i = 0; i < ns; i++)
        munmap(small[i], 4096);
    printf("memory short: dev/char %s\n", chars < 15 ? "short" : "whole");
    printf("memory back: dev/char %d, class/tty %d, devices/virtual/mem %d\n",
           count("/sys/dev/char"), count("/sys/class/tty"), count("/sys/devices/virtual/mem"));
    return 0;
}
