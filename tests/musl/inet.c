/* Proves AF_INET sockets over the loopback behave as Linux's, within one process: socket()'s
 * refusals; bind's checks (length, family, an address not the machine's, a second bind, a port
 * in use, SO_REUSEADDR, port 0's ephemeral range); TCP's listen (autobind), blocking and
 * nonblocking connect (EINPROGRESS, then EISCONN; ECONNREFUSED blocking, and by SO_ERROR after
 * a nonblocking one), accept's peer, the names at both ends, bytes both ways, shutdown, a close
 * (end of file; a write to the closed peer is taken, the next is EPIPE with SIGPIPE), a close
 * with data unread or lingering for no time (ECONNRESET), a listener closed with a connection
 * waiting, a stream send's address ignored, urgent data (SIOCATMARK, MSG_OOB), the backlog's
 * limit (a third connect waits, and completes once accept makes room, or is refused once the
 * listener is gone; dropped SYNs get in as accepts make room), poll's bits in each state; a
 * datagram to port 0 reaching no socket;
 * UDP's autobind on send, recvfrom's sender, a connected socket's filter and its ECONNREFUSED,
 * EDESTADDRREQ, port 0, EMSGSIZE, MSG_TRUNC, the socket a shared port delivers to (the most
 * specific, then the latest bound); the options (SO_DOMAIN, SO_PROTOCOL, the default
 * buffers, IP_TTL, IP_TOS, TCP_NODELAY, the keepalive times, the other levels' ENOPROTOOPT and
 * EOPNOTSUPP). Only the loopback is used, so the output is the same on any machine. */
#define _GNU_SOURCE
#include "report.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int pipes;
static void on_pipe(int sig)
{
    (void)sig;
    pipes++;
}

static void poll_bits(const char *what, int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP | POLLPRI | POLLWRBAND};
    poll(&p, 1, 0);
    printf("poll %s:%s%s%s%s%s%s\n", what, p.revents & POLLIN ? " IN" : "",
           p.revents & POLLOUT ? " OUT" : "", p.revents & POLLWRBAND ? " WRBAND" : "",
           p.revents & POLLRDHUP ? " RDHUP" : "", p.revents & POLLHUP ? " HUP" : "",
           p.revents & POLLERR ? " ERR" : "");
}

static struct sockaddr_in in4(const char *ip, int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}
#define SA(a) ((struct sockaddr *)&(a))

/* A name as text, with an ephemeral port shown as "eph" (its number differs run to run). */
static const char *name_text(const struct sockaddr_in *a, socklen_t len)
{
    static char buf[64];
    char ip[INET_ADDRSTRLEN];
    int port = ntohs(a->sin_port);
    inet_ntop(AF_INET, &a->sin_addr, ip, sizeof(ip));
    if (port >= 32768 && port <= 60999)
        snprintf(buf, sizeof(buf), "family %d %s:eph len %u", a->sin_family, ip, (unsigned)len);
    else
        snprintf(buf, sizeof(buf), "family %d %s:%d len %u", a->sin_family, ip, port,
                 (unsigned)len);
    return buf;
}

static void show_name(const char *what, int fd, int peer)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    memset(&a, 0xAA, sizeof(a));
    int r = peer ? getpeername(fd, SA(a), &len) : getsockname(fd, SA(a), &len);
    if (r < 0)
        printf("%s: -1 %s\n", what, errname(errno));
    else
        printf("%s: %s\n", what, name_text(&a, len));
    errno = 0;
}

static int port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    getsockname(fd, SA(a), &len);
    return ntohs(a.sin_port);
}

static int opt(int fd, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof(v);
    if (getsockopt(fd, level, name, &v, &len) < 0)
        return -errno;
    return v;
}

static void creation(void)
{
    T(socket(AF_INET, 11, 0));
    T(socket(AF_INET, SOCK_SEQPACKET, 0));
    T(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
    T(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP));
    T(socket(AF_INET, SOCK_STREAM, -1));
    T(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
    T(socketpair(AF_INET, SOCK_STREAM, 0, (int[2]){0}));
    int t = TF(socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
    int u = TF(socket(AF_INET, SOCK_DGRAM, 0));
    printf("tcp: domain %d protocol %d type %d sndbuf %d rcvbuf %d\n",
           opt(t, SOL_SOCKET, SO_DOMAIN), opt(t, SOL_SOCKET, SO_PROTOCOL),
           opt(t, SOL_SOCKET, SO_TYPE), opt(t, SOL_SOCKET, SO_SNDBUF),
           opt(t, SOL_SOCKET, SO_RCVBUF));
    /* net.core.wmem_default and rmem_default: 256 of an skb's truesize, which the kernel's
       width sets (an i386 program on an x86_64 Linux sees the x86_64 one) */
    int snd = opt(u, SOL_SOCKET, SO_SNDBUF);
    printf("udp: domain %d protocol %d type %d, buffers a kernel's default %d %d\n",
           opt(u, SOL_SOCKET, SO_DOMAIN), opt(u, SOL_SOCKET, SO_PROTOCOL),
           opt(u, SOL_SOCKET, SO_TYPE), snd == 212992 || snd == 180224,
           opt(u, SOL_SOCKET, SO_RCVBUF) == snd);
    show_name("tcp's name, unbound", t, 0);
    show_name("tcp's peer, unconnected", t, 1);
    show_name("udp's peer, unconnected", u, 1);
    poll_bits("tcp, new", t);
    poll_bits("udp, new", u);
    char c;
    T(read(t, &c, 1));
    T(send(t, "x", 1, MSG_NOSIGNAL));
    printf("SIGPIPE by then: %d\n", pipes);
    T(send(t, "x", 1, 0));
    printf("SIGPIPE by then: %d\n", pipes);
    T(send(u, "x", 1, 0));
    T(shutdown(t, SHUT_RDWR));
    T(shutdown(u, SHUT_RD));
    T(shutdown(t, 3));
    T(listen(u, 1));
    T(accept(u, NULL, NULL));
    T(accept(t, NULL, NULL));
    T(close(t));
    T(close(u));
}

static void binding(void)
{
    int a = TF(socket(AF_INET, SOCK_STREAM, 0)), b = TF(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in x = in4("127.0.0.1", 0);
    T(bind(a, SA(x), sizeof(x) - 1));
    x.sin_family = AF_INET6;
    T(bind(a, SA(x), sizeof(x)));
    x.sin_family = AF_UNSPEC;
    T(bind(a, SA(x), sizeof(x)));
    x = in4("0.0.0.0", 0);
    x.sin_family = AF_UNSPEC;
    T(bind(a, SA(x), sizeof(x)));
    show_name("bound by AF_UNSPEC and INADDR_ANY", a, 0);
    T(bind(a, SA(x), sizeof(x)));
    x = in4("192.0.2.1", 0);
    T(bind(b, SA(x), sizeof(x)));
    x = in4("127.0.0.1", port_of(a));
    T(bind(b, SA(x), sizeof(x)));
    x = in4("127.1.2.3", 0);
    T(bind(b, SA(x), sizeof(x)));
    show_name("bound to 127.1.2.3", b, 0);
    T(close(a));
    T(close(b));

    /* SO_REUSEADDR: both, until one listens */
    a = TF(socket(AF_INET, SOCK_STREAM, 0));
    b = TF(socket(AF_INET, SOCK_STREAM, 0));
    int on = 1;
    T(setsockopt(a, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)));
    x = in4("127.0.0.1", 0);
    T(bind(a, SA(x), sizeof(x)));
    x.sin_port = htons((uint16_t)port_of(a));
    T(bind(b, SA(x), sizeof(x)));
    T(setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)));
    T(bind(b, SA(x), sizeof(x)));
    printf("same port: %d\n", port_of(a) == port_of(b));
    T(listen(a, 1));
    T(listen(b, 1));
    T(close(a));
    T(close(b));

    /* UDP and TCP have ports of their own */
    a = TF(socket(AF_INET, SOCK_STREAM, 0));
    b = TF(socket(AF_INET, SOCK_DGRAM, 0));
    x = in4("127.0.0.1", 0);
    T(bind(a, SA(x), sizeof(x)));
    x.sin_port = htons((uint16_t)port_of(a));
    T(bind(b, SA(x), sizeof(x)));
    T(close(a));
    T(close(b));
}

/* A listener on 127.0.0.1, its port in *port. */
static int listener(int backlog, int *port)
{
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in x = in4("127.0.0.1", 0);
    bind(l, SA(x), sizeof(x));
    listen(l, backlog);
    *port = port_of(l);
    return l;
}

static void tcp(void)
{
    int port, l = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(listen(l, 2));
    show_name("listen's autobind", l, 0);
    poll_bits("listener", l);
    port = port_of(l);
    int c = TF(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in x = in4("127.0.0.1", port), peer;
    T(connect(c, SA(x), 1));
    T(connect(c, SA(x), sizeof(x) - 1));
    T(connect(c, SA(x), sizeof(x)));
    T(connect(c, SA(x), sizeof(x)));
    T(connect(l, SA(x), sizeof(x)));
    /* Linux's loopback may hand the listener the handshake's last ACK a moment after connect
       returns (in its softirq): wait for it, as an accept loop would (moat's is there already) */
    poll(&(struct pollfd){l, POLLIN, 0}, 1, 2000);
    poll_bits("listener, one waiting", l);
    int on = 1;
    T(ioctl(l, FIONREAD, &on));
    socklen_t len = sizeof(peer);
    int s = TF(accept(l, SA(peer), &len));
    printf("accept's peer: %s\n", name_text(&peer, len));
    show_name("client's name", c, 0);
    show_name("client's peer", c, 1);
    show_name("server's name", s, 0);
    show_name("server's peer", s, 1);
    printf("ports agree: %d\n", ntohs(peer.sin_port) == port_of(c));
    poll_bits("connected", c);
    T(write(c, "hello", 5));
    T(write(c, " world", 6));
    int n = -1;
    /* Linux's loopback delivers in a softirq, which under QEMU may come a little later */
    for (int i = 0; i < 100 && (ioctl(s, FIONREAD, &n) || n < 11); i++)
        usleep(10000);
    T(ioctl(s, FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    char buf[64] = {0};
    T(recv(s, buf, sizeof(buf), MSG_PEEK));
    T(recv(s, buf, sizeof(buf), 0));
    printf("got \"%s\"\n", buf);
    T(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
    memset(&peer, 0xAA, sizeof(peer));
    len = sizeof(peer);
    T(sendto(s, "back", 4, 0, SA(x), sizeof(x)));
    T(recvfrom(c, buf, sizeof(buf), 0, SA(peer), &len));
    printf("recvfrom's length on a stream: %u\n", (unsigned)len);
    T(shutdown(c, SHUT_WR));
    poll_bits("server, client shut down writing", s);
    T(read(s, buf, sizeof(buf)));
    T(write(s, "more", 4));
    T(read(c, buf, sizeof(buf)));
    T(write(c, "x", 1));
    printf("SIGPIPE: %d\n", pipes);
    T(close(c));
    poll_bits("server, client closed", s);
    T(write(s, "lost", 4));
    poll_bits("server, reset", s);
    T(write(s, "x", 1));
    printf("SIGPIPE: %d\n", pipes);
    T(read(s, buf, sizeof(buf)));
    T(close(s));

    /* a close with data unread resets */
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    T(write(c, "unread", 6));
    T(write(s, "for c", 5));
    T(close(s));
    poll_bits("client, reset", c);
    T(read(c, buf, sizeof(buf)));
    T(read(c, buf, sizeof(buf)));
    T(read(c, buf, sizeof(buf)));
    T(write(c, "x", 1));
    printf("SIGPIPE: %d\n", pipes);
    T(close(c));

    /* nonblocking connects */
    c = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(c, SA(x), sizeof(x)));
    poll_bits("client after EINPROGRESS", c);
    printf("SO_ERROR %d\n", opt(c, SOL_SOCKET, SO_ERROR));
    T(connect(c, SA(x), sizeof(x)));
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    T(close(s));
    T(close(c));
    int free_port;
    int l2 = listener(1, &free_port);
    T(close(l2)); /* a port nobody listens on now */
    x.sin_port = htons((uint16_t)free_port);
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    T(connect(c, SA(x), sizeof(x)));
    T(close(c));
    c = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(c, SA(x), sizeof(x)));
    poll_bits("refused", c);
    printf("SO_ERROR %s\n", errname(opt(c, SOL_SOCKET, SO_ERROR)));
    T(connect(c, SA(x), sizeof(x)));
    T(close(c));
    c = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(c, SA(x), sizeof(x)));
    T(connect(c, SA(x), sizeof(x)));
    T(connect(c, SA(x), sizeof(x)));
    T(close(c));

    /* 0.0.0.0 as a destination is the loopback; a listener closed with one waiting */
    x = in4("0.0.0.0", port);
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    show_name("client's peer by 0.0.0.0", c, 1);
    T(close(l));
    poll_bits("client, listener gone", c);
    T(read(c, buf, sizeof(buf)));
    T(read(c, buf, sizeof(buf)));
    T(close(c));

    /* a listener on 0.0.0.0 answers 127.0.0.2, and accepts name it */
    l = TF(socket(AF_INET, SOCK_STREAM, 0));
    x = in4("0.0.0.0", 0);
    T(bind(l, SA(x), sizeof(x)));
    T(listen(l, 0));
    x = in4("127.0.0.2", port_of(l));
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    show_name("accepted's name", s, 0);
    show_name("client's name", c, 0);
    T(close(s));
    T(close(c));
    T(close(l));
}

/* SO_LINGER's zero time resets; urgent data; a backlog's limit, and a connect that waited
   for room completing once accept makes it. */
static void stream_more(void)
{
    int port, l = listener(1, &port);
    struct sockaddr_in x = in4("127.0.0.1", port);
    int c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    int s = TF(accept(l, NULL, NULL));
    struct linger lg = {1, 0};
    T(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
    T(close(s));
    char buf[16];
    T(read(c, buf, sizeof(buf)));
    T(read(c, buf, sizeof(buf)));
    T(close(c));

    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    T(send(c, "ab", 2, MSG_OOB));
    T(send(c, "cd", 2, 0));
    int at = -1;
    T(ioctl(s, SIOCATMARK, &at));
    printf("at the mark: %d\n", at);
    poll_bits("urgent byte waiting", s);
    memset(buf, 0, sizeof(buf));
    T(recv(s, buf, 1, MSG_OOB));
    printf("urgent \"%s\"\n", buf);
    memset(buf, 0, sizeof(buf));
    T(recv(s, buf, sizeof(buf), 0));
    printf("then \"%s\"\n", buf);
    T(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
    printf("then \"%s\"\n", buf);
    T(close(s));
    T(close(c));

    /* backlog 1: two connections wait, a third's SYN is dropped until accept makes room */
    int a = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    int b = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    c = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(a, SA(x), sizeof(x)));
    T(connect(b, SA(x), sizeof(x)));
    T(connect(c, SA(x), sizeof(x)));
    poll_bits("the third", c);
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    T(close(s));
    struct pollfd p = {.fd = c, .events = POLLOUT};
    T(poll(&p, 1, 5000));
    T(connect(c, SA(x), sizeof(x)));
    T(close(a));
    T(close(b));
    T(close(c));
    T(close(l));

    /* a SYN a full queue dropped, and then nobody listens: the SYN sent again is reset */
    l = listener(0, &port);
    x = in4("127.0.0.1", port);
    a = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    c = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(a, SA(x), sizeof(x)));
    T(connect(c, SA(x), sizeof(x)));
    T(close(l));
    p.fd = c;
    T(poll(&p, 1, 5000));
    poll_bits("refused at last", c);
    printf("SO_ERROR %s\n", errname(opt(c, SOL_SOCKET, SO_ERROR)));
    T(connect(c, SA(x), sizeof(x)));
    T(close(a));
    T(close(c));

    /* four connects on a backlog of 1: the two whose SYNs it dropped get in as accept makes
       room, while nothing looks at them */
    l = listener(1, &port);
    x = in4("127.0.0.1", port);
    int four[4];
    for (int i = 0; i < 4; i++) {
        four[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        T(connect(four[i], SA(x), sizeof(x)));
    }
    for (int i = 0; i < 4; i++) {
        s = TF(accept(l, NULL, NULL));
        T(close(s));
    }
    for (int i = 0; i < 4; i++)
        close(four[i]);
    T(close(l));

    /* a connect whose SYN a full queue dropped gets in to the listener that takes the port
       next, while nothing looks at it (Linux's SYN goes again): a new socket after the first
       closed, then the same socket listening again after connect(AF_UNSPEC) (bound to the
       port by number, which the disconnect keeps) */
    for (int again = 0; again < 2; again++) {
        int one = 1, first, dropped;
        l = listener(0, &port);
        T(close(l));
        l = TF(socket(AF_INET, SOCK_STREAM, 0));
        T(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
        x = in4("127.0.0.1", port);
        T(bind(l, SA(x), sizeof(x)));
        T(listen(l, 0));
        first = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
        T(connect(first, SA(x), sizeof(x)));
        dropped = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
        T(connect(dropped, SA(x), sizeof(x)));
        if (again) {
            T(connect(l, &(struct sockaddr){AF_UNSPEC}, sizeof(struct sockaddr)));
        } else {
            T(close(l));
            l = TF(socket(AF_INET, SOCK_STREAM, 0));
            T(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
            T(bind(l, SA(x), sizeof(x)));
        }
        T(listen(l, 0));
        struct pollfd p = {l, POLLIN};
        T(poll(&p, 1, 10000));
        s = TF(accept(l, NULL, NULL));
        T(close(s));
        T(close(first));
        T(close(dropped));
        T(close(l));
    }
}

static void udp(void)
{
    int a = TF(socket(AF_INET, SOCK_DGRAM, 0)), b = TF(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in x = in4("127.0.0.1", 0), from;
    T(bind(b, SA(x), sizeof(x)));
    int pb = port_of(b);
    x.sin_port = htons((uint16_t)pb);
    T(send(a, "x", 1, 0));
    T(sendto(a, "x", 1, 0, SA(x), sizeof(x) - 1));
    x.sin_port = 0;
    T(sendto(a, "x", 1, 0, SA(x), sizeof(x)));
    x.sin_port = htons((uint16_t)pb);
    x.sin_family = AF_INET6;
    T(sendto(a, "x", 1, 0, SA(x), sizeof(x)));
    x.sin_family = AF_INET;
    T(sendto(a, "x", 1, MSG_OOB, SA(x), sizeof(x)));
    show_name("a, before sending", a, 0);
    T(sendto(a, "one", 3, 0, SA(x), sizeof(x)));
    show_name("a, after sending", a, 0);
    T(sendto(a, "", 0, 0, SA(x), sizeof(x)));
    T(sendto(a, "three", 5, 0, SA(x), sizeof(x)));
    int n = -1;
    T(ioctl(b, FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    poll_bits("b, three waiting", b);
    char buf[64] = {0};
    socklen_t len = sizeof(from);
    T(recvfrom(b, buf, sizeof(buf), 0, SA(from), &len));
    printf("from %s, ports agree %d\n", name_text(&from, len), ntohs(from.sin_port) == port_of(a));
    T(recv(b, buf, sizeof(buf), 0));
    T(recv(b, buf, 2, MSG_TRUNC));
    T(recv(b, buf, sizeof(buf), MSG_DONTWAIT));
    static char big[65536];
    T(sendto(a, big, 65508, 0, SA(x), sizeof(x)));
    T(sendto(a, big, 65507, 0, SA(x), sizeof(x)));
    T(recv(b, big, sizeof(big), 0));

    /* connected: only the peer's datagrams come */
    int c = TF(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in ya = in4("127.0.0.1", port_of(a));
    T(connect(b, SA(ya), sizeof(ya)));
    show_name("b's peer", b, 1);
    T(sendto(c, "stranger", 8, 0, SA(x), sizeof(x)));
    T(sendto(a, "friend", 6, 0, SA(x), sizeof(x)));
    memset(buf, 0, sizeof(buf));
    T(recv(b, buf, sizeof(buf), MSG_DONTWAIT));
    printf("got \"%s\"\n", buf);
    T(recv(b, buf, sizeof(buf), MSG_DONTWAIT));
    T(send(b, "reply", 5, 0));
    T(recv(a, buf, sizeof(buf), MSG_DONTWAIT));
    struct sockaddr un = {.sa_family = AF_UNSPEC};
    T(connect(b, &un, sizeof(un)));
    show_name("b's peer after AF_UNSPEC", b, 1);
    show_name("b's name after AF_UNSPEC", b, 0);

    /* a connected socket learns that nobody listens: ECONNREFUSED, once */
    T(close(a));
    int d = TF(socket(AF_INET, SOCK_DGRAM, 0));
    T(connect(d, SA(ya), sizeof(ya)));
    show_name("d, connected", d, 0);
    T(send(d, "void", 4, 0));
    poll_bits("d, refused", d);
    T(send(d, "void", 4, 0));
    T(send(d, "void", 4, 0));
    T(recv(d, buf, sizeof(buf), MSG_DONTWAIT));
    T(recv(d, buf, sizeof(buf), MSG_DONTWAIT));
    T(sendto(c, "void", 4, 0, SA(ya), sizeof(ya)));
    T(recv(c, buf, sizeof(buf), MSG_DONTWAIT));
    T(close(b));
    T(close(c));
    T(close(d));

    /* sockets sharing a port (SO_REUSEADDR): the most specific takes, then the latest bound */
    int on = 1, s[3], from_any = TF(socket(AF_INET, SOCK_DGRAM, 0));
    const char *const ips[3] = {"0.0.0.0", "127.0.0.1", "127.0.0.1"};
    for (int i = 0; i < 3; i++) {
        s[i] = socket(AF_INET, SOCK_DGRAM, 0);
        setsockopt(s[i], SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
        x = in4(ips[i], i ? port_of(s[0]) : 0);
        T(bind(s[i], SA(x), sizeof(x)));
    }
    x = in4("127.0.0.1", port_of(s[0]));
    T(sendto(from_any, "1", 1, 0, SA(x), sizeof(x)));
    for (int i = 0; i < 3; i++)
        printf("bound to %s (%d): %ld\n", ips[i], i,
               (long)recv(s[i], buf, sizeof(buf), MSG_DONTWAIT));
    T(close(s[2]));
    T(sendto(from_any, "1", 1, 0, SA(x), sizeof(x)));
    printf("then the other on 127.0.0.1: %ld\n", (long)recv(s[1], buf, sizeof(buf), MSG_DONTWAIT));
    T(close(s[1]));
    T(sendto(from_any, "1", 1, 0, SA(x), sizeof(x)));
    printf("then the one on 0.0.0.0: %ld\n", (long)recv(s[0], buf, sizeof(buf), MSG_DONTWAIT));
    T(close(s[0]));
    T(close(from_any));
}

static void options(void)
{
    int t = TF(socket(AF_INET, SOCK_STREAM, 0)), u = TF(socket(AF_INET, SOCK_DGRAM, 0));
    printf("TCP_QUICKACK %d, IP_MTU_DISCOVER %d\n", opt(t, IPPROTO_TCP, TCP_QUICKACK),
           opt(t, IPPROTO_IP, IP_MTU_DISCOVER));
    printf("IP_TTL %d, IP_TOS %d, TCP_NODELAY %d, keepalive %d %d %d\n", opt(t, IPPROTO_IP, IP_TTL),
           opt(t, IPPROTO_IP, IP_TOS), opt(t, IPPROTO_TCP, TCP_NODELAY),
           opt(t, IPPROTO_TCP, TCP_KEEPIDLE), opt(t, IPPROTO_TCP, TCP_KEEPINTVL),
           opt(t, IPPROTO_TCP, TCP_KEEPCNT));
    int v = 1;
    T(setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)));
    v = 33;
    T(setsockopt(t, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    T(setsockopt(u, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    v = 0;
    T(setsockopt(t, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    v = 256;
    T(setsockopt(t, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    v = 0x1F;
    T(setsockopt(t, IPPROTO_IP, IP_TOS, &v, sizeof(v)));
    T(setsockopt(u, IPPROTO_IP, IP_TOS, &v, sizeof(v)));
    v = 600;
    T(setsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)));
    v = 0;
    T(setsockopt(t, IPPROTO_TCP, TCP_KEEPINTVL, &v, sizeof(v)));
    v = 128;
    T(setsockopt(t, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof(v)));
    T(setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, 2));
    printf("tcp: IP_TTL %d, IP_TOS %d, TCP_NODELAY %d, TCP_KEEPIDLE %d\n",
           opt(t, IPPROTO_IP, IP_TTL), opt(t, IPPROTO_IP, IP_TOS), opt(t, IPPROTO_TCP, TCP_NODELAY),
           opt(t, IPPROTO_TCP, TCP_KEEPIDLE));
    printf("udp: IP_TTL %d, IP_TOS %d, TCP_NODELAY %d\n", opt(u, IPPROTO_IP, IP_TTL),
           opt(u, IPPROTO_IP, IP_TOS), opt(u, IPPROTO_TCP, TCP_NODELAY));
    v = -1;
    T(setsockopt(t, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    printf("IP_TTL back to %d\n", opt(t, IPPROTO_IP, IP_TTL));
    T(setsockopt(u, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)));
    T(setsockopt(t, IPPROTO_UDP, 1, &v, sizeof(v)));
    T(setsockopt(t, IPPROTO_IP, 9999, &v, sizeof(v)));
    int un = TF(socket(AF_UNIX, SOCK_STREAM, 0));
    T(setsockopt(un, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    printf("unix: IP_TTL %s\n", errname(-opt(un, IPPROTO_IP, IP_TTL)));
    T(close(un));
    T(close(t));
    T(close(u));
}

/* The states a connection leaves behind: an abort by connect(AF_UNSPEC), a connect a signal
   cut short, resets and FINs, refusals; the names and ports each leaves; urgent edges. */
static void leftovers(void)
{
    int port, l = listener(4, &port);
    struct sockaddr_in x = in4("127.0.0.1", port);
    struct sockaddr un = {.sa_family = AF_UNSPEC};
    char buf[16];

    /* an abort after the peer closed */
    int c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    printf("connect's port is even: %d\n", port_of(c) % 2 == 0);
    int s = TF(accept(l, NULL, NULL));
    T(close(s));
    T(connect(c, &un, sizeof(un)));
    printf("SO_ERROR %s\n", errname(opt(c, SOL_SOCKET, SO_ERROR)));
    T(close(c));

    /* an abort of a live connection: the peer is reset, and the aborter has ECONNRESET */
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    T(connect(c, &un, sizeof(un)));
    poll_bits("aborted", c);
    printf("SO_ERROR %s\n", errname(opt(c, SOL_SOCKET, SO_ERROR)));
    show_name("aborted's name", c, 0);
    T(read(s, buf, sizeof(buf)));
    show_name("reset's peer", s, 1);
    T(shutdown(s, SHUT_WR));
    struct sockaddr_in y = in4("127.0.0.1", 0);
    T(bind(s, SA(y), sizeof(y)));
    T(close(s));
    T(close(c));

    /* SO_PASSCRED brings no credentials over TCP */
    int on = 1;
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    setsockopt(c, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)); /* 6.18 refuses it, 6.1 not */
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    setsockopt(s, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
    T(write(c, "x", 1));
    char ctl[64];
    struct iovec iov = {buf, sizeof(buf)};
    struct msghdr m = {
        .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl)};
    T(recvmsg(s, &m, 0));
    printf("control bytes: %u\n", (unsigned)m.msg_controllen);

    /* a FIN each way: the connection is over; one's own SHUT_RDWR alone is not */
    T(shutdown(s, SHUT_RDWR));
    show_name("peer after its own shutdown", s, 1);
    T(shutdown(c, SHUT_WR));
    show_name("peer after a FIN each way", s, 1);
    T(shutdown(s, SHUT_RD));
    T(close(s));
    T(close(c));

    /* urgent edges: an empty urgent send, FIONREAD not counting the urgent byte */
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(send(c, "", 0, MSG_OOB | MSG_NOSIGNAL));
    T(connect(c, SA(x), sizeof(x)));
    s = TF(accept(l, NULL, NULL));
    T(send(c, "", 0, MSG_OOB));
    T(send(c, "abc", 3, MSG_OOB));
    int n = -1;
    T(ioctl(s, FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    T(recv(l, buf, 1, MSG_OOB));
    T(close(s));
    T(close(c));

    /* a blocking connect a signal cut short (the backlog full) */
    for (int i = 0; i < 5; i++)
        connect(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), SA(x), sizeof(x));
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    struct sigaction sa = {.sa_handler = on_pipe};
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    T(connect(c, SA(x), sizeof(x)));
    poll_bits("waiting for room", c);
    show_name("its peer", c, 1);
    T(send(c, "x", 1, MSG_DONTWAIT));
    T(listen(c, 1));
    T(shutdown(c, SHUT_RDWR));
    poll_bits("after shutdown", c);
    T(close(c));
    T(close(l)); /* and the five waiting connections are reset */

    /* refused: the name keeps its port shown, the address forgotten, the port given back
       (a listen now is EINVAL on Linux 6.18, 0 on 6.1) */
    c = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, SA(x), sizeof(x)));
    show_name("refused's name", c, 0);
    T(bind(c, SA(y), sizeof(y)));
    printf("bind's port is odd: %d\n", port_of(c) % 2 == 1);
    T(close(c));
}

/* UDP's edges: connect binds before it checks; 0.0.0.0 as a destination is the sender's own
   address; lo's broadcast address; port unreachable only from the connected peer; how many
   small datagrams a default receive buffer takes. */
/* A socket disconnected from its autobound port has none: a datagram to port 0 finds nobody
   (port unreachable). */
static void port_zero(void)
{
    struct sockaddr_in x = in4("127.0.0.1", 9);
    struct sockaddr un = {.sa_family = AF_UNSPEC};
    int d = TF(socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0));
    int s = TF(socket(AF_INET, SOCK_DGRAM, 0));
    T(connect(d, SA(x), sizeof(x)));
    T(connect(d, &un, sizeof(un)));
    show_name("disconnected", d, 0);
    x.sin_port = 0;
    T(connect(s, SA(x), sizeof(x)));
    T(send(s, "hi", 2, 0));
    char buf[8];
    T(recv(d, buf, sizeof(buf), 0));
    T(send(s, "hi", 2, 0));
    T(close(d));
    T(close(s));
}

static void udp_edges(void)
{
    int a = TF(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in x = in4("127.0.0.2", 0);
    T(bind(a, SA(x), sizeof(x)));
    struct sockaddr_in zero = in4("0.0.0.0", port_of(a)), far = in4("127.0.0.1", 9);
    T(sendto(a, "me", 2, 0, SA(zero), sizeof(zero)));
    char buf[8];
    T(recv(a, buf, sizeof(buf), MSG_DONTWAIT));
    int b = TF(socket(AF_INET, SOCK_DGRAM, 0));
    far.sin_family = AF_INET6;
    T(connect(b, SA(far), sizeof(far)));
    show_name("b after a refused connect", b, 0);
    far.sin_family = AF_INET;
    struct sockaddr_in ya = in4("127.0.0.2", port_of(a));
    T(connect(b, SA(ya), sizeof(ya)));
    T(sendto(b, "x", 1, 0, SA(far), sizeof(far)));
    printf("SO_ERROR from elsewhere: %d\n", opt(b, SOL_SOCKET, SO_ERROR));
    struct sockaddr_in bc = in4("127.255.255.255", port_of(a));
    T(sendto(b, "x", 1, 0, SA(bc), sizeof(bc)));
    int on = 1;
    T(setsockopt(b, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)));
    int t = TF(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(t, SA(bc), sizeof(bc)));
    T(close(t));
    int held = 0;
    for (int i = 0; i < 1000; i++)
        sendto(b, "x", 1, 0, SA(ya), sizeof(ya));
    while (recv(a, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
        held++;
    /* 256 or 257, as the kernel's skb truesize falls */
    printf("1-byte datagrams a default buffer holds: 250-260 %d\n", held >= 250 && held <= 260);
    T(close(a));
    T(close(b));
}

int main(void)
{
    signal(SIGPIPE, on_pipe);
    setvbuf(stdout, NULL, _IONBF, 0);
    creation();
    binding();
    tcp();
    stream_more();
    leftovers();
    udp();
    udp_edges();
    port_zero();
    options();
    return 0;
}
