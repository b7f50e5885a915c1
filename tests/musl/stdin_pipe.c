/* Proves stdin read as a pipe: every byte arrives as sent (a CR, a ^C, a ^D and a ^V are data,
 * not terminal controls), the end of the input is a read of 0, and so is every read after it.
 * Under moat the kernel reads its console as a pipe with stdin=pipe (run.py's `run` does so
 * when its own stdin is not a terminal); on Linux stdin is a pipe. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    unsigned char buf[256];
    size_t total = 0;
    ssize_t n;
    while ((n = read(0, buf + total, sizeof buf - total)) > 0)
        total += (size_t)n;
    printf("read %zu bytes, then %zd:", total, n);
    for (size_t i = 0; i < total; i++)
        printf(" %02x", buf[i]);
    n = read(0, buf, sizeof buf);
    printf("\nthe next read: %zd\n", n);
    return 0;
}
