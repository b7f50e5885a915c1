/* Proves execve ends mlockall's locks and its MCL_FUTURE, as Linux's new memory has neither:
 * with both set, the program runs itself again, and there no page is locked, nor is a new
 * mapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* VmLck, in pages. */
static long locked(void)
{
    char line[128];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmLck:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb / 4;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        printf("after execve: %s\n", locked() ? "locked" : "none locked");
        mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        printf("a new mapping: %s\n", locked() ? "locked" : "not locked");
        return 0;
    }
    if (mlockall(MCL_CURRENT | MCL_FUTURE))
        return 2;
    printf("before execve: %s\n", locked() > 0 ? "locked" : "none locked");
    execv("/proc/self/exe", (char *[]){argv[0], "again", NULL});
    return 3;
}
