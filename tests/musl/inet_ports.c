/* Proves the ephemeral ports run out as Linux's do, and at once: an app that holds every port
 * of net.ipv4.ip_local_port_range (32768-60999, 28232 of them) through sockets in flight in
 * SCM_RIGHTS messages (far more than RLIMIT_NOFILE; root may) gets EADDRINUSE from bind(0) and
 * listen, EADDRNOTAVAIL from a TCP connect, EAGAIN from a UDP send or connect; ports outside
 * the range still bind; a port given back is the one the next bind(0) takes; TCP's and UDP's
 * ports are apart; an accept with 10000 connects waiting for room takes no longer than one,
 * a close that releases 80000 sockets in flight, the oldest first, is at once, and so is one
 * that drops a socket from 10000 messages (the collector looks for garbage once, not 10000 times).
 * Moat-only: on a host the ports are the machine's (Linux 6.1 in QEMU, with only lo, gives this
 * output). */
#define _GNU_SOURCE
#include "report.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define BATCH 250 /* descriptors in one message (SCM_MAX_FD is 253) */

static struct sockaddr_in in4(const char *ip, int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}
#define SA(a) ((struct sockaddr *)&(a))

static int port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    return getsockname(fd, SA(a), &len) ? -1 : ntohs(a.sin_port);
}

/* Send fds[0..n) in one message on s. */
static int send_fds(int s, const int *fds, int n)
{
    char byte = 'x', ctl[CMSG_SPACE(BATCH * sizeof(int))];
    struct iovec v = {&byte, 1};
    struct msghdr m = {.msg_iov = &v,
                       .msg_iovlen = 1,
                       .msg_control = ctl,
                       .msg_controllen = CMSG_SPACE(n * sizeof(int))};
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    return sendmsg(s, &m, 0) == 1 ? 0 : -1;
}

/* Send fds[0..n) in one message on pair[0], and close them: the message holds them. */
static int park(const int *pair, int *fds, int n)
{
    if (send_fds(pair[0], fds, n))
        return -1;
    for (int i = 0; i < n; i++)
        close(fds[i]);
    return 0;
}

/* Take the first message's descriptors back from pair[1]: how many. */
static int unpark(const int *pair, int *fds)
{
    char byte, ctl[CMSG_SPACE(BATCH * sizeof(int))];
    struct iovec v = {&byte, 1};
    struct msghdr m = {
        .msg_iov = &v, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl)};
    if (recvmsg(pair[1], &m, 0) != 1 || !CMSG_FIRSTHDR(&m))
        return -1;
    int n = (int)((CMSG_FIRSTHDR(&m)->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    memcpy(fds, CMSG_DATA(CMSG_FIRSTHDR(&m)), n * sizeof(int));
    return n;
}

/* Bind a socket of the type to 0.0.0.0 at each port of the range, parking them on pair, and
 * then one more to port 0. */
static void hold_all(int type, const int *pair)
{
    struct sockaddr_in any = in4("0.0.0.0", 0);
    int fds[BATCH], n = 0, port, s;
    for (port = 32768; port <= 60999; port++) {
        any.sin_port = htons((uint16_t)port);
        if ((s = socket(AF_INET, type, 0)) < 0 || bind(s, SA(any), sizeof(any))) {
            printf("port %d: %s\n", port, errname(errno));
            return;
        }
        fds[n++] = s;
        if ((n == BATCH || port == 60999) && park(pair, fds, n)) {
            printf("park: %s at %d\n", errname(errno), port);
            return;
        }
        n %= BATCH;
    }
    any.sin_port = 0;
    s = socket(AF_INET, type, 0);
    printf("%s: 32768 to 60999 bound\n", type == SOCK_STREAM ? "tcp" : "udp");
    T(bind(s, SA(any), sizeof(any)));
    close(s);
}

/* The first parked message back: close its first socket and see bind(0) take that port. */
static void give_one_back(int type, const int *pair)
{
    int fds[BATCH], n = unpark(pair, fds);
    struct sockaddr_in any = in4("0.0.0.0", 0);
    if (n < 1) {
        printf("unpark: %d %s\n", n, errname(errno));
        return;
    }
    int freed = port_of(fds[0]);
    close(fds[0]);
    int s = socket(AF_INET, type, 0);
    T(bind(s, SA(any), sizeof(any)));
    printf("it took the port given back: %d\n", port_of(s) == freed);
    close(s);
    for (int i = 1; i < n; i++)
        close(fds[i]);
}

/* 10000 connects whose SYNs a full queue dropped, parked, among 28232 UDP sockets: the accept
 * that makes room takes its request at once (a waiting connect completes when the app looks at
 * it, as it would when Linux sends its SYN again). */
static void waiting(void)
{
    struct sockaddr_in x =
        in4("127.0.0.1", 81); /* outside the range: Linux's TIME_WAIT stays there */
    int pair[2], fds[BATCH], n = 0, i;
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
    int l = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(bind(l, SA(x), sizeof(x)));
    T(listen(l, 0));
    int first = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(first, SA(x), sizeof(x)));
    for (i = 0; i < 10000; i++) {
        int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (connect(c, SA(x), sizeof(x)) != -1 || errno != EINPROGRESS) {
            printf("connect %d: %s\n", i, errname(errno));
            break;
        }
        fds[n++] = c;
        if (n == BATCH && park(pair, fds, n)) {
            printf("park: %s at %d\n", errname(errno), i);
            break;
        }
        n %= BATCH;
    }
    printf("%d connects wait\n", i);
    int s = TF(accept(l, NULL, NULL));
    T(close(s));
    T(close(first));
    T(close(l));
    T(close(pair[0]));
    T(close(pair[1]));
}

/* Sockets no lookup needs: 100000 UDP sockets that gave their ports back (a disconnect), and
 * 4000 connections on a listener's port. Ten sendmmsg calls of 1024 datagrams to port 512
 * (where moat listed the first), and 250 polls of 1000 connects that wait for room on that
 * listener (each poll sends their SYNs again), are at once: as Linux, a lookup sees only the
 * UDP sockets and listeners that hold the port. */
static void crowds(void)
{
    struct sockaddr_in lo9 = in4("127.0.0.1", 9), lo512 = in4("127.0.0.1", 512),
                       x = in4("127.0.0.1", 82), un = {.sin_family = AF_UNSPEC};
    int pair[2], fds[BATCH], n = 0, i, room = 1 << 22;
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
    T(setsockopt(pair[0], SOL_SOCKET, SO_SNDBUFFORCE, &room, sizeof(room)));
    for (i = 0; i < 100000; i++) {
        int u = socket(AF_INET, SOCK_DGRAM, 0);
        if (u < 0 || connect(u, SA(lo9), sizeof(lo9)) || connect(u, SA(un), sizeof(un)) ||
            ((fds[n++] = u), n == BATCH && park(pair, fds, n))) {
            printf("udp %d: %s\n", i, errname(errno));
            break;
        }
        n %= BATCH;
    }
    printf("%d UDP sockets gave their ports back\n", i);
    static struct mmsghdr mm[1024];
    struct iovec v = {"x", 1};
    for (i = 0; i < 1024; i++)
        mm[i].msg_hdr = (struct msghdr){
            .msg_name = &lo512, .msg_namelen = sizeof(lo512), .msg_iov = &v, .msg_iovlen = 1};
    int u = TF(socket(AF_INET, SOCK_DGRAM, 0)), sent = 0;
    for (i = 0; i < 10; i++)
        sent += sendmmsg(u, mm, 1024, 0);
    printf("datagrams sent: %d\n", sent);
    T(close(u));
    int l = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(bind(l, SA(x), sizeof(x)));
    T(listen(l, 0));
    for (i = 0; i < 4000; i++) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (c < 0 || connect(c, SA(x), sizeof(x)) ||
            ((fds[n++] = c), (fds[n++] = accept(l, NULL, NULL)) < 0) ||
            (n == BATCH && park(pair, fds, n))) {
            printf("tcp %d: %s\n", i, errname(errno));
            break;
        }
        n %= BATCH;
    }
    printf("%d connections on port 82\n", i);
    static struct pollfd p[1000];
    for (i = 0; i < 1000; i++) {
        p[i] = (struct pollfd){.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0),
                               .events = POLLOUT};
        if (connect(p[i].fd, SA(x), sizeof(x)) && errno != EINPROGRESS)
            printf("connect %d: %s\n", i, errname(errno));
    }
    int ready = 0;
    for (i = 0; i < 250; i++)
        ready += poll(p, 1000, 0);
    printf("connects ready: %d\n", ready);
    for (i = 0; i < 1000; i++)
        close(p[i].fd);
    T(close(l));
    T(close(pair[0]));
    T(close(pair[1]));
}

/* 30000 names in the abstract namespace, bound and parked at once (closing a parked socket's
 * descriptor does not run the collector), and 200000 connects to a name nobody has refused at
 * once (a lookup walks the names that hash as that one does, as Linux's); then a datagram
 * socket's disconnect that drops 20000 datagrams carrying a socket still in flight elsewhere
 * runs the collector once, not for each. */
static void abstract_crowd(void)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    int pair[2], fds[BATCH], n = 0, i, refused = 0;
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
    for (i = 0; i < 30000; i++) {
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        int len = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "crowd%05d", i);
        if (s < 0 ||
            bind(s, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + 1 + len) ||
            ((fds[n++] = s), n == BATCH && park(pair, fds, n))) {
            printf("abstract %d: %s\n", i, errname(errno));
            break;
        }
        n %= BATCH;
    }
    printf("%d abstract names\n", i);
    int c = TF(socket(AF_UNIX, SOCK_STREAM, 0));
    for (i = 0; i < 200000; i++)
        refused += connect(c, (struct sockaddr *)&(struct sockaddr_un){AF_UNIX, "\0nobody"},
                           offsetof(struct sockaddr_un, sun_path) + 7) &&
                   errno == ECONNREFUSED;
    printf("connects refused: %d\n", refused);
    T(close(c));
    /* x in flight in q's queue, and in 20000 datagrams on d's: a disconnect drops those */
    int x[2], q[2], d[2], sent = 0, big = 1 << 30;
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, x));
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, q));
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, d));
    T(setsockopt(d[0], SOL_SOCKET, SO_SNDBUFFORCE, &big, sizeof(big)));
    T(send_fds(q[0], x, 1));
    for (i = 0; i < 20000; i++)
        sent += !send_fds(d[0], x, 1);
    close(x[0]);
    close(x[1]);
    printf("x in %d datagrams\n", sent);
    T(connect(d[1], &(struct sockaddr){AF_UNSPEC}, sizeof(struct sockaddr)));
    T(close(d[0]));
    T(close(d[1]));
    T(close(q[0]));
    T(close(q[1]));
    T(close(pair[0]));
    T(close(pair[1]));
}

/* A connect whose SYN a full queue dropped, sent again (on a look, once listen gave the queue
 * room) while the kernel has no memory for the request: lost as a dropped SYN, it goes again
 * on a look once there is, as Linux's is sent again. Memory runs out through pipes full of
 * bytes and socket pairs parked in messages, then through connects of sockets bound before
 * to a second listener, until one finds no memory for its request. */
static void nomem(void)
{
    struct sockaddr_in x = in4("127.0.0.1", 83), y = in4("127.0.0.1", 84);
    int pair[2], room = 1 << 30, n = 0, bound[400];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
    T(setsockopt(pair[0], SOL_SOCKET, SO_SNDBUFFORCE, &room, sizeof(room)));
    int l = TF(socket(AF_INET, SOCK_STREAM, 0)), l2 = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(bind(l, SA(x), sizeof(x)));
    T(listen(l, 0));
    T(bind(l2, SA(y), sizeof(y)));
    T(listen(l2, 4096));
    for (int i = 0; i < 400; i++) {
        struct sockaddr_in b = in4("127.0.0.1", 20000 + i);
        bound[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (bind(bound[i], SA(b), sizeof(b)))
            printf("bind %d: %s\n", i, errname(errno));
    }
    int first = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(first, SA(x), sizeof(x)));
    int c = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(c, SA(x), sizeof(x)));
    static char bytes[65536];
    for (;; n++) {
        int fds[4];
        if (pipe2(fds, O_NONBLOCK))
            break;
        while (write(fds[1], bytes, sizeof(bytes)) > 0)
            ;
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds + 2) || park(pair, fds, 4))
            break;
    }
    int i = 0;
    while (i < 400 && !(connect(bound[i], SA(y), sizeof(y)) && errno == ENOMEM))
        i++;
    printf("memory ran out: %d, then for a request: %d\n", n > 0, i < 400);
    T(listen(l, 4));
    struct pollfd p = {c, POLLOUT};
    T(poll(&p, 1, 0));
    T(close(pair[0]));
    T(close(pair[1]));
    T(poll(&p, 1, 5000));
    T(close(accept(l, NULL, NULL)));
    T(close(accept(l, NULL, NULL)));
    for (i = 0; i < 400; i++)
        close(bound[i]);
    T(close(first));
    T(close(c));
    T(close(l));
    T(close(l2));
}

/* 80000 sockets in flight, in a message order that releases the oldest first when the
 * messages go: the close that drops them all is at once. Before it, one AF_UNIX socket in
 * flight in fin's queue, and in 10000 messages in v's: the close of v drops it 10000 times,
 * and the collector looks for garbage once, not each time. */
static void release_order(void)
{
    enum { BATCHES = 320 };
    static int pairs[BATCHES][2];
    int fin[2], v[2], fds[BATCH], n = 0;
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, fin));
    int room = 1 << 22; /* 320 messages: past the default send buffer */
    T(setsockopt(fin[0], SOL_SOCKET, SO_SNDBUFFORCE, &room, sizeof(room)));
    for (int k = 0; k < BATCHES; k++) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, pairs[k]))
            break;
        for (n = 0; n < BATCH && (fds[n] = socket(AF_INET, SOCK_DGRAM, 0)) >= 0;)
            n++;
        if (n < BATCH || park(pairs[k], fds, n))
            printf("batch %d: %s\n", k, errname(errno));
    }
    for (int k = BATCHES; k-- > 0;) { /* the newest batch first */
        if ((n = unpark(pairs[k], fds)) < 0 || park(fin, fds, n))
            printf("again %d: %s\n", k, errname(errno));
        close(pairs[k][0]);
        close(pairs[k][1]);
    }
    printf("%d sockets in flight, the newest first\n", BATCHES * BATCH);
    int x[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, v));
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, x));
    T(setsockopt(v[0], SOL_SOCKET, SO_SNDBUFFORCE, &room, sizeof(room)));
    for (int k = 0; k < 10000; k++)
        if (send_fds(v[0], x, 1))
            printf("x %d: %s\n", k, errname(errno));
    T(send_fds(fin[0], x, 1));
    T(close(x[0]));
    T(close(x[1]));
    printf("x in flight 10000 times more, a message each\n");
    T(close(v[0]));
    T(close(v[1]));
    T(close(fin[0]));
    T(close(fin[1]));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && !strcmp(argv[1], "crowds")) { /* tests/inet_crowds.expect */
        crowds();
        abstract_crowd();
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "nomem")) { /* tests/inet_nomem.expect */
        nomem();
        return 0;
    }
    struct sockaddr_in lo9 = in4("127.0.0.1", 9), any = in4("0.0.0.0", 0);
    int pair[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
    hold_all(SOCK_DGRAM, pair);
    int u = TF(socket(AF_INET, SOCK_DGRAM, 0));
    T(sendto(u, "x", 1, 0, SA(lo9), sizeof(lo9)));
    T(connect(u, SA(lo9), sizeof(lo9)));
    T(bind(u, SA(lo9), sizeof(lo9)));
    printf("port %d\n", port_of(u));
    T(close(u));
    int t = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(bind(t, SA(any), sizeof(any)));
    printf("tcp's ports are apart: port %d\n", port_of(t) >= 32768);
    T(close(t));
    give_one_back(SOCK_DGRAM, pair);
    waiting();
    T(close(pair[0]));
    T(close(pair[1]));

    T(socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
    hold_all(SOCK_STREAM, pair);
    struct sockaddr_in lo80 = in4("127.0.0.1", 80);
    int l = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(bind(l, SA(lo80), sizeof(lo80)));
    T(listen(l, 1));
    t = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(t, SA(lo80), sizeof(lo80)));
    T(listen(t, 1));
    T(bind(t, SA(any), sizeof(any)));
    T(close(t));
    u = TF(socket(AF_INET, SOCK_DGRAM, 0));
    T(sendto(u, "x", 1, 0, SA(lo9), sizeof(lo9)));
    printf("udp's ports are apart: port %d\n", port_of(u) >= 32768);
    T(close(u));
    give_one_back(SOCK_STREAM, pair);
    T(close(l));
    T(close(pair[0]));
    T(close(pair[1]));
    release_order();
    return 0;
}
