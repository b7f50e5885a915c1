/* Proves what AF_UNIX sockets carry besides bytes, and their options, as Linux: SCM_RIGHTS (a
 * pipe's end passed and used; several messages' descriptors; MSG_CTRUNC and the descriptors
 * closed when the control buffer is short or missing; EBADF; levels other than SOL_SOCKET
 * skipped, an unknown type EINVAL; MSG_PEEK's copies; MSG_CMSG_CLOEXEC; a stream read stopping
 * after the message that carried descriptors), SCM_CREDENTIALS (SO_PASSCRED at either end, ids
 * that are ours, EINVAL for a bad length or an id of -1), scatter and gather through iovecs,
 * sendmmsg and recvmmsg, SOL_SOCKET's options (the types, buffer sizes doubled and clamped,
 * SO_RCVTIMEO's wait and EDOM, SO_ERROR, a short length cut, ENOPROTOOPT, EOPNOTSUPP at another
 * level), EMSGSIZE for a datagram past the send buffer, and sockets sent inside themselves and
 * closed, over and over, freed as Linux's collector frees them (else the kernel's memory runs
 * out), a chain of 2000 nested in flight collected at once, a socket that only a message in a
 * dying socket's queue holds released as a close would (its peer reset), not as garbage, and a
 * limit on descriptors in flight for a user without capabilities. i386 also calls the direct
 * system calls, not only socketcall. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* Send n descriptors (and bytes) in one SCM_RIGHTS message. */
static long send_fds(int s, const int *fds, int n, const char *bytes)
{
    char ctl[CMSG_SPACE(300 * sizeof(int))];
    struct iovec iov = {(void *)bytes, strlen(bytes)};
    struct msghdr m = {.msg_iov = &iov,
                       .msg_iovlen = 1,
                       .msg_control = ctl,
                       .msg_controllen = CMSG_SPACE(n * sizeof(int))};
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    return sendmsg(s, &m, 0);
}

/* Receive, with room for room descriptors; print what came; the first descriptor in *first
   (when asked), the others closed. */
static void recv_fds(int s, int room, int flags, int *first)
{
    char buf[32] = {0}, ctl[CMSG_SPACE(8 * sizeof(int))];
    struct iovec iov = {buf, sizeof(buf) - 1};
    struct msghdr m = {.msg_iov = &iov,
                       .msg_iovlen = 1,
                       .msg_control = room ? ctl : NULL,
                       .msg_controllen = room ? CMSG_LEN(room * sizeof(int)) : 0};
    size_t given = m.msg_controllen;
    long n = recvmsg(s, &m, flags);
    printf("recvmsg = %ld \"%s\", CTRUNC %d", n, n > 0 ? buf : "", !!(m.msg_flags & MSG_CTRUNC));
    int count = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_type != SCM_RIGHTS)
            continue;
        count = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        int fd, other;
        memcpy(&fd, CMSG_DATA(c), sizeof(fd));
        for (int i = 1; i < count; i++) {
            memcpy(&other, CMSG_DATA(c) + i * sizeof(int), sizeof(other));
            close(other);
        }
        if (first)
            *first = fd;
        printf(", %d descriptors, close-on-exec %d", count, fcntl(fd, F_GETFD) == FD_CLOEXEC);
    }
    size_t used = count ? CMSG_SPACE(count * sizeof(int)) : 0;
    printf(", controllen %s\n",
           m.msg_controllen == (used < given ? used : given) ? "as the cmsgs" : "other");
}

static int open_fds(void)
{
    int n = 0;
    for (int fd = 0; fd < 1024; fd++)
        n += fcntl(fd, F_GETFD) >= 0;
    return n;
}

static void rights(void)
{
    int sv[2], p[2], got = -1;
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    T(pipe(p));
    int before = open_fds();
    T(send_fds(sv[0], p, 2, "pipe"));
    T(close(p[0]));
    recv_fds(sv[1], 2, MSG_CMSG_CLOEXEC, &got);
    T(write(p[1], "through", 7));
    char buf[16] = {0};
    T(read(got, buf, sizeof(buf)));
    printf("read through the passed end: %s\n", buf);
    close(got);
    T(send_fds(sv[0], &p[1], 1, "short"));
    recv_fds(sv[1], 0, 0, NULL); /* no control buffer: closed */
    T(send_fds(sv[0], &p[1], 1, "null"));
    char nb[8];
    struct iovec niov = {nb, sizeof(nb)};
    struct msghdr nm = {.msg_iov = &niov, .msg_iovlen = 1, .msg_controllen = 64};
    T(recvmsg(sv[1], &nm, 0));
    printf("msg_control NULL: controllen back %zu, CTRUNC %d\n", (size_t)nm.msg_controllen,
           !!(nm.msg_flags & MSG_CTRUNC));
    T(send_fds(sv[0], (int[]){p[1], p[1], p[1]}, 3, "three"));
    recv_fds(sv[1], 1, 0, &got); /* room for one */
    close(got);
    printf("descriptors left as before: %d\n", open_fds() == before - 1);
    T(send_fds(sv[0], (int[]){p[1]}, 1, "peek"));
    recv_fds(sv[1], 1, MSG_PEEK, &got);
    close(got);
    recv_fds(sv[1], 1, 0, &got);
    close(got);
    T(send_fds(sv[0], (int[]){99}, 1, "bad"));
    int many[250], mv[2];
    for (int i = 0; i < 250; i++)
        many[i] = p[1];
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, mv));
    T(send_fds(mv[0], many, 250, "250"));
    recv_fds(mv[1], 8, 0, &got);
    close(got);
    close(mv[0]);
    close(mv[1]);
    printf("descriptors left as before: %d\n", open_fds() == before - 1);

    char ctl[64] = {0};
    struct iovec iov = {"x", 1};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl};
    struct cmsghdr *c = (struct cmsghdr *)ctl;
    c->cmsg_len = CMSG_LEN(4), c->cmsg_level = 6, c->cmsg_type = 99;
    m.msg_controllen = CMSG_SPACE(4);
    T(sendmsg(sv[0], &m, 0)); /* another level: skipped */
    c->cmsg_level = SOL_SOCKET;
    T(sendmsg(sv[0], &m, 0)); /* an unknown type */
    c->cmsg_len = 2;
    T(sendmsg(sv[0], &m, 0)); /* shorter than its header */
    c->cmsg_len = CMSG_LEN(40);
    T(sendmsg(sv[0], &m, 0)); /* past the buffer */
    recv_fds(sv[1], 1, 0, NULL);

    /* A stream read takes what came before descriptors and the message carrying them, and
       stops there. */
    int st[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, st));
    T(send(st[0], "ab", 2, 0));
    char pk[16];
    T(recv(st[1], pk, sizeof(pk), MSG_PEEK | MSG_WAITALL)); /* a peek ends with the queue */
    T(send_fds(st[0], (int[]){p[1]}, 1, "cd"));
    T(send(st[0], "ef", 2, 0));
    recv_fds(st[1], 1, 0, &got);
    close(got);
    recv_fds(st[1], 1, 0, NULL);
    T(send_fds(st[0], (int[]){p[1]}, 1, ""));
    T(send(st[0], "gh", 2, MSG_DONTWAIT));
    recv_fds(st[1], 1, 0, NULL); /* no bytes: no message, no descriptors */
    printf("descriptors left as before: %d\n", open_fds() == before - 1 + 2);
    close(st[0]);
    close(st[1]);
    close(sv[0]);
    close(sv[1]);
    close(p[1]);
}

static void credentials(void)
{
    int sv[2], on = 1;
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    T(send(sv[0], "none", 4, 0));
    T(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
    T(send(sv[0], "after", 5, 0));
    for (int i = 0; i < 3; i++) {
        char buf[16] = {0}, ctl[CMSG_SPACE(sizeof(struct ucred))];
        struct iovec iov = {buf, sizeof(buf)};
        struct msghdr m = {
            .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl)};
        if (i == 2) {
            struct ucred mine = {getpid(), getuid(), getgid()};
            struct cmsghdr *c = (struct cmsghdr *)ctl;
            c->cmsg_len = CMSG_LEN(sizeof(mine)), c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_CREDENTIALS;
            memcpy(CMSG_DATA(c), &mine, sizeof(mine));
            iov.iov_len = 5;
            memcpy(buf, "given", 5);
            T(sendmsg(sv[0], &m, 0));
            c->cmsg_len = CMSG_LEN(sizeof(mine) - 1);
            T(sendmsg(sv[0], &m, 0));
            c->cmsg_len = CMSG_LEN(sizeof(mine));
            memcpy(CMSG_DATA(c), &(struct ucred){99999, (uid_t)-1, 0}, sizeof(mine));
            T(sendmsg(sv[0], &m, 0)); /* an invalid id before the pid */
            iov.iov_len = sizeof(buf);
            m.msg_controllen = sizeof(ctl);
        }
        long n = recvmsg(sv[1], &m, 0);
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        struct ucred u = {0};
        if (c && c->cmsg_type == SCM_CREDENTIALS)
            memcpy(&u, CMSG_DATA(c), sizeof(u));
        printf("recvmsg = %ld %s: credentials %d, ours %d, uid %u, gid %u\n", n, buf,
               c && c->cmsg_type == SCM_CREDENTIALS, u.pid == getpid(), (unsigned)u.uid,
               (unsigned)u.gid);
    }
    close(sv[0]);
    close(sv[1]);
}

static void vectors(void)
{
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    struct iovec out[3] = {{"gath", 4}, {"", 0}, {"ered", 4}};
    T(writev(sv[0], out, 3));
    char a[3] = {0}, b[8] = {0};
    struct iovec in[2] = {{a, 2}, {b, 7}};
    T(readv(sv[1], in, 2));
    printf("scattered: %s|%s\n", a, b);
    struct mmsghdr mm[3];
    struct iovec io[3] = {{"one", 3}, {"two", 3}, {"three", 5}};
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 3; i++)
        mm[i].msg_hdr.msg_iov = &io[i], mm[i].msg_hdr.msg_iovlen = 1;
    T(sendmmsg(sv[0], mm, 3, 0));
    printf("sent lengths %u %u %u\n", mm[0].msg_len, mm[1].msg_len, mm[2].msg_len);
    char r[3][8];
    memset(r, 0, sizeof(r));
    for (int i = 0; i < 3; i++)
        io[i] = (struct iovec){r[i], 7}, mm[i].msg_len = 0;
    T(recvmmsg(sv[1], mm, 3, MSG_WAITFORONE, NULL));
    printf("received %s %s %s, lengths %u %u %u\n", r[0], r[1], r[2], mm[0].msg_len, mm[1].msg_len,
           mm[2].msg_len);
    T(recvmmsg(sv[1], mm, 3, MSG_DONTWAIT, NULL));
    struct msghdr m = {.msg_iov = io, .msg_iovlen = 1025};
    T(sendmsg(sv[0], &m, 0));
    m.msg_iovlen = 1, m.msg_name = r, m.msg_namelen = -1;
    T(sendmsg(sv[0], &m, 0));
    close(sv[0]);
    close(sv[1]);
}

static void options(void)
{
    int s = TF(socket(AF_UNIX, SOCK_DGRAM, 0)), v = 0;
    socklen_t len = sizeof(v);
    T(getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &len));
    printf("SO_DOMAIN %d\n", v);
    T(getsockopt(s, SOL_SOCKET, SO_PROTOCOL, &v, &len));
    printf("SO_PROTOCOL %d\n", v);
    /* The default and the least are the kernel's width's (an skb's size): 212992 and 4608 on
       x86_64, 180224 and 4480 on i386. */
    T(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len));
    int deflt = v;
    printf("SO_SNDBUF a default of 160 to 220 KB: %d\n", v > 160000 && v < 220000);
    T(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &(int){10000}, sizeof(int)));
    T(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len));
    printf("SO_SNDBUF %d\n", v);
    T(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &(int){1}, sizeof(int)));
    T(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len));
    printf("SO_SNDBUF a least of 4 to 5 KB: %d\n", v > 4096 && v < 5000);
    T(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &(int){5000}, sizeof(int)));
    T(getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len));
    printf("SO_RCVBUF %d\n", v);
    T(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &(int){1}, 2));
    T(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &(int){7}, sizeof(int)));
    T(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, &len));
    printf("SO_KEEPALIVE %d\n", v);
    T(setsockopt(s, SOL_SOCKET, SO_TYPE, &(int){1}, sizeof(int)));
    T(setsockopt(s, SOL_SOCKET, 999, &(int){1}, sizeof(int)));
    T(getsockopt(s, SOL_SOCKET, 999, &v, &len));
    T(getsockopt(s, 6, SO_TYPE, &v, &len));
    T(setsockopt(s, 6, 1, &(int){1}, sizeof(int)));
    v = 0x7f7f7f7f, len = 1;
    T(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len));
    printf("cut to %u: %x\n", (unsigned)len, (unsigned)v);
    len = sizeof(v);
    T(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len));
    printf("SO_ERROR %d\n", v);
    struct linger l = {1, 5};
    T(setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof(l)));
    len = sizeof(l), l = (struct linger){0, 0};
    T(getsockopt(s, SOL_SOCKET, SO_LINGER, &l, &len));
    printf("SO_LINGER %d %d\n", l.l_onoff, l.l_linger);

    struct timeval tv = {0, 1000000};
    T(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
    tv = (struct timeval){0, 200000};
    T(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
    len = sizeof(tv), tv = (struct timeval){0, 0};
    T(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
    printf("SO_RCVTIMEO %lld.%06lld, length %d\n", (long long)tv.tv_sec, (long long)tv.tv_usec,
           len == sizeof(tv));
    struct timespec t0, t1;
    char buf[8];
    clock_gettime(CLOCK_MONOTONIC, &t0);
    T(recv(s, buf, sizeof(buf), 0));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("waited the timeout: %d\n", ms >= 190 && ms < 2000);

    int sv[2];
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    char *big = calloc(1, deflt);
    printf("SO_SNDBUF - 32 goes: %d\n", send(sv[0], big, deflt - 32, 0) == deflt - 32);
    T(send(sv[0], big, deflt - 31, 0));
    printf("and comes whole: %d\n", recv(sv[1], big, deflt, MSG_DONTWAIT) == deflt - 32);
    free(big);
    close(sv[0]);
    close(sv[1]);
    close(s);
}

/* Each round leaves two sockets that only each other's queue holds, with 150 KB queued: 2,000
   rounds are 300 MB, more than moat's RAM, unless they are collected. */
static void cycles(void)
{
    char *big = calloc(1, 150000);
    int i;
    for (i = 0; i < 2000; i++) {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) || send_fds(sv[0], &sv[0], 1, "a") != 1 ||
            send_fds(sv[1], &sv[1], 1, "b") != 1 || send(sv[0], big, 150000, 0) != 150000)
            break;
        close(sv[0]);
        close(sv[1]);
    }
    printf("cycles sent and closed: %d\n", i);
    free(big);
}

/* A chain of 2000 socket pairs, each pair in flight in the one before, built and then let go
   with its root: each close runs the collector, which looks at each socket once, however
   deep they nest. */
static void chain(void)
{
    int root[2], prev[2], cur[2], i;
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, root));
    memcpy(prev, root, sizeof(prev));
    for (i = 0; i < 2000; i++) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, cur) || send_fds(prev[0], cur, 2, "c") != 1)
            break;
        if (i) {
            close(prev[0]);
            close(prev[1]);
        }
        memcpy(prev, cur, sizeof(prev));
    }
    close(prev[0]);
    close(prev[1]);
    printf("pairs chained in flight: %d\n", i);
    T(close(root[0]));
    T(close(root[1]));
}

/* One close releases two sockets that only a message held, d1 and d2. d2's queue held x, which
   q's still holds, so the collector looks, but only once both queues are gone: y, which only
   d1's queue held, was never garbage, and its peer, whose bytes y had not read, is reset. */
static void carried(void)
{
    int p[2], d1[2], d2[2], x[2], y[2], q[2], d[2];
    char c;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, p) || socketpair(AF_UNIX, SOCK_STREAM, 0, d1) ||
        socketpair(AF_UNIX, SOCK_STREAM, 0, d2) || socketpair(AF_UNIX, SOCK_STREAM, 0, x) ||
        socketpair(AF_UNIX, SOCK_STREAM, 0, y) || socketpair(AF_UNIX, SOCK_STREAM, 0, q))
        return;
    T(write(y[1], "unread", 6));
    T(send_fds(d1[1], &y[0], 1, "y"));
    T(send_fds(d2[1], &x[0], 1, "x"));
    T(send_fds(q[1], &x[0], 1, "x"));
    d[0] = d1[0], d[1] = d2[0];
    T(send_fds(p[1], d, 2, "d"));
    int mine[] = {y[0], x[0], x[1], d1[0], d1[1], d2[0], d2[1], p[1]};
    for (unsigned i = 0; i < sizeof(mine) / sizeof(*mine); i++)
        close(mine[i]);
    T(close(p[0]));
    T(read(y[1], &c, 1));
    close(y[1]);
    close(q[0]);
    close(q[1]);
}

/* As a user without capabilities, descriptors in flight beyond RLIMIT_NOFILE (64 here) are
   ETOOMANYREFS: the 65th is the last that goes. */
static void inflight_limit(void)
{
    int sv[2], i;
    setrlimit(RLIMIT_NOFILE, &(struct rlimit){64, 64});
    if (setgid(65534) || setuid(65534) || socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
        return;
    for (i = 0; i < 100 && send_fds(sv[0], &sv[0], 1, "x") == 1; i++)
        ;
    printf("as nobody, descriptors sent before %s: %d\n", errname(errno), i);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    rights();
    credentials();
    vectors();
    options();
    cycles();
    chain();
    carried();
#ifdef SYS_socket
    int fd = TF(syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0));
    T(syscall(SYS_listen, fd, 1));
    T(syscall(SYS_shutdown, fd, 7));
    T(close(fd));
#endif
    inflight_limit();
    return 0;
}
