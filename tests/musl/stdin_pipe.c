/* Proves stdin read as a pipe: every byte arrives as sent (a CR, a ^C, a ^D and a ^V are data,
 * not terminal controls), the end of the input is a read of 0, and so is every read after it;
 * and fd 0 is a pipe's read end, not a terminal: isatty() is false (TCGETS: ENOTTY), fstat
 * says FIFO, lseek ESPIPE, it is read-only (a write: EBADF), FIONREAD counts what waits, and
 * poll never says POLLOUT and says POLLHUP at the end (with `nonblock`, moat only: a read of the
 * console with O_NONBLOCK and nothing typed gives EAGAIN). Under moat the kernel reads its console
 * as a pipe with stdin=pipe (run.py's `run` does so when its own stdin is not a terminal); on Linux
 * stdin is a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    unsigned char buf[256];
    if (argc > 1 && !strcmp(argv[1], "nonblock")) { /* a terminal with nothing typed */
        fcntl(0, F_SETFL, O_NONBLOCK);
        long r = read(0, buf, sizeof buf);
        printf("read with O_NONBLOCK and no input: %ld (%s)\n", r, strerror(errno));
        return 0;
    }
    size_t total = 0;
    ssize_t n;
    int waiting = -1;
    struct pollfd p = {.fd = 0, .events = POLLIN | POLLOUT};
    for (int i = 0; i < 100 && waiting <= 0 && poll(&p, 1, 5000) == 1; i++)
        ioctl(0, FIONREAD, &waiting); /* until the first bytes are there: it counts them */
    printf("poll: POLLIN %d POLLOUT %d; FIONREAD counts some: %d\n", !!(p.revents & POLLIN),
           !!(p.revents & POLLOUT), waiting > 0);
    while ((n = read(0, buf + total, sizeof buf - total)) > 0)
        total += (size_t)n;
    printf("read %zu bytes, then %zd:", total, n);
    for (size_t i = 0; i < total; i++)
        printf(" %02x", buf[i]);
    n = read(0, buf, sizeof buf);
    printf("\nthe next read: %zd\n", n);
    p.revents = 0;
    poll(&p, 1, 0);
    printf("poll at the end: POLLHUP %d, POLLIN %d\n", !!(p.revents & POLLHUP),
           !!(p.revents & POLLIN));
    struct stat st;
    fstat(0, &st);
    int tty = isatty(0);
    printf("isatty(0) %d (%s), a FIFO %d\n", tty, strerror(errno), S_ISFIFO(st.st_mode));
    long r = lseek(0, 0, SEEK_CUR);
    printf("lseek %ld (%s)\n", r, strerror(errno));
    r = write(0, "x", 1);
    printf("write %ld (%s)\n", r, strerror(errno));
    printf("O_ACCMODE %d\n", fcntl(0, F_GETFL) & O_ACCMODE);
    return 0;
}
