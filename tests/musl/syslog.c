/* Proves syslog(2) (klogctl) gives the kernel's log as Linux's does: records "<6>[seconds]
 * text\n" of every kernel line, the boot's first (SIZE_BUFFER 16 KiB); READ_ALL the newest
 * whole records that fit, READ what no READ took yet, SIZE_UNREAD its size, CLEAR leaving
 * READ_ALL only newer lines; EINVAL for an unknown action, a NULL buffer, a negative length or
 * a console level outside 1 to 8, EFAULT for a buffer outside user space, 0 for an empty one.
 * moat only: Linux's log is its own. */
#include "report.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <unistd.h>

static char buf[16384 + 1];

/* Every record in buf[0, n) has the form <6>[%5lu.%06lu] text\n. */
static int well_formed(long n)
{
    for (long at = 0; at < n;) {
        unsigned long s, us;
        int head = 0;
        if (sscanf(buf + at, "<6>[%5lu.%6lu] %n", &s, &us, &head) != 2 || !head)
            return 0;
        char *nl = memchr(buf + at, '\n', (size_t)(n - at));
        if (!nl)
            return 0;
        at = nl - buf + 1;
    }
    return 1;
}

int main(void)
{
    T(klogctl(10, 0, 0));
    long n = klogctl(3, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("READ_ALL: records %s; the boot's first line %s; the app's line %s\n",
           well_formed(n) ? "well formed" : "malformed",
           strstr(buf, "] moat ") ? "there" : "missing",
           strstr(buf, "] app: ") ? "there" : "missing");
    long small = klogctl(3, buf, 60);
    printf("READ_ALL into 60 bytes: whole records only: %s\n",
           small >= 0 && small <= 60 && well_formed(small) ? "yes" : "no");
    long unread = klogctl(9, 0, 0);
    printf("SIZE_UNREAD is the whole log: %s\n", unread == n ? "yes" : "no");
    T(klogctl(2, buf, 10));
    printf("SIZE_UNREAD 10 less: %s\n", klogctl(9, 0, 0) == unread - 10 ? "yes" : "no");

    T(klogctl(5, 0, 0)); /* CLEAR */
    T(klogctl(3, buf, sizeof(buf) - 1));
    syscall(1234); /* a kernel line: the first unknown number */
    n = klogctl(3, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("after CLEAR, only the new line: %s\n",
           well_formed(n) && strstr(buf, "syscall 1234 not implemented") &&
                   !strchr(strchr(buf, '\n') + 1, '\n')
               ? "yes"
               : "no");

    T(klogctl(0, 0, 0));
    T(klogctl(1, 0, 0));
    T(klogctl(6, 0, 0));
    T(klogctl(7, 0, 0));
    T(klogctl(8, 0, 4));
    T(klogctl(8, 0, 0));
    T(klogctl(8, 0, 9));
    T(klogctl(3, buf, 0));
    T(klogctl(3, 0, 10));
    T(klogctl(3, buf, -1));
    T(klogctl(2, 0, 10));
    T(syscall(SYS_syslog, 3, (char *)-4096L, 100));
    T(klogctl(11, 0, 0));
    T(klogctl(-1, 0, 0));
    return 0;
}
