/* Proves preadv and pwritev as Linux's: at their own position (the file's stays), over several
 * buffers, past the end (nothing read), at a position past 4 GiB (the high half counts on
 * i386 too), appending under O_APPEND whatever the position; EINVAL for a negative position
 * or too many buffers, ESPIPE for a pipe, EBADF for a file not open that way. Also on Linux. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    const char *path = "preadv.tmp"; /* in the working directory */
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    TF(fd);
    struct iovec out[2] = {{"hello", 5}, {" world", 6}};
    T(pwritev(fd, out, 2, 3));
    T(lseek(fd, 0, SEEK_CUR));
    char a[4] = "", b[10] = "";
    struct iovec in[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
    T(preadv(fd, in, 2, 5));
    printf("a %.4s b %.5s\n", a, b);
    T(preadv(fd, in, 2, 14));
    T(preadv(fd, in, 2, (off_t)1 << 32 | 5));
    T(preadv(fd, in, 2, -1));
    static struct iovec many[1025];
    T(preadv(fd, many, 1025, 0));
    int p[2];
    T(pipe(p));
    T(preadv(p[0], in, 2, 0));
    T(preadv(p[0], in, 2, -1));
    T(pwritev(p[0], out, 2, 0));
    int wo = open(path, O_WRONLY | O_APPEND);
    TF(wo);
    T(preadv(wo, in, 2, 0));
    T(pwritev(wo, out, 1, 0)); /* appends */
    char all[32] = "";
    T(pread(fd, all, sizeof(all), 0));
    for (int i = 0; i < 19; i++)
        putchar(all[i] ? all[i] : '.');
    putchar('\n');
    T(preadv(99, in, 2, 0));
    /* pread64's and preadv's order: a negative position first, then ESPIPE, then EBADF */
    T(pread(99, all, 1, -1));
    T(preadv(99, in, 2, -1));
    T(pread(p[1], all, 1, 0));
    T(pwrite(p[0], "x", 1, 0));
    T(preadv(p[1], in, 2, 0));
    T(unlink(path));
    return 0;
}
