/* Proves a full tree and a full RAM are errors, never a panic: writing a file until the tree's
 * limit (tmpfs's half of the RAM) ends in ENOSPC, so does creating files; removing them gives
 * the memory back. With the RAM itself used up by the app's mappings, a write is ENOSPC and
 * unlink still works. moat only: on Linux this would fill a disk. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
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

/* Touch 64 KiB of stack now: once the RAM is full, the stack cannot grow. */
static void prefault_stack(void)
{
    volatile char pad[1 << 16];
    memset((char *)pad, 0, sizeof(pad));
}

/* Map anonymous memory (moat maps it at once) until none is left: the mappings. */
static int use_all_ram(void *maps[], int max)
{
    int n = 0;
    for (size_t size = 16 << 20; size >= 4096 && n < max;) {
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            size /= 2;
        else
            maps[n++] = p, memset(p, 1, 1);
    }
    return n;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    prefault_stack();
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
    close(fd);
    static void *maps[4096];
    int n = use_all_ram(maps, 4096);
    printf("RAM used up by mappings: %d\n", n > 0);
    fd = open("/tmp/later", O_WRONLY | O_CREAT, 0644);
    long w = fd < 0 ? -1 : (long)write(fd, chunk, 8192);
    printf("write with no RAM: %s\n", w < 0 && errno == ENOSPC ? "ENOSPC" : "?");
    close(fd);
    printf("unlink with no RAM: %d\n", unlink("/tmp/small"));
    munmap(maps[0], 4096);
    fd = open("/tmp/small", O_RDONLY);
    printf("open of the removed file: %s\n", fd < 0 && errno == ENOENT ? "ENOENT" : "?");
    return 0;
}
