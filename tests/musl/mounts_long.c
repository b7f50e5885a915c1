/* Proves /proc/self/mounts and mountinfo stay within moat's 8 KiB of text when mount points are
 * long: the text ends at a whole line, and nothing past it is written. Two mounts on paths of
 * about 3000 bytes fill most of it, and a third, on a path one byte longer each time, moves the
 * point where the text runs out through every field of its line; after each read the TAI
 * offset adjtimex set (kept in the kernel just past the text) must be intact. moat only: Linux's
 * seq_file gives every line, however long, and the test sets the clock's TAI offset. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/timex.h>
#include <unistd.h>

static char buf[65536];

/* A path of n bytes or so under dir, made of 200-byte names. */
static void long_path(char *path, const char *dir, int n)
{
    strcpy(path, dir);
    while ((int)strlen(path) < n) {
        size_t at = strlen(path), take = n - at - 1 < 200 ? n - at - 1 : 200;
        path[at] = '/';
        memset(path + at + 1, 'a' + (int)(at % 26), take);
        path[at + 1 + take] = 0;
        mkdir(path, 0755);
    }
}

/* The text's length, and whether it ends at a line's end. */
static int whole(const char *file, long *len)
{
    int fd = open(file, O_RDONLY);
    long n, total = 0;
    while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
        total += n;
    close(fd);
    *len = total;
    return total > 0 && buf[total - 1] == '\n';
}

int main(void)
{
    static char a[4096], b[4096], c[4096];
    struct timex tx = {.modes = ADJ_TAI, .constant = 37};
    adjtimex(&tx);
    mkdir("/long", 0755);
    mkdir("/long/b", 0755);
    mkdir("/long/c", 0755);
    long_path(a, "/long", 3000);
    long_path(b, "/long/b", 3000);
    const char *opts = "mode=0755,uid=0,gid=0,nr_inodes=1000,huge=never,size=1m";
    mount("first", a, "tmpfs", 0, opts);
    mount("second", b, "tmpfs", 0, opts);
    int lines_ok = 1, tai_ok = 1, tries = 0;
    long shortest = 1 << 30, longest = 0;
    for (int n = 1700; n < 2100; n++) {
        long_path(c, "/long/c", n);
        if (mount("third", c, "tmpfs", 0, opts))
            continue;
        for (int info = 0; info < 2; info++) {
            long len;
            lines_ok &= whole(info ? "/proc/self/mountinfo" : "/proc/self/mounts", &len);
            shortest = len < shortest ? len : shortest;
            longest = len > longest ? len : longest;
            struct timex t = {0};
            adjtimex(&t);
            tai_ok &= t.tai == 37;
        }
        umount(c);
        tries++;
    }
    printf("%d lengths: whole lines %s, the TAI offset intact %s, at most 8191 bytes %s\n", tries,
           lines_ok ? "yes" : "no", tai_ok ? "yes" : "no", longest < 8192 ? "yes" : "no");
    printf("some reads cut a line: %s\n", shortest < longest ? "yes" : "no");
    umount(a);
    umount(b);
    return 0;
}
