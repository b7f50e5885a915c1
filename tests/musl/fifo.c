/* Proves mknod, mknodat and named pipes behave as Linux's: mknod makes a regular file (type 0
 * or S_IFREG), a FIFO, a socket's node or a device node with its numbers (EPERM for a folder,
 * EINVAL for no type, EEXIST, ENOENT); a FIFO opens as Linux's fifo_open() opens one (O_RDWR
 * at once; a reader under O_NONBLOCK at once; a writer under O_NONBLOCK with no reader ENXIO;
 * access mode 3 EINVAL;
 * an end alone otherwise waits for the other, which a signal cuts short with EINTR), and then
 * is a pipe that all its opens share: a reader's end of file and hang-up once the writers have
 * gone (not before one came), FIONREAD, F_GETPIPE_SZ, ESPIPE, its data dropped when the last
 * open goes, and kept open when its name is removed. It works in a scratch folder of its own
 * under the working directory, as files.c does, and removes it. */
#define _GNU_SOURCE
#include "report.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#define DIR_NAME "fifo_scratch.tmp"

static const char *type_of(mode_t m)
{
    return S_ISREG(m)    ? "regular"
           : S_ISFIFO(m) ? "fifo"
           : S_ISCHR(m)  ? "char"
           : S_ISBLK(m)  ? "block"
           : S_ISSOCK(m) ? "socket"
           : S_ISDIR(m)  ? "dir"
                         : "?";
}

static void stat_of(const char *path)
{
    struct stat st;
    if (lstat(path, &st)) {
        printf("lstat %s: -1 %s\n", path, errname(errno));
        return;
    }
    printf("%s: %s %04o size %lld nlink %ld", path, type_of(st.st_mode), st.st_mode & 07777,
           (long long)st.st_size, (long)st.st_nlink);
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        printf(" rdev %u:%u", major(st.st_rdev), minor(st.st_rdev));
    printf("\n");
}

static void polled(const char *what, int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
    int n = poll(&p, 1, 0);
    printf("poll %s: %d%s%s%s%s\n", what, n, p.revents & POLLIN ? " IN" : "",
           p.revents & POLLOUT ? " OUT" : "", p.revents & POLLHUP ? " HUP" : "",
           p.revents & POLLERR ? " ERR" : "");
}

static void read_all(const char *what, int fd)
{
    char buf[64];
    long n = read(fd, buf, sizeof(buf) - 1);
    if (n < 0) {
        printf("read %s: -1 %s\n", what, errname(errno));
        errno = 0;
        return;
    }
    buf[n] = 0;
    printf("read %s: %ld \"%s\"\n", what, n, buf);
}

static void on_alarm(int sig)
{
    (void)sig;
}

/* An open that waits for the other end: a timer's signal, without SA_RESTART, ends it. */
static void open_waits(const char *what, int flags)
{
    struct sigaction sa = {.sa_handler = on_alarm};
    sigaction(SIGALRM, &sa, 0);
    struct itimerval it = {.it_value = {.tv_usec = 50000}};
    setitimer(ITIMER_REAL, &it, 0);
    int fd = open("f", flags);
    int e = errno;
    printf("%s: %s\n", what, fd < 0 ? errname(e) : "opened");
    if (fd >= 0)
        close(fd);
    errno = 0;
}

int main(void)
{
    umask(022);
    T(mkdir(DIR_NAME, 0755));
    T(chdir(DIR_NAME));

    printf("-- mknod\n");
    T(mknod("f", S_IFIFO | 0666, 0));
    T(mkfifo("f", 0600));
    T(mknod("r", 0640, 0));
    T(mknod("r2", S_IFREG | 04755, 0));
    T(mknod("s", S_IFSOCK | 0777, 0));
    T(mknod("c", S_IFCHR | 0620, makedev(1, 3)));
    T(mknod("b", S_IFBLK | 0600, makedev(300, 70000)));
    T(mknodat(AT_FDCWD, "f2", S_IFIFO | 0644, 0));
    T(mknod("d", S_IFDIR | 0755, 0));
    T(mknod("x", 0030000 | 0644, 0));
    T(mknod("x", 0170000 | 0644, 0));
    T(mknod("nope/x", S_IFIFO | 0644, 0));
    T(mknod("x/", S_IFIFO | 0644, 0));
    T(mknod("c", S_IFIFO | 0644, 0));
    T(mknodat(99, "x", S_IFIFO | 0644, 0));
    T(syscall(SYS_mknodat, AT_FDCWD, (char *)8, S_IFIFO | 0644, 0));
    stat_of("f");
    stat_of("r");
    stat_of("r2");
    stat_of("s");
    stat_of("c");
    stat_of("b");
    stat_of("f2");
    stat_of("x");
    TF(open("s", O_RDONLY));
    T(open("b", O_RDONLY));
    TF(open("f", O_PATH));

    printf("-- opening a FIFO\n");
    T(open("f", O_WRONLY | O_NONBLOCK));
    T(open("f", 3 | O_NONBLOCK)); /* access mode 3 (musl's O_ACCMODE has O_PATH too) */
    open_waits("open O_RDONLY alone", O_RDONLY);
    open_waits("open O_WRONLY alone", O_WRONLY);
    int r = TF(open("f", O_RDONLY | O_NONBLOCK));
    read_all("with no writer", r);
    polled("reader, no writer yet", r);
    int w = TF(open("f", O_WRONLY | O_NONBLOCK));
    polled("writer", w);
    polled("reader, empty", r);
    read_all("empty, a writer there", r);
    T(write(w, "abc", 3));
    int n = -1;
    T(ioctl(r, FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    polled("reader, data", r);
    read_all("data", r);
    T(lseek(r, 0, SEEK_SET));
    T(fcntl(w, F_GETPIPE_SZ));
    struct stat st;
    T(fstat(w, &st));
    printf("fstat: %s size %lld\n", type_of(st.st_mode), (long long)st.st_size);
    T(close(w));
    polled("reader, the writer gone", r);
    read_all("the writer gone", r);
    T(close(r));

    printf("-- O_RDWR: both ends in one\n");
    int a = TF(open("f", O_RDWR));
    polled("O_RDWR, empty", a);
    int b = TF(open("f", O_RDONLY | O_NONBLOCK));
    T(write(a, "shared", 6));
    polled("O_RDWR, data", a);
    read_all("through the other open", b);
    T(write(a, "kept", 4));
    T(unlink("f"));
    read_all("after the unlink", b);
    T(write(a, "dropped", 7));
    T(close(a));
    T(close(b));
    a = TF(open("f2", O_RDWR));
    T(write(a, "left", 4));
    T(close(a));
    a = TF(open("f2", O_RDWR | O_NONBLOCK));
    n = -1;
    T(ioctl(a, FIONREAD, &n));
    printf("FIONREAD after the last close: %d\n", n);
    read_all("a new pipe", a);
    T(close(a));

    printf("-- a device node\n");
    int c = TF(open("c", O_RDWR));
    T(write(c, "into null", 9));
    read_all("from null", c);
    T(close(c));

    T(chdir(".."));
    const char *names[] = {"r", "r2", "s", "c", "b", "f2"};
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char path[64];
        snprintf(path, sizeof(path), DIR_NAME "/%s", names[i]);
        unlink(path);
    }
    T(rmdir(DIR_NAME));
    return 0;
}
