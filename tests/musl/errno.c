/* Proves errno and strerror under musl: failing calls moat implements report the Linux
 * errno values, which musl turns into the same messages as on Linux. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static void report(const char *what, long r)
{
    int e = errno;
    printf("%s -> %ld, errno %d: %s\n", what, r, e, strerror(e));
    errno = 0;
}

int main(void)
{
    report("write(99)", (long)write(99, "x", 1));
    report("write(1, NULL)", (long)write(1, NULL, 1));
    void *p = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    report("mmap(len 0)", p == MAP_FAILED ? -1L : 0L);
    struct timespec bad = {0, 1000000000L};
    report("nanosleep(nsec 1e9)", (long)nanosleep(&bad, NULL));
    struct timespec t;
    report("clock_gettime(99)", (long)clock_gettime((clockid_t)99, &t));
    report("read(7)", (long)read(7, &t, 1));
    for (int e = 1; e <= 5; e++)
        printf("strerror(%d) = %s\n", e, strerror(e));
    return 0;
}
