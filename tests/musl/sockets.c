/* Proves AF_UNIX sockets behave as Linux's, within one process: socket()'s refusals in Linux's
 * order; a stream pair's bytes (merged across sends, MSG_PEEK, MSG_DONTWAIT, FIONREAD), its
 * shutdowns (end of file, EPIPE with SIGPIPE unless MSG_NOSIGNAL) and a close with data unread
 * (ECONNRESET, once); datagram and sequenced-packet pairs keeping message boundaries (MSG_TRUNC
 * in and out, an empty datagram); poll's bits in each state; names in the tree (the node's type
 * and mode, getsockname's length, EADDRINUSE, EINVAL for a second name, ENXIO to open), in the
 * abstract namespace (per type) and made up (autobind); listen, connect and accept (the backlog,
 * the peers' names, SO_PEERCRED, SO_PASSCRED inherited, ECONNREFUSED, EPROTOTYPE, EISCONN,
 * EAGAIN); datagrams by address (recvfrom's sender, EPERM to a socket connected elsewhere,
 * ECONNREFUSED then ENOTCONN once the peer is gone). It works in a scratch folder under the
 * working directory and removes it. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define DIR_NAME "sockets_scratch.tmp"

static int pipes;
static void on_pipe(int sig)
{
    (void)sig;
    pipes++;
}

static void poll_bits(const char *what, int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP};
    poll(&p, 1, 0);
    printf("poll %s:%s%s%s%s%s\n", what, p.revents & POLLIN ? " IN" : "",
           p.revents & POLLOUT ? " OUT" : "", p.revents & POLLRDHUP ? " RDHUP" : "",
           p.revents & POLLHUP ? " HUP" : "", p.revents & POLLERR ? " ERR" : "");
}

static socklen_t addr_of(struct sockaddr_un *a, const char *path)
{
    memset(a, 0, sizeof(*a));
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, path);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path));
}

static int *volatile bad_sv = (int *)8;

static void creation(void)
{
    int so;
    socklen_t len = sizeof(so);
    T(socket(AF_UNIX, SOCK_STREAM | 0x100000, 0));
    T(socket(-1, SOCK_STREAM, 0));
    T(socket(46, SOCK_STREAM, 0));
    T(socket(AF_UNIX, 11, 0));
    T(socket(AF_UNIX, SOCK_STREAM, 2));
    T(socket(AF_UNIX, 4, 0));
    T(socket(AF_UNIX, 0, 0));
    int fd = TF(socket(AF_UNIX, SOCK_RAW, 1));
    T(getsockopt(fd, SOL_SOCKET, SO_TYPE, &so, &len));
    printf("SOCK_RAW's type: %d\n", so);
    struct stat st;
    T(fstat(fd, &st));
    printf("a socket: S_ISSOCK %d, mode %o, size %lld\n", S_ISSOCK(st.st_mode), st.st_mode & 07777,
           (long long)st.st_size);
    char link[64] = {0};
    char path[32];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    readlink(path, link, sizeof(link) - 1);
    printf("its fd link starts socket:[ %d\n", !strncmp(link, "socket:[", 8));
    T(close(fd));
    fd = TF(socket(AF_UNIX, SOCK_STREAM, 0));
    T(lseek(fd, 0, SEEK_SET));
    T(read(fd, path, 1));
    T(write(fd, "x", 1));
    T(close(fd));
    T(listen(0, 1));
    T(listen(99, 1));
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, bad_sv));
    T(socketpair(-1, SOCK_STREAM, 0, sv));
}

static void stream_pair(void)
{
    int sv[2];
    char buf[64] = {0};
    T(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
    poll_bits("connected, nothing sent", sv[0]);
    T(write(sv[0], "hello ", 6));
    T(send(sv[0], "world", 5, 0));
    int n = 0;
    T(ioctl(sv[1], FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    poll_bits("data waiting", sv[1]);
    T(recv(sv[1], buf, 4, MSG_PEEK));
    T(read(sv[1], buf, sizeof(buf)));
    printf("read: %s\n", buf);
    T(recv(sv[1], buf, sizeof(buf), 0));
    T(recv(sv[1], buf, 0, MSG_DONTWAIT));
    T(shutdown(sv[0], 3));
    T(shutdown(sv[0], SHUT_WR));
    T(recv(sv[1], buf, sizeof(buf), 0));
    poll_bits("peer shut writing", sv[1]);
    poll_bits("shut writing", sv[0]);
    T(send(sv[0], "x", 1, 0));
    printf("SIGPIPE %d\n", pipes);
    T(send(sv[0], "x", 1, MSG_NOSIGNAL));
    printf("SIGPIPE %d\n", pipes);
    T(send(sv[1], "back", 4, 0));
    T(read(sv[0], buf, sizeof(buf)));
    T(shutdown(sv[0], SHUT_RD));
    T(send(sv[1], "x", 1, MSG_NOSIGNAL));
    T(read(sv[0], buf, sizeof(buf)));
    poll_bits("shut both ways", sv[0]);
    T(close(sv[0]));
    T(close(sv[1]));

    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    T(send(sv[1], "unread", 6, 0));
    T(close(sv[0])); /* with data unread: the peer is reset */
    poll_bits("peer closed with data unread", sv[1]);
    T(recv(sv[1], buf, sizeof(buf), 0));
    T(recv(sv[1], buf, sizeof(buf), 0));
    T(write(sv[1], "x", 1));
    printf("SIGPIPE %d\n", pipes);
    T(close(sv[1]));
}

static void packet_pairs(void)
{
    int sv[2];
    char buf[64] = {0};
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    poll_bits("datagram pair", sv[0]);
    T(send(sv[0], "first", 5, 0));
    T(send(sv[0], "", 0, 0));
    T(send(sv[0], "third one", 9, 0));
    int n = 0;
    T(ioctl(sv[1], FIONREAD, &n));
    printf("FIONREAD (the next datagram) %d\n", n);
    T(recv(sv[1], buf, sizeof(buf), 0));
    T(recv(sv[1], buf, sizeof(buf), 0));
    struct iovec iov = {buf, 5};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
    T(recvmsg(sv[1], &m, MSG_PEEK));
    printf("MSG_TRUNC out: %d\n", !!(m.msg_flags & MSG_TRUNC));
    T(recv(sv[1], buf, 5, MSG_TRUNC));
    T(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
    T(getsockname(sv[0], (struct sockaddr *)buf, &(socklen_t){sizeof(buf)}));
    T(close(sv[0]));
    T(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
    T(send(sv[1], "x", 1, 0));
    T(send(sv[1], "x", 1, 0));
    T(close(sv[1]));

    T(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    T(send(sv[0], "one", 3, 0));
    T(send(sv[0], "two", 3, 0));
    T(recv(sv[1], buf, 2, 0));
    T(recv(sv[1], buf, sizeof(buf), 0));
    T(sendto(sv[0], "x", 1, 0, (struct sockaddr *)&(struct sockaddr_un){AF_UNIX, "nowhere"}, 10));
    T(recv(sv[1], buf, sizeof(buf), 0));
    T(close(sv[0]));
    poll_bits("sequenced packets, peer closed", sv[1]);
    T(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
    T(send(sv[1], "x", 1, 0));
    printf("SIGPIPE %d\n", pipes);
    T(close(sv[1]));
}

static void names(void)
{
    struct sockaddr_un a, got;
    socklen_t len = addr_of(&a, "srv");
    int s = TF(socket(AF_UNIX, SOCK_STREAM, 0));
    poll_bits("fresh stream socket", s);
    T(listen(s, 1));
    T(bind(s, (struct sockaddr *)&a, 1));
    T(bind(s, (struct sockaddr *)&a, 111));
    T(bind(s, (struct sockaddr *)&a, len));
    T(bind(s, (struct sockaddr *)&a, len));
    struct sockaddr_un other;
    socklen_t olen = addr_of(&other, "other");
    T(bind(s, (struct sockaddr *)&other, olen)); /* named already: its node goes again */
    T(access("other", F_OK));
    socklen_t glen = sizeof(got);
    T(getsockname(s, (struct sockaddr *)&got, &glen));
    printf("bound to %s, length %u\n", got.sun_path, (unsigned)glen);
    struct stat st;
    T(stat("srv", &st));
    printf("its node: S_ISSOCK %d, mode %o\n", S_ISSOCK(st.st_mode), st.st_mode & 07777);
    T(open("srv", O_RDWR));
    T(open("srv", O_PATH | O_CLOEXEC) >= 0);
    int t = TF(socket(AF_UNIX, SOCK_STREAM, 0));
    T(bind(t, (struct sockaddr *)&a, len));
    T(connect(t, (struct sockaddr *)&a, len)); /* not listening yet */
    T(listen(s, 1));
    int acc = 0;
    T(getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &acc, &(socklen_t){4}));
    printf("SO_ACCEPTCONN %d\n", acc);
    poll_bits("listener, nobody waiting", s);
    T(connect(t, (struct sockaddr *)&a, len));
    poll_bits("listener, one waiting", s);
    int u = TF(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
    int v = TF(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(setsockopt(s, SOL_SOCKET, SO_PASSCRED, &(int){1}, sizeof(int)));
    T(connect(u, (struct sockaddr *)&a, len)); /* backlog 1: one more */
    T(connect(v, (struct sockaddr *)&a, len)); /* full */
    glen = sizeof(got);
    T(getpeername(t, (struct sockaddr *)&got, &glen));
    printf("the client's peer: %s, length %u\n", got.sun_path, (unsigned)glen);
    T(send(t, "early", 5, 0)); /* before accept */
    glen = sizeof(got);
    int c = TF(accept4(s, (struct sockaddr *)&got, &glen, SOCK_CLOEXEC));
    printf("accepted from an unnamed client: length %u\n", (unsigned)glen);
    glen = sizeof(got);
    T(getsockname(c, (struct sockaddr *)&got, &glen));
    printf("the accepted socket's name: %s, length %u\n", got.sun_path, (unsigned)glen);
    char buf[16] = {0};
    T(recv(c, buf, sizeof(buf), 0));
    struct ucred cr;
    socklen_t crlen = sizeof(cr);
    T(getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &crlen));
    printf("SO_PEERCRED: ours %d, uid %d, gid %d, length %u\n", cr.pid == getpid(),
           cr.uid == geteuid(), cr.gid == getegid(), (unsigned)crlen);
    crlen = sizeof(cr);
    T(getsockopt(v, SOL_SOCKET, SO_PEERCRED, &cr, &crlen));
    printf("unconnected SO_PEERCRED: %d %d %d\n", cr.pid, (int)cr.uid, (int)cr.gid);
    int uc = TF(accept(s, NULL, NULL));
    int pc = 0;
    T(getsockopt(uc, SOL_SOCKET, SO_PASSCRED, &pc, &(socklen_t){sizeof(pc)}));
    printf("the accepted socket's SO_PASSCRED, the listener's: %d\n", pc);
    T(close(uc));
    T(connect(t, (struct sockaddr *)&a, len));
    T(fcntl(s, F_SETFL, O_NONBLOCK));
    T(accept(s, NULL, NULL));
    T(accept(c, NULL, NULL));
    T(connect(c, (struct sockaddr *)&a, len));
    int d = TF(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(connect(d, (struct sockaddr *)&a, len));
    T(listen(d, 1));
    T(accept(d, NULL, NULL));
    len = addr_of(&a, "missing");
    T(connect(v, (struct sockaddr *)&a, len));
    T(close(open("plain", O_CREAT | O_WRONLY, 0600)));
    len = addr_of(&a, "plain");
    T(connect(v, (struct sockaddr *)&a, len));
    T(bind(v, (struct sockaddr *)&a, len));
    T(unlink("plain"));
    T(unlink("srv"));
    len = addr_of(&a, "srv");
    T(connect(v, (struct sockaddr *)&a, len)); /* the name is gone, the socket listens on */
    T(close(s));
    T(close(t));
    T(close(u));
    T(close(v));
    T(close(c));
    T(close(d));
}

static void abstract(void)
{
    struct sockaddr_un a = {AF_UNIX, "\0moat-sockets-test"}, got;
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + 18;
    int s = TF(socket(AF_UNIX, SOCK_DGRAM, 0));
    int t = TF(socket(AF_UNIX, SOCK_DGRAM, 0));
    int q = TF(socket(AF_UNIX, SOCK_SEQPACKET, 0));
    T(bind(s, (struct sockaddr *)&a, len));
    T(bind(t, (struct sockaddr *)&a, len));
    T(bind(q, (struct sockaddr *)&a, len));     /* another type, another namespace */
    T(bind(t, (struct sockaddr *)&a, len - 1)); /* a shorter name is another name */
    socklen_t glen = sizeof(got);
    T(getsockname(t, (struct sockaddr *)&got, &glen));
    printf("length %u, abstract %d\n", (unsigned)glen, got.sun_path[0] == 0);
    int u = TF(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(bind(u, (struct sockaddr *)&a, 2)); /* autobind */
    T(bind(u, (struct sockaddr *)&a, 2));
    glen = sizeof(got);
    T(getsockname(u, (struct sockaddr *)&got, &glen));
    printf("autobind: length %u, abstract %d\n", (unsigned)glen, got.sun_path[0] == 0);

    char buf[16] = {0};
    T(sendto(u, "to s", 4, 0, (struct sockaddr *)&a, len));
    glen = sizeof(got);
    T(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen));
    printf("from the autobound socket: length %u\n", (unsigned)glen);
    int w = TF(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(sendto(w, "anon", 4, 0, (struct sockaddr *)&a, len));
    glen = sizeof(got);
    T(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen));
    printf("from an unnamed socket: length %u\n", (unsigned)glen);
    T(send(w, "x", 1, 0));
    T(sendto(w, "x", 1, 0, (struct sockaddr *)&a, len - 1));
    T(sendto(w, "x", 1, 0, (struct sockaddr *)&a, 200));
    T(sendto(w, "x", 1, 0, (struct sockaddr *)&a, 1));
    T(connect(s, (struct sockaddr *)&got, 2)); /* AF_UNIX, no name */
    glen = sizeof(got);
    T(getsockname(t, (struct sockaddr *)&got, &glen));
    T(connect(s, (struct sockaddr *)&got, glen)); /* s takes datagrams from t only */
    T(sendto(w, "x", 1, 0, (struct sockaddr *)&a, len));
    T(connect(w, (struct sockaddr *)&a, len));
    T(connect(s, (struct sockaddr *)&(struct sockaddr){AF_UNSPEC}, sizeof(struct sockaddr)));
    T(connect(w, (struct sockaddr *)&a, len));
    T(send(w, "via peer", 8, 0));
    T(recv(s, buf, sizeof(buf), 0));
    T(close(s));
    T(send(w, "x", 1, 0));
    T(send(w, "x", 1, 0));
    T(close(t));
    T(close(q));
    T(close(u));
    T(close(w));
}

int main(void)
{
    signal(SIGPIPE, on_pipe);
    setvbuf(stdout, NULL, _IONBF, 0);
    umask(022);
    creation();
    stream_pair();
    packet_pairs();
    if (mkdir(DIR_NAME, 0755) || chdir(DIR_NAME))
        return 1;
    names();
    abstract();
    chdir("..");
    T(rmdir(DIR_NAME));
    return 0;
}
