/* Proves a full RAM is an error, never a panic: writing a file until memory runs out ends in
 * ENOSPC, so does creating files and folders; removing them gives the memory back, and the
 * app carries on. moat only: on Linux this would fill a disk. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char chunk[1 << 16];

/* Write the file until an error: the bytes written (MiB) and the errno. */
static long fill(const char *path, int *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    long total = 0, n;
    while ((n = write(fd, chunk, sizeof(chunk))) > 0)
        total += n;
    *err = errno;
    close(fd);
    return total;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(chunk, 'x', sizeof(chunk));
    int err;
    long first = fill("/tmp/big", &err);
    printf("fill: %s after more than 32 MiB: %d\n", err == ENOSPC ? "ENOSPC" : strerror(err),
           first > (32L << 20));
    char name[32];
    int files = 0;
    for (;; files++) {
        snprintf(name, sizeof(name), "/tmp/f%d", files);
        int fd = open(name, O_WRONLY | O_CREAT, 0644);
        if (fd < 0)
            break;
        if (write(fd, "y", 1) != 1) { /* the node fitted, its data did not */
            close(fd);
            files++;
            break;
        }
        close(fd);
    }
    printf("files until full: %s\n", errno == ENOSPC ? "ENOSPC" : strerror(errno));
    int r = mkdir("/tmp/dir", 0755); /* a folder needs no data: it may still fit */
    printf("mkdir when full: made or ENOSPC: %d\n", r == 0 || errno == ENOSPC);
    printf("unlink big: %d\n", unlink("/tmp/big"));
    for (int i = 0; i < files; i++) {
        snprintf(name, sizeof(name), "/tmp/f%d", i);
        unlink(name);
    }
    rmdir("/tmp/dir");
    long again = fill("/tmp/big", &err);
    printf("fill again: %s, as much as before: %d\n", err == ENOSPC ? "ENOSPC" : strerror(err),
           again >= first - (1L << 20));
    printf("unlink big: %d\n", unlink("/tmp/big"));
    int fd = open("/tmp/small", O_WRONLY | O_CREAT, 0644);
    printf("write after: %ld\n", (long)write(fd, "ok\n", 3));
    return 0;
}
