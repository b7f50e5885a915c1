/* Proves that no sequence of AF_UNIX and AF_INET socket calls hurts the kernel: seeded random
 * calls on a pool of descriptors (pairs of every type, TCP and UDP sockets on the loopback's few
 * ports, named sockets, listeners, connections, accepts,
 * sends of up to 220 KB carrying descriptors of the pool (sockets inside themselves among them),
 * credentials and urgent bytes, receives with short or missing control buffers, MSG_PEEK and
 * MSG_OOB, shutdowns, dups, closes, options, unlinks, and bad addresses), some of them blocking
 * until a 2 ms interval timer cuts them short. The app must end normally, with every descriptor
 * closed and the kernel alive; its own output is only a count. Usage: sock_fuzz SEED ROUNDS. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define SLOTS 16
#define BIG 220000

static int pool[SLOTS];
static unsigned long long state;
static char *buf;

static unsigned rnd(unsigned n)
{
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)(state >> 33) % n;
}

static int any_fd(void)
{
    int fd = pool[rnd(SLOTS)];
    return rnd(16) ? fd : rnd(2) ? -1 : 3 + (int)rnd(40); /* never the console's */
}

static void put(int fd)
{
    int i = rnd(SLOTS);
    if (pool[i] >= 0)
        close(pool[i]);
    pool[i] = fd;
}

static void *bad_or(void *p)
{
    static void *const bad[] = {NULL, (void *)1, (void *)0xC0000000ul, (void *)-4096l};
    return rnd(24) ? p : bad[rnd(4)];
}

/* An AF_UNIX name, or (a third of the time) an AF_INET address among a few. */
static socklen_t name(struct sockaddr_un *a)
{
    static const char *const names[] = {"s.a", "s.b", "\0x", "\0y", "s.dir/no", ""};
    static const unsigned ips[] = {0x7F000001, 0, 0x7F000002, 0x0A000001, 0xFFFFFFFF};
    const char *n = names[rnd(6)];
    memset(a, 0, sizeof(*a));
    if (!rnd(3)) {
        struct sockaddr_in in = {.sin_family = rnd(20) ? AF_INET : rnd(3),
                                 .sin_port = htons((unsigned short)(rnd(4) ? 40000 + rnd(3) : 0)),
                                 .sin_addr.s_addr = htonl(ips[rnd(5)])};
        memcpy(a, &in, sizeof(in));
        return rnd(16) ? sizeof(in) : (socklen_t)rnd(20);
    }
    a->sun_family = rnd(20) ? AF_UNIX : rnd(3);
    size_t len = n[0] ? strlen(n) : 2;
    memcpy(a->sun_path, n, len);
    return rnd(16) ? (socklen_t)(2 + len + (n[0] != 0)) : (socklen_t)rnd(130);
}

static void send_some(int fd)
{
    char ctl[CMSG_SPACE(8 * sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))] = {0};
    size_t len = rnd(4) ? rnd(300) : rnd(BIG);
    struct iovec iov[2] = {{buf, len / 2}, {buf + len / 2, len - len / 2}};
    struct sockaddr_un a;
    struct msghdr m = {.msg_iov = bad_or(iov), .msg_iovlen = 1 + rnd(2)};
    if (!rnd(4))
        m.msg_namelen = name(&a), m.msg_name = &a;
    if (rnd(2)) {
        int n = 1 + (int)rnd(8);
        struct cmsghdr *c = (struct cmsghdr *)ctl;
        c->cmsg_level = SOL_SOCKET, c->cmsg_type = SCM_RIGHTS, c->cmsg_len = CMSG_LEN(n * 4);
        for (int i = 0; i < n; i++)
            ((int *)CMSG_DATA(c))[i] = rnd(8) ? pool[rnd(SLOTS)] : fd;
        m.msg_control = ctl;
        m.msg_controllen = CMSG_SPACE(n * 4);
        if (!rnd(3)) {
            struct cmsghdr *d = (struct cmsghdr *)(ctl + CMSG_SPACE(n * 4));
            struct ucred u = {getpid(), getuid(), getgid()};
            d->cmsg_level = SOL_SOCKET, d->cmsg_type = SCM_CREDENTIALS;
            d->cmsg_len = CMSG_LEN(sizeof(u));
            memcpy(CMSG_DATA(d), &u, sizeof(u));
            m.msg_controllen += CMSG_SPACE(sizeof(u));
        }
        if (!rnd(16))
            m.msg_controllen = rnd(sizeof(ctl) + 1);
    }
    sendmsg(fd, &m, (rnd(8) ? MSG_DONTWAIT : 0) | (rnd(8) ? 0 : MSG_OOB) | MSG_NOSIGNAL);
}

static void recv_some(int fd)
{
    char ctl[CMSG_SPACE(8 * sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
    struct sockaddr_un a;
    struct iovec iov = {buf, rnd(2) ? rnd(400) : BIG};
    struct msghdr m = {.msg_iov = &iov,
                       .msg_iovlen = 1,
                       .msg_name = rnd(2) ? &a : NULL,
                       .msg_namelen = sizeof(a),
                       .msg_control = rnd(3) ? ctl : NULL,
                       .msg_controllen = rnd(sizeof(ctl) + 1)};
    int flags = (rnd(8) ? MSG_DONTWAIT : 0) | (rnd(4) ? 0 : MSG_PEEK) |
                (rnd(4) ? 0 : MSG_TRUNC | MSG_CMSG_CLOEXEC) | (rnd(8) ? 0 : MSG_WAITALL) |
                (rnd(8) ? 0 : MSG_OOB);
    /* musl's recvmsg reads the msghdr itself: a bad one goes to the kernel directly */
    if (syscall(SYS_recvmsg, fd, bad_or(&m), flags) >= 0 && m.msg_control)
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
            if (c->cmsg_type == SCM_RIGHTS)
                for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++)
                    put(((int *)CMSG_DATA(c))[i]);
}

static void step(void)
{
    static const int types[] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};
    int sv[2], fd = any_fd(), type = types[rnd(3)] | (rnd(2) ? SOCK_NONBLOCK : 0);
    struct sockaddr_un a;
    socklen_t len;
    switch (rnd(20)) {
    case 0:
        if (!socketpair(AF_UNIX, type, 0, sv))
            put(sv[0]), put(sv[1]);
        break;
    case 1:
        put(socket(rnd(2) ? AF_UNIX : AF_INET, type, 0));
        break;
    case 2:
        len = name(&a);
        bind(fd, bad_or(&a), len);
        break;
    case 3:
        listen(fd, (int)rnd(4) - 1);
        break;
    case 4:
        len = name(&a);
        connect(fd, bad_or(&a), len);
        break;
    case 5:
        len = sizeof(a);
        put(accept4(fd, rnd(2) ? (void *)&a : NULL, bad_or(&len), rnd(2) ? SOCK_NONBLOCK : 0));
        break;
    case 6:
    case 7:
    case 8:
        send_some(fd);
        break;
    case 9:
    case 10:
    case 11:
        recv_some(fd);
        break;
    case 12:
        shutdown(fd, (int)rnd(4));
        break;
    case 13:
        put(rnd(2) ? dup(fd) : -1);
        break;
    case 14:
        if (rnd(3))
            setsockopt(fd, SOL_SOCKET, rnd(3) ? rnd(2) ? SO_PASSCRED : SO_SNDBUF : SO_OOBINLINE,
                       &(int){(int)rnd(9000)}, sizeof(int));
        else
            setsockopt(fd, rnd(2) ? IPPROTO_IP : IPPROTO_TCP, (int)rnd(8),
                       &(int){(int)rnd(300) - 1}, (socklen_t)rnd(5));
        break;
    case 15: {
        struct pollfd p[SLOTS];
        for (int i = 0; i < SLOTS; i++)
            p[i] = (struct pollfd){pool[i], POLLIN | POLLOUT | POLLRDHUP, 0};
        poll(p, SLOTS, 0);
        break;
    }
    case 16:
        len = sizeof(a);
        (rnd(2) ? getsockname : getpeername)(fd, bad_or(&a), bad_or(&len));
        break;
    case 17:
        if (rnd(2))
            write(fd, buf, rnd(5000));
        else
            read(fd, buf, rnd(5000));
        break;
    case 18:
        unlink(rnd(2) ? "s.a" : "s.b");
        break;
    default:
        fcntl(fd, F_SETFL, rnd(2) ? O_NONBLOCK : 0);
        break;
    }
}

static void tick(int sig)
{
    (void)sig;
}

int main(int argc, char **argv)
{
    state = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    long rounds = argc > 2 ? strtol(argv[2], NULL, 0) : 2000;
    buf = calloc(1, BIG);
    for (int i = 0; i < SLOTS; i++)
        pool[i] = -1;
    for (int fd = 3; fd < 1024; fd++) /* what the caller left open is not the fuzzer's to hit */
        close(fd);
    sigaction(SIGALRM, &(struct sigaction){.sa_handler = tick}, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct itimerval it = {{0, 2000}, {0, 2000}};
    setitimer(ITIMER_REAL, &it, NULL);
    for (long i = 0; i < rounds; i++)
        step();
    setitimer(ITIMER_REAL, &(struct itimerval){0}, NULL);
    for (int i = 0; i < SLOTS; i++)
        if (pool[i] >= 0)
            close(pool[i]);
    for (int fd = 3; fd < 1024; fd++)
        close(fd);
    unlink("s.a");
    unlink("s.b");
    printf("%ld rounds\n", rounds);
    return 0;
}
