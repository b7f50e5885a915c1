/* Proves a stream socket's urgent byte (MSG_OOB) as Linux's AF_UNIX: a send's last byte goes out
 * of band (a send of nothing is EOPNOTSUPP); recv's MSG_OOB takes it (EINVAL with none, and on a
 * datagram socket EOPNOTSUPP); a read stops at its mark, where SIOCATMARK says so, and where a
 * taken urgent byte was; poll says POLLPRI while it waits; a newer urgent byte makes the older
 * one plain data. (SO_OOBINLINE is left out: Linux 6.1's first read after an inline urgent byte
 * says EAGAIN, 6.18's does not.) */
#define _GNU_SOURCE
#include "report.h"
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define SIOCATMARK 0x8905

static void state(int fd, const char *what)
{
    struct pollfd p = {fd, POLLIN | POLLPRI, 0};
    int mark = -1;
    poll(&p, 1, 0);
    ioctl(fd, SIOCATMARK, &mark);
    printf("%s: poll%s%s, at the mark %d\n", what, p.revents & POLLIN ? " IN" : "",
           p.revents & POLLPRI ? " PRI" : "", mark);
}

static void get(int fd, int flags)
{
    char b[16] = {0};
    long n = recv(fd, b, flags & MSG_OOB ? 1 : sizeof(b) - 1, flags);
    printf("recv%s = %ld %s\n", flags & MSG_OOB ? " MSG_OOB" : "", n, n < 0 ? errname(errno) : b);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sv[2], d[2];
    T(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
    get(sv[1], MSG_OOB);
    T(send(sv[0], "", 0, MSG_OOB));
    T(send(sv[0], "abc", 3, MSG_OOB));
    state(sv[1], "abc sent, c urgent");
    get(sv[1], MSG_OOB);
    state(sv[1], "c taken");
    T(send(sv[0], "de", 2, 0));
    get(sv[1], 0); /* stops where c was */
    get(sv[1], 0);
    get(sv[1], MSG_OOB);
    T(send(sv[0], "xy", 2, MSG_OOB));
    get(sv[1], 0);
    state(sv[1], "x read");
    get(sv[1], MSG_OOB);
    get(sv[1], 0);
    T(send(sv[0], "12", 2, MSG_OOB));
    T(send(sv[0], "34", 2, MSG_OOB));
    get(sv[1], 0); /* 2 is plain data now */
    get(sv[1], MSG_OOB);
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, d));
    T(send(d[0], "x", 1, MSG_OOB));
    get(d[1], MSG_OOB | MSG_DONTWAIT);
    return 0;
}
