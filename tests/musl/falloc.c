/* Proves fallocate and the I/O priority calls behave as Linux's. fallocate: the mode's flags are
 * checked first (EOPNOTSUPP for an unknown one, PUNCH_HOLE without KEEP_SIZE or with
 * ZERO_RANGE; COLLAPSE_RANGE, INSERT_RANGE or UNSHARE_RANGE mixed with other flags are left
 * out: Linux 6.1 gives EINVAL, as moat does, and later ones EOPNOTSUPP), then the file (EBADF
 * unless open for writing, ESPIPE for a pipe, ENODEV for a device), then the range (EINVAL for a
 * negative offset or an empty length, EFBIG past the largest offset); mode 0 gives the range blocks
 * that read as zeros and grows the size, KEEP_SIZE does not grow it, PUNCH_HOLE zeroes the range
 * and keeps the size. ioprio_set and ioprio_get on the process itself: none (0) at first, then what
 * was set; EINVAL for a bad class or level or target kind, ESRCH for another process. Only what
 * every Linux file system does alike is asserted (tmpfs has neither ZERO_RANGE nor COLLAPSE_RANGE,
 * ext4 has both). It works in a scratch folder of its own under the working directory, as files.c
 * does, and removes it. */
#define _GNU_SOURCE
#include "report.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DIR_NAME "falloc_scratch.tmp"
#define FALLOC_FL_ZERO_RANGE 0x10 /* Linux's, which musl's fcntl.h leaves out */
#define IOPRIO(class, data) ((class) << 13 | (data))

static void sized(const char *what, int fd)
{
    struct stat st;
    fstat(fd, &st);
    printf("%s: size %lld\n", what, (long long)st.st_size);
}

/* Bytes [from, to) are all c. */
static int all(int fd, long from, long to, char c)
{
    char buf[512];
    for (long at = from; at < to;) {
        long n = to - at < (long)sizeof(buf) ? to - at : (long)sizeof(buf);
        if (pread(fd, buf, (size_t)n, at) != n)
            return 0;
        for (long i = 0; i < n; i++)
            if (buf[i] != c)
                return 0;
        at += n;
    }
    return 1;
}

int main(void)
{
    T(mkdir(DIR_NAME, 0755));
    T(chdir(DIR_NAME));
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);

    printf("-- fallocate\n");
    T(fallocate(fd, 0, 0, 10000));
    sized("mode 0 to 10000", fd);
    struct stat st;
    fstat(fd, &st);
    printf("blocks cover it: %s; reads as zeros: %s\n", st.st_blocks * 512 >= 12288 ? "yes" : "no",
           all(fd, 0, 10000, 0) ? "yes" : "no");
    T(fallocate(fd, FALLOC_FL_KEEP_SIZE, 10000, 8192));
    sized("KEEP_SIZE past the end", fd);
    T(fallocate(fd, 0, 4096, 100));
    sized("mode 0 inside", fd);
    char x[9000];
    memset(x, 'x', sizeof(x));
    T(pwrite(fd, x, sizeof(x), 0));
    T(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 100, 5000));
    sized("PUNCH_HOLE", fd);
    printf("punched: zeros %s, kept before %s, kept after %s\n",
           all(fd, 100, 5100, 0) ? "yes" : "no", all(fd, 0, 100, 'x') ? "yes" : "no",
           all(fd, 5100, 9000, 'x') ? "yes" : "no");
    T(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 9500, 100000));
    sized("PUNCH_HOLE past the end", fd);
    T(ftruncate(fd, 20000));
    printf("grown over the KEEP_SIZE blocks: zeros %s\n", all(fd, 9000, 20000, 0) ? "yes" : "no");

    T(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10));
    T(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 0, 10));
    T(fallocate(fd, 0x04, 0, 10)); /* FALLOC_FL_NO_HIDE_STALE: no file system's */
    T(fallocate(fd, 0x80, 0, 10));
    T(fallocate(fd, 0, -1, 10));
    T(fallocate(fd, 0, 0, 0));
    T(fallocate(fd, 0, 0, -5));
    T(fallocate(fd, 0, INT64_MAX - 10, 100));
    T(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, INT64_MAX, 1));
    T(fallocate(fd, 0x80, -1, 10));
    T(fallocate(99, 0, 0, 1));
    int ro = open("f", O_RDONLY);
    T(fallocate(ro, 0, 0, 1));
    int ap = open("f", O_WRONLY | O_APPEND);
    T(fallocate(ap, 0, 0, 1));
    int p[2];
    pipe(p);
    T(fallocate(p[1], 0, 0, 1));
    T(fallocate(p[0], 0, 0, 1));
    int null = open("/dev/null", O_WRONLY);
    T(fallocate(null, 0, 0, 1));
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    T(fallocate(dir, 0, 0, 1));
    close(dir);
    close(null);
    close(p[0]);
    close(p[1]);
    close(ap);
    close(ro);
    close(fd);
    T(unlink("f"));
    T(chdir(".."));
    T(rmdir(DIR_NAME));

    printf("-- ioprio\n");
    T(syscall(SYS_ioprio_get, 1, 0));
    T(syscall(SYS_ioprio_set, 1, 0, IOPRIO(2, 3)));
    T(syscall(SYS_ioprio_get, 1, 0));
    T(syscall(SYS_ioprio_get, 1, getpid()));
    T(syscall(SYS_ioprio_set, 1, 0, IOPRIO(3, 0)));
    T(syscall(SYS_ioprio_get, 1, 0));
    T(syscall(SYS_ioprio_set, 1, 0, IOPRIO(1, 7)));
    T(syscall(SYS_ioprio_get, 1, 0));
    T(syscall(SYS_ioprio_set, 1, 0, IOPRIO(0, 1)));
    T(syscall(SYS_ioprio_set, 1, 0, IOPRIO(4, 0)));
    T(syscall(SYS_ioprio_set, 1, 0, IOPRIO(7, 0)));
    T(syscall(SYS_ioprio_set, 0, 0, IOPRIO(2, 3)));
    T(syscall(SYS_ioprio_set, 4, 0, IOPRIO(2, 3)));
    T(syscall(SYS_ioprio_set, 4, 0, IOPRIO(4, 0)));
    T(syscall(SYS_ioprio_get, 0, 0));
    T(syscall(SYS_ioprio_get, 4, 0));
    T(syscall(SYS_ioprio_get, 1, 99999));
    T(syscall(SYS_ioprio_set, 1, 99999, IOPRIO(2, 3)));
    T(syscall(SYS_ioprio_set, 1, 0, IOPRIO(0, 0)));
    T(syscall(SYS_ioprio_get, 1, 0));
    return 0;
}
