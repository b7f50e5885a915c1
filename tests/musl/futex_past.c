/* Proves an absolute FUTEX_CLOCK_REALTIME timeout that lies before the machine booted (1970)
 * has passed already: FUTEX_WAIT_BITSET returns ETIMEDOUT at once, as on Linux (glibc's
 * sem_timedwait and pthread_cond_timedwait take this path). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT_BITSET 9 /* linux/futex.h, which musl does not ship */
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

int main(void)
{
    int word = 0;
    struct timespec past = {1, 0};
    long r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &past, NULL,
                     FUTEX_BITSET_MATCH_ANY);
    printf("wait until 1970-01-01 00:00:01: %ld %s\n", r, r ? strerror(errno) : "");
    return 0;
}
