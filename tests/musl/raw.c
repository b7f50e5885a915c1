/* Proves AF_INET raw sockets over the loopback behave as Linux's (raw_sendmsg, raw_v4_input,
 * icmp_echo, icmp_send): socket()'s refusals (protocol 0, no CAP_NET_RAW); the name a raw
 * socket has from the start (its protocol as the port); an ICMP echo request sent to 127.0.0.1
 * comes back to the raw ICMP sockets twice, as sent (with the IP header the kernel made: TOS,
 * TTL, DF and id 0, its checksum) and as the kernel's echo reply (TTL 64, no DF, the checksum
 * mended); a request with a wrong checksum has no reply; ICMP_FILTER drops the types it names
 * (a short length sets its first bytes alone; another protocol's socket has it not), and no
 * raw socket takes an ICMP message shorter than its header; a socket bound to an address takes
 * only packets to it, one connected only packets from its peer, and after connect(AF_UNSPEC)
 * none (unhashed: no port, bound again or not); one bound to a multicast address sends from
 * 127.0.0.1; the broadcast address needs SO_BROADCAST and has no reply; no route,
 * EDESTADDRREQ, EMSGSIZE past 65515 bytes and the largest echo; another protocol's raw socket
 * hears only its own; a UDP datagram to a port nobody has comes back as ICMP's port
 * unreachable, quoting it;
 * poll, SIOCINQ and /proc/net/raw. On Linux it runs in a network namespace of its own (root
 * needed, as for the raw sockets), where only its own packets go; on moat unshare's EINVAL
 * changes nothing. */
#define _GNU_SOURCE
#include "report.h"
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define SOL_RAW 255
#define ICMP_FILTER 1
#define BIG 65515

static struct sockaddr_in in4(const char *ip, int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}
#define SA(a) ((struct sockaddr *)&(a))

static unsigned sum16(const uint8_t *p, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        s += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        s += (uint32_t)p[n - 1] << 8;
    while (s >> 16)
        s = (s & 0xFFFF) + (s >> 16);
    return s;
}

/* An ICMP message: type, code, checksum, id, sequence, then the payload. */
static size_t icmp(uint8_t *b, int type, int seq, const char *payload, size_t len, int bad)
{
    b[0] = (uint8_t)type, b[1] = 0, b[2] = b[3] = 0;
    b[4] = 0x12, b[5] = 0x34, b[6] = 0, b[7] = (uint8_t)seq;
    memcpy(b + 8, payload, len);
    unsigned s = ~sum16(b, 8 + len) & 0xFFFF;
    b[2] = (uint8_t)(s >> 8), b[3] = (uint8_t)(s ^ (unsigned)bad);
    return 8 + len;
}

static uint8_t buf[BIG + 100], big[BIG];

static const char *ip(const uint8_t *p)
{
    static char s[2][16];
    static int i;
    i ^= 1;
    return inet_ntop(AF_INET, p, s[i], sizeof(s[i]));
}

/* One packet from fd, or its absence (nonblocking), described. */
static void take(const char *who, int fd)
{
    struct sockaddr_in from;
    socklen_t fl = sizeof(from);
    ssize_t n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, SA(from), &fl);
    if (n < 0) {
        printf("%s: nothing (%s)\n", who, errname(errno));
        return;
    }
    const uint8_t *h = buf, *m = buf + 20;
    unsigned frag = (unsigned)(h[6] << 8 | h[7]);
    printf("%s: %zd bytes from %s port %d: ver/ihl %#x tos %#x len %u %s ttl %u proto %u "
           "header sum %s, %s -> %s",
           who, n, inet_ntoa(from.sin_addr), ntohs(from.sin_port), h[0], h[1],
           (unsigned)(h[2] << 8 | h[3]), frag & 0x4000 ? "DF" : "no DF", h[8], h[9],
           sum16(h, 20) == 0xFFFF ? "right" : "wrong", ip(h + 12), ip(h + 16));
    if (h[9] == IPPROTO_ICMP)
        printf("; ICMP type %u code %u sum %s id %#x seq %u", m[0], m[1],
               sum16(m, (size_t)n - 20) == 0xFFFF ? "right" : "wrong", (unsigned)(m[4] << 8 | m[5]),
               m[7]);
    printf("\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (unshare(CLONE_NEWNET) == 0) { /* Linux: a loopback of its own, to be set up */
        int u = socket(AF_INET, SOCK_DGRAM, 0);
        struct ifreq q = {.ifr_name = "lo"};
        ioctl(u, SIOCGIFFLAGS, &q);
        q.ifr_flags |= IFF_UP;
        if (ioctl(u, SIOCSIFFLAGS, &q))
            printf("lo not up\n");
        close(u);
    }
    printf("-- refusals\n");
    T(socket(AF_INET, SOCK_RAW, 0));
    T(seteuid(1000));
    T(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    T(seteuid(0));
    int r = TF(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    int v;
    socklen_t vl = sizeof(v);
    T(getsockopt(r, SOL_SOCKET, SO_TYPE, &v, &vl));
    printf("type %d\n", v);
    T(getsockopt(r, SOL_SOCKET, SO_PROTOCOL, &v, &vl));
    printf("protocol %d\n", v);
    struct sockaddr_in a;
    socklen_t al = sizeof(a);
    T(getsockname(r, SA(a), &al));
    printf("name %s port %d\n", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
    T(listen(r, 1));
    T(accept(r, NULL, NULL));
    T(getpeername(r, SA(a), &al));

    printf("-- an echo request to 127.0.0.1\n");
    struct sockaddr_in lo = in4("127.0.0.1", 0), five = in4("127.0.0.5", 7);
    size_t n = icmp(big, 8, 1, "moat ping", 9, 0);
    T(sendto(r, big, n, 0, SA(lo), sizeof(lo)));
    struct pollfd p = {.fd = r, .events = POLLIN};
    T(poll(&p, 1, 0));
    T(ioctl(r, FIONREAD, &v));
    printf("first waiting: %d bytes\n", v);
    take("r", r);
    take("r", r);
    take("r", r);
    printf("-- a wrong checksum: no reply\n");
    n = icmp(big, 8, 2, "moat ping", 9, 1);
    T(sendto(r, big, n, 0, SA(lo), sizeof(lo)));
    take("r", r);
    take("r", r);
    printf("-- 127.0.0.5 (its port ignored), with IP_TTL 5 and IP_TOS 0x10\n");
    v = 5;
    T(setsockopt(r, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    v = 0x10;
    T(setsockopt(r, IPPROTO_IP, IP_TOS, &v, sizeof(v)));
    n = icmp(big, 8, 3, "five", 4, 0);
    T(sendto(r, big, n, 0, SA(five), sizeof(five)));
    take("r", r);
    take("r", r);
    printf("-- ICMP_FILTER without echo requests\n");
    uint32_t f = 1u << 8;
    T(setsockopt(r, SOL_RAW, ICMP_FILTER, &f, sizeof(f)));
    f = 0, vl = sizeof(f);
    T(getsockopt(r, SOL_RAW, ICMP_FILTER, &f, &vl));
    printf("filter %#x\n", f);
    n = icmp(big, 8, 4, "", 0, 0);
    T(sendto(r, big, n, 0, SA(lo), sizeof(lo)));
    take("r", r);
    take("r", r);
    f = 0;
    T(setsockopt(r, SOL_RAW, ICMP_FILTER, &f, sizeof(f)));
    printf("-- ICMP_FILTER's short lengths: their bytes alone; another protocol's socket\n");
    f = 0xFFFFFFFF;
    T(setsockopt(r, SOL_RAW, ICMP_FILTER, &f, sizeof(f)));
    for (socklen_t len = 0; len < sizeof(f); len++) {
        uint32_t g = 0x12345678;
        T(setsockopt(r, SOL_RAW, ICMP_FILTER, &g, len));
        vl = sizeof(g);
        T(getsockopt(r, SOL_RAW, ICMP_FILTER, &g, &vl));
        printf("filter %#x\n", g);
    }
    f = 0;
    T(setsockopt(r, SOL_RAW, ICMP_FILTER, &f, sizeof(f)));
    int other = TF(socket(AF_INET, SOCK_RAW, 99));
    T(setsockopt(other, SOL_RAW, ICMP_FILTER, &f, sizeof(f)));
    T(getsockopt(other, SOL_RAW, ICMP_FILTER, &f, &vl));
    T(setsockopt(other, SOL_RAW, 2, &f, sizeof(f)));
    T(getsockopt(other, SOL_RAW, 2, &f, &vl));
    close(other);
    printf("-- ICMP shorter than its header: EFAULT without type and code, else not taken\n");
    for (size_t len = 0; len < 8; len += 1 + len * 2) {
        printf("len %zu: ", len);
        T(sendto(r, big, len, 0, SA(lo), sizeof(lo)));
        take("r", r);
    }

    printf("-- bound and connected sockets\n");
    int b = TF(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    int c = TF(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    struct sockaddr_in two = in4("127.0.0.2", 0), three = in4("127.0.0.3", 0);
    struct sockaddr_in bad = in4("10.0.0.1", 0);
    T(bind(b, SA(bad), sizeof(bad)));
    T(bind(b, SA(two), sizeof(two)));
    al = sizeof(a);
    T(getsockname(b, SA(a), &al));
    printf("name %s port %d\n", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
    T(connect(c, SA(three), sizeof(three)));
    al = sizeof(a);
    T(getsockname(c, SA(a), &al));
    printf("name %s port %d\n", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
    al = sizeof(a);
    T(getpeername(c, SA(a), &al)); /* no port: not connected, as far as the name goes */
    n = icmp(big, 8, 5, "to two", 6, 0);
    T(sendto(b, big, n, 0, SA(two), sizeof(two)));
    take("b", b);
    take("b", b);
    take("c", c);
    take("r", r);
    take("r", r);
    n = icmp(big, 8, 6, "to three", 8, 0);
    T(send(c, big, n, 0));
    take("c", c);
    take("c", c);
    take("b", b);
    take("r", r);
    take("r", r);
    T(bind(c, SA(two), sizeof(two)));
    printf("-- connect(AF_UNSPEC): no name, and nothing more heard, bound again or not\n");
    struct sockaddr_in unspec = {.sin_family = AF_UNSPEC};
    T(connect(c, SA(unspec), sizeof(unspec)));
    al = sizeof(a);
    T(getsockname(c, SA(a), &al));
    printf("name %s port %d\n", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
    n = icmp(big, 13, 7, "", 0, 0);
    T(sendto(c, big, n, 0, SA(lo), sizeof(lo)));
    take("c", c);
    take("r", r);
    T(bind(c, SA(lo), sizeof(lo)));
    al = sizeof(a);
    T(getsockname(c, SA(a), &al));
    printf("name %s port %d\n", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
    T(sendto(r, big, n, 0, SA(lo), sizeof(lo)));
    take("c", c);
    take("r", r);
    close(b);
    close(c);
    printf("-- bound to a multicast address: packets from 127.0.0.1, the device's\n");
    int m = TF(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    struct sockaddr_in mc = in4("224.0.0.1", 0);
    T(bind(m, SA(mc), sizeof(mc)));
    n = icmp(big, 8, 8, "", 0, 0);
    T(sendto(m, big, n, 0, SA(lo), sizeof(lo)));
    take("r", r);
    take("r", r);
    take("m", m);
    close(m);

    printf("-- refused sends\n");
    struct sockaddr_in bcast = in4("127.255.255.255", 0), far = in4("8.8.8.8", 0);
    n = icmp(big, 8, 7, "", 0, 0);
    T(sendto(r, big, n, 0, SA(bcast), sizeof(bcast)));
    T(sendto(r, big, n, 0, SA(far), sizeof(far)));
    T(send(r, big, n, 0));
    T(sendto(r, big, n, 0, SA(lo), 8));
    T(sendto(r, big, BIG + 1, 0, SA(lo), sizeof(lo)));
    T(sendto(r, big, 65536, 0, SA(lo), sizeof(lo)));
    T(sendto(r, big, n, MSG_OOB, SA(lo), sizeof(lo)));
    v = 1;
    T(setsockopt(r, SOL_SOCKET, SO_BROADCAST, &v, sizeof(v)));
    T(sendto(r, big, n, 0, SA(bcast), sizeof(bcast)));
    take("r", r);
    take("r", r);
    printf("-- the largest echo\n");
    memset(big, 'x', sizeof(big));
    n = icmp(big, 8, 8, (const char *)big + 8, BIG - 8, 0);
    T(sendto(r, big, n, 0, SA(lo), sizeof(lo)));
    take("r", r);
    take("r", r);
    printf("payload back whole: %s\n", memcmp(buf + 28, big + 8, BIG - 8) ? "no" : "yes");

    printf("-- another protocol\n");
    int o = TF(socket(AF_INET, SOCK_RAW, 200));
    T(getsockopt(o, SOL_SOCKET, SO_PROTOCOL, &v, &vl));
    printf("protocol %d\n", v);
    T(sendto(o, "hello", 5, 0, SA(lo), sizeof(lo)));
    take("o", o);
    take("r", r);

    printf("-- a UDP datagram nobody takes\n");
    int u = TF(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in ub = in4("127.0.0.1", 4321), to = in4("127.0.0.1", 9);
    T(bind(u, SA(ub), sizeof(ub)));
    v = 9;
    T(setsockopt(u, IPPROTO_IP, IP_TTL, &v, sizeof(v)));
    T(sendto(u, "probe", 5, 0, SA(to), sizeof(to)));
    take("r", r);
    const uint8_t *q = buf + 28, *uh = q + 20;
    printf("quoted: ttl %u proto %u len %u %s -> %s, ports %u -> %u, UDP length %u, '%.5s'\n", q[8],
           q[9], (unsigned)(q[2] << 8 | q[3]), ip(q + 12), ip(q + 16),
           (unsigned)(uh[0] << 8 | uh[1]), (unsigned)(uh[2] << 8 | uh[3]),
           (unsigned)(uh[4] << 8 | uh[5]), (const char *)uh + 8);
    T(sendto(u, big, 1000, 0, SA(to), sizeof(to)));
    take("r", r);
    take("o", o);
    close(u);

    printf("-- /proc/net/raw\n");
    char line[256], rows[8][64], local[32], rem[32], st[8];
    int nrows = 0;
    FILE *pr = fopen("/proc/net/raw", "r");
    if (pr && fgets(line, sizeof(line), pr))
        printf("%s", line);
    /* the addresses and the state, by address: the list's number, the queues' sizes, the
       inode and the address are each kernel's own */
    while (nrows < 8 && pr && fscanf(pr, "%*s %31s %31s %7s%*[^\n]", local, rem, st) == 3)
        snprintf(rows[nrows++], sizeof(rows[0]), "%s %s %s", local, rem, st);
    qsort(rows, (size_t)nrows, sizeof(rows[0]), (int (*)(const void *, const void *))strcmp);
    for (int i = 0; i < nrows; i++)
        printf("%s\n", rows[i]);
    return 0;
}
