/* Proves AF_NETLINK's NETLINK_ROUTE answers as Linux's on a machine whose one interface is lo,
 * up, with 127.0.0.1/8: the socket's names (the port id bind or the first send gives, the
 * groups), its refusals, and rtnetlink's answers: the dumps of links, IPv4 addresses, routes
 * and neighbours (records, then NLMSG_DONE), a link's get by index or name, acks and errors
 * (with the request, or capped under NETLINK_CAP_ACK), several requests in one send, lo set up
 * (as it is), the checks for CAP_NET_ADMIN, unicast between sockets, truncation, peeking,
 * ENOBUFS when replies overflow the receive buffer, and musl's getifaddrs and if_nameindex,
 * which ask by netlink. Only the attributes a program reads are printed (Linux's records
 * carry statistics too). Moat-only: the host has more interfaces; Linux 6.1 in QEMU, with only
 * lo (the reference's init brings it up), gives this output. */
#define _GNU_SOURCE
#include "report.h"
#include "rtnl.h"
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define SA(a) ((struct sockaddr *)&(a))
static unsigned seq = 100;
static unsigned char buf[65536];

struct req {
    struct nlmsghdr h;
    union {
        struct ifinfomsg ifi;
        struct ifaddrmsg ifa;
        struct rtmsg rt;
    };
    char attrs[64];
};

/* A request of type with flags and a family header of len bytes (the family first). */
static struct req request(int type, int flags, int family, unsigned len)
{
    struct req r = {.h = {.nlmsg_len = NLMSG_LENGTH(len),
                          .nlmsg_type = type,
                          .nlmsg_flags = flags,
                          .nlmsg_seq = ++seq}};
    r.rt.rtm_family = family;
    return r;
}

static long send_req(int fd, struct req *r)
{
    return send(fd, r, r->h.nlmsg_len, 0);
}

static void show_attrs(const struct nlmsghdr *h, unsigned hdr)
{
    struct rtattr *a = (struct rtattr *)((char *)NLMSG_DATA(h) + NLMSG_ALIGN(hdr));
    int left = h->nlmsg_len - NLMSG_LENGTH(hdr);
    for (; RTA_OK(a, left); a = RTA_NEXT(a, left)) {
        unsigned char *v = RTA_DATA(a);
        int n = RTA_PAYLOAD(a);
        unsigned u = n >= 4 ? *(unsigned *)v : n ? v[0] : 0;
        char ip[16];
        if (h->nlmsg_type == RTM_NEWLINK) {
            if (a->rta_type == IFLA_IFNAME || a->rta_type == IFLA_QDISC)
                printf(" %s=%s", a->rta_type == IFLA_IFNAME ? "name" : "qdisc", (char *)v);
            else if (a->rta_type == IFLA_MTU || a->rta_type == IFLA_TXQLEN)
                printf(" %s=%u", a->rta_type == IFLA_MTU ? "mtu" : "txqlen", u);
            else if (a->rta_type == IFLA_ADDRESS || a->rta_type == IFLA_BROADCAST)
                printf(" %s=%d bytes, %s", a->rta_type == IFLA_ADDRESS ? "address" : "brd", n,
                       memcmp(v, "\0\0\0\0\0\0", 6) ? "not zero" : "zero");
            else if (a->rta_type == IFLA_OPERSTATE || a->rta_type == IFLA_CARRIER)
                printf(" %s=%u", a->rta_type == IFLA_OPERSTATE ? "operstate" : "carrier", u);
            continue;
        }
        inet_ntop(AF_INET, v, ip, sizeof(ip));
        if (h->nlmsg_type == RTM_NEWADDR) {
            if (a->rta_type == IFA_ADDRESS || a->rta_type == IFA_LOCAL)
                printf(" %s=%s", a->rta_type == IFA_ADDRESS ? "address" : "local", ip);
            else if (a->rta_type == IFA_LABEL)
                printf(" label=%s", (char *)v);
            else if (a->rta_type == IFA_FLAGS)
                printf(" flags=%#x", u);
            else if (a->rta_type == IFA_CACHEINFO)
                printf(" preferred=%#x valid=%#x", u, ((unsigned *)v)[1]);
            else if (a->rta_type == IFA_BROADCAST)
                printf(" broadcast=%s", ip);
        } else if (h->nlmsg_type == RTM_NEWROUTE) {
            if (a->rta_type == RTA_TABLE || a->rta_type == RTA_OIF)
                printf(" %s=%u", a->rta_type == RTA_TABLE ? "table" : "oif", u);
            else if (a->rta_type == RTA_DST || a->rta_type == RTA_PREFSRC)
                printf(" %s=%s", a->rta_type == RTA_DST ? "dst" : "prefsrc", ip);
            else if (a->rta_type == RTA_GATEWAY)
                printf(" gateway=%s", ip);
        }
    }
}

/* Every datagram waiting (without blocking): each message's type, flags, whether it answers
 * the last request from this socket, and what it holds. */
static void drain(int fd, unsigned pid)
{
    long n;
    while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
        printf("datagram:\n");
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            printf("  type %u flags %#x%s", h->nlmsg_type, h->nlmsg_flags,
                   h->nlmsg_seq == seq && h->nlmsg_pid == pid ? "" : " (not ours)");
            if (h->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(h);
                printf(" error %s, request type %u, %u bytes", e->error ? errname(-e->error) : "0",
                       e->msg.nlmsg_type, h->nlmsg_len);
            } else if (h->nlmsg_type == NLMSG_DONE) {
                printf(" done %d", *(int *)NLMSG_DATA(h));
            } else if (h->nlmsg_type == RTM_NEWLINK) {
                struct ifinfomsg *i = NLMSG_DATA(h);
                printf(" link %d type %u flags %#x", i->ifi_index, i->ifi_type, i->ifi_flags);
                show_attrs(h, sizeof(*i));
            } else if (h->nlmsg_type == RTM_NEWADDR) {
                struct ifaddrmsg *a = NLMSG_DATA(h);
                printf(" addr family %u /%u flags %#x scope %u index %u", a->ifa_family,
                       a->ifa_prefixlen, a->ifa_flags, a->ifa_scope, a->ifa_index);
                show_attrs(h, sizeof(*a));
            } else if (h->nlmsg_type == RTM_NEWROUTE) {
                struct rtmsg *r = NLMSG_DATA(h);
                printf(" route /%u table %u protocol %u scope %u type %u", r->rtm_dst_len,
                       r->rtm_table, r->rtm_protocol, r->rtm_scope, r->rtm_type);
                show_attrs(h, sizeof(*r));
            } else if (h->nlmsg_type == RTM_GETRULE - 2) {
                unsigned char *f = NLMSG_DATA(h); /* struct fib_rule_hdr */
                printf(" rule family %u table %u action %u flags %#x", f[0], f[4], f[7],
                       *(unsigned *)(f + 8));
                show_attrs(h, 12);
            }
            printf("\n");
        }
    }
    printf("then %s\n", n < 0 ? errname(errno) : "0");
}

static void show_name(int fd, int peer)
{
    struct sockaddr_nl a;
    socklen_t len = sizeof(a) + 4;
    int r = peer ? getpeername(fd, SA(a), &len) : getsockname(fd, SA(a), &len);
    printf("%s: %d, len %u family %u pid %s groups %#x\n", peer ? "getpeername" : "getsockname", r,
           len, a.nl_family,
           a.nl_pid == (unsigned)getpid() ? "getpid()"
           : (int)a.nl_pid < -4096        ? "negative"
                                          : (a.nl_pid ? "other" : "0"),
           a.nl_groups);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sv[2], v;
    socklen_t len = sizeof(v);
    T(socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE));
    T(socket(AF_NETLINK, SOCK_RAW, 32));
    T(socketpair(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, sv));
    int fd = TF(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
    T(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
    printf("SO_TYPE %d\n", v);
    T(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &len));
    printf("SO_PROTOCOL %d\n", v);
    T(getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len));
    printf("SO_DOMAIN %d\n", v);
    show_name(fd, 0);
    show_name(fd, 1);
    struct sockaddr_nl me = {.nl_family = AF_NETLINK, .nl_groups = 1}, kernel = {AF_NETLINK};
    struct sockaddr_in in = {AF_INET};
    T(bind(fd, SA(me), sizeof(me) - 1));
    T(bind(fd, SA(in), sizeof(me)));
    T(bind(fd, SA(me), sizeof(me)));
    show_name(fd, 0);
    me.nl_pid = 12345;
    T(bind(fd, SA(me), sizeof(me)));
    me.nl_pid = getpid();
    me.nl_groups = 0;
    T(bind(fd, SA(me), sizeof(me)));
    show_name(fd, 0);
    T(listen(fd, 1));
    T(accept(fd, NULL, NULL));
    T(shutdown(fd, SHUT_RD));
    T(send(fd, "x", 1, MSG_OOB));
    T(recv(fd, buf, 1, MSG_OOB));
    T(send(fd, "", 0, 0));
    drain(fd, getpid());

    printf("-- dumps\n");
    struct req r = request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, AF_UNSPEC, sizeof(r.ifi));
    T(send_req(fd, &r));
    struct pollfd p = {fd, POLLIN | POLLOUT};
    T(poll(&p, 1, 0));
    printf("revents %#x\n", p.revents);
    drain(fd, getpid());
    r = request(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, AF_INET, sizeof(r.ifa));
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, AF_INET, sizeof(r.rt));
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, AF_INET, 12);
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETMDB, NLM_F_REQUEST | NLM_F_DUMP, AF_UNSPEC, 8);
    T(send_req(fd, &r));
    drain(fd, getpid());
    /* the rules: IPv4's three; none for AF_BRIDGE (EAFNOSUPPORT). (Every family's, AF_UNSPEC,
       would be IPv4's alone here, IPv6's and multicast routing's too on Linux 6.1.) */
    for (int family = AF_INET; family < 8; family += 5) {
        r = request(RTM_GETRULE, NLM_F_REQUEST | NLM_F_DUMP, family, 12);
        T(send_req(fd, &r));
        drain(fd, getpid());
    }
    r = request(200, NLM_F_REQUEST, AF_UNSPEC, 8);
    T(send_req(fd, &r));
    drain(fd, getpid());

    printf("-- gets and acks\n");
    r = request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, AF_UNSPEC, sizeof(r.ifi));
    r.ifi.ifi_index = 1;
    T(send_req(fd, &r));
    drain(fd, getpid());
    r.ifi.ifi_index = 7;
    r.h.nlmsg_seq = ++seq;
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETLINK, NLM_F_REQUEST, AF_UNSPEC, sizeof(r.ifi) + 8);
    struct rtattr *a = (struct rtattr *)r.attrs;
    a->rta_type = IFLA_IFNAME;
    a->rta_len = RTA_LENGTH(3);
    strcpy(RTA_DATA(a), "lo");
    T(send_req(fd, &r));
    drain(fd, getpid());
    strcpy(RTA_DATA(a), "l0");
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETLINK, NLM_F_REQUEST, AF_UNSPEC, sizeof(r.ifi));
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETLINK, NLM_F_REQUEST, AF_UNSPEC, 4);
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETLINK, NLM_F_ACK, AF_UNSPEC, sizeof(r.ifi));
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, AF_UNSPEC, 0);
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, AF_UNSPEC, 0);
    T(send_req(fd, &r));
    drain(fd, getpid());
    printf("-- two in one send\n");
    struct req one = request(RTM_GETLINK, NLM_F_REQUEST, AF_UNSPEC, sizeof(r.ifi));
    one.ifi.ifi_index = 1;
    r = request(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, AF_INET, sizeof(r.ifa));
    unsigned char two[64];
    memcpy(two, &one, one.h.nlmsg_len);
    memcpy(two + one.h.nlmsg_len, &r, r.h.nlmsg_len);
    T(send(fd, two, one.h.nlmsg_len + r.h.nlmsg_len, 0));
    drain(fd, getpid());

    printf("-- a message cut short by the send's end\n");
    struct nlmsghdr noop[2] = {{20, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, ++seq},
                               {16, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, ++seq}};
    unsigned char three[36] = {0};
    memcpy(three, &noop[0], 16);
    memcpy(three + 20, &noop[1], 16);
    T(send(fd, three, sizeof(three), 0));
    drain(fd, getpid());
    noop[0].nlmsg_len = 17;
    noop[0].nlmsg_seq = ++seq;
    T(send(fd, noop, 18, 0));
    drain(fd, getpid());

    printf("-- lo set up, as it is\n");
    r = request(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, AF_UNSPEC, sizeof(r.ifi));
    r.ifi.ifi_index = 1;
    r.ifi.ifi_flags = r.ifi.ifi_change = IFF_UP;
    T(send_req(fd, &r));
    drain(fd, getpid());
    r.h.nlmsg_flags |= NLM_F_EXCL;
    T(send_req(fd, &r));
    drain(fd, getpid());
    r.h.nlmsg_flags ^= NLM_F_EXCL | NLM_F_REPLACE;
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, AF_UNSPEC, sizeof(r.ifi) + 8);
    r.ifi.ifi_index = 1;
    a->rta_type = IFLA_IFNAME;
    a->rta_len = RTA_LENGTH(4);
    memcpy(r.attrs, a, 4);
    strcpy(RTA_DATA((struct rtattr *)r.attrs), "foo");
    T(send_req(fd, &r)); /* a new name for lo: 6.1 renames no link that is up */
    drain(fd, getpid());
    r = request(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, AF_UNSPEC, sizeof(r.ifi));
    T(send_req(fd, &r));
    drain(fd, getpid());
    r.h.nlmsg_flags |= NLM_F_CREATE;
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(200, NLM_F_REQUEST, AF_UNSPEC, 0);
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(200, NLM_F_REQUEST, AF_UNSPEC, 17);
    T(send_req(fd, &r));
    drain(fd, getpid());

    printf("-- capped acks, truncation, peeking\n");
    v = 1;
    T(setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &v, sizeof(v)));
    T(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v, sizeof(v)));
    v = RTNLGRP_IPV4_ROUTE;
    T(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v, sizeof(v)));
    v = RTNLGRP_MAX + 1;
    T(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v, sizeof(v)));
    T(setsockopt(fd, SOL_NETLINK, 99, &v, sizeof(v)));
    T(setsockopt(fd, SOL_NETLINK, NETLINK_PKTINFO, &v, sizeof(v)));
    T(getsockopt(fd, SOL_NETLINK, NETLINK_PKTINFO, &v, &len));
    printf("NETLINK_PKTINFO %d\n", v);
    v = 0; /* moat attaches no struct nl_pktinfo (its group would be 0) */
    T(setsockopt(fd, SOL_NETLINK, NETLINK_PKTINFO, &v, sizeof(v)));
    T(getsockopt(fd, SOL_NETLINK, NETLINK_LISTEN_ALL_NSID, &v, &len));
    T(ioctl(fd, FIONREAD, &v));
    int sfd[2];
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sfd));
    struct {
        struct cmsghdr h;
        int fd;
    } rights = {{CMSG_LEN(sizeof(int)), SOL_SOCKET, SCM_RIGHTS}, sfd[0]};
    r = request(NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, AF_UNSPEC, 0);
    struct iovec riov = {&r, 16};
    struct msghdr rm = {.msg_iov = &riov,
                        .msg_iovlen = 1,
                        .msg_control = &rights,
                        .msg_controllen = sizeof(rights)};
    T(sendmsg(fd, &rm, 0));
    T(close(sfd[0]));
    T(close(sfd[1]));
    T(setsockopt(fd, SOL_IP, IP_TTL, &v, sizeof(v)));
    show_name(fd, 0);
    T(getsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &v, &len));
    printf("NETLINK_CAP_ACK %d\n", v);
    r = request(RTM_GETLINK, NLM_F_REQUEST, AF_UNSPEC, sizeof(r.ifi));
    r.ifi.ifi_index = 9;
    T(send_req(fd, &r));
    drain(fd, getpid());
    r = request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, AF_UNSPEC, sizeof(r.ifi));
    T(send_req(fd, &r));
    long n = recv(fd, buf, 20, MSG_PEEK | MSG_TRUNC);
    printf("peeked with MSG_TRUNC: %s\n", n > 100 ? "the whole length" : "short");
    struct iovec iov = {buf, 20};
    struct sockaddr_nl from;
    struct msghdr m = {
        .msg_name = &from, .msg_namelen = sizeof(from) + 8, .msg_iov = &iov, .msg_iovlen = 1};
    T(recvmsg(fd, &m, 0));
    printf("flags %#x, namelen %u, from pid %u groups %#x\n", m.msg_flags, m.msg_namelen,
           from.nl_pid, from.nl_groups);
    drain(fd, getpid());

    printf("-- unicast between sockets\n");
    int fd2 = TF(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE));
    me.nl_pid = getpid();
    T(bind(fd2, SA(me), sizeof(me)));
    T(close(fd2)); /* Linux's keeps the port id the bind failed to take, and then fails sends */
    fd2 = TF(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE));
    r = request(NLMSG_NOOP, NLM_F_REQUEST, AF_UNSPEC, 0);
    T(send_req(fd2, &r));
    show_name(fd2, 0);
    struct sockaddr_nl to;
    socklen_t flen = sizeof(to);
    T(getsockname(fd2, SA(to), &flen));
    T(sendto(fd, "hello", 5, 0, SA(to), sizeof(to)));
    T(recvfrom(fd2, buf, sizeof(buf), MSG_DONTWAIT, SA(from), &flen));
    printf("from %s: %.5s\n", from.nl_pid == (unsigned)getpid() ? "getpid()" : "other", buf);
    T(connect(fd2, SA(kernel), sizeof(kernel)));
    show_name(fd2, 1);
    T(sendto(fd, "x", 1, 0, SA(to), sizeof(to)));
    to.nl_pid = 777;
    T(sendto(fd, "x", 1, 0, SA(to), sizeof(to)));
    T(close(fd2));

    printf("-- ENOBUFS\n");
    v = 0;
    T(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)));
    r = request(RTM_GETLINK, NLM_F_REQUEST, AF_UNSPEC, sizeof(r.ifi));
    r.ifi.ifi_index = 1;
    for (int i = 0; i < 20; i++)
        send_req(fd, &r);
    T(recv(fd, buf, sizeof(buf), MSG_DONTWAIT));
    int got = 0;
    while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
        got++;
    printf("then %s replies, then %s\n", got > 0 && got < 20 ? "some" : "not some", errname(errno));
    v = 1;
    T(setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &v, sizeof(v)));
    for (int i = 0; i < 20; i++)
        send_req(fd, &r);
    got = 0;
    while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
        got++;
    printf("with NETLINK_NO_ENOBUFS: %s replies, then %s\n",
           got > 0 && got < 20 ? "some" : "not some", errname(errno));
    T(close(fd));

    printf("-- musl's getifaddrs and if_nameindex\n");
    struct ifaddrs *ifs;
    T(getifaddrs(&ifs));
    for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
        char ip[16] = "-";
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, ip, sizeof(ip));
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET6) /* moat has no IPv6 */
            printf("%s family %d flags %#x %s\n", i->ifa_name,
                   i->ifa_addr ? i->ifa_addr->sa_family : -1, i->ifa_flags, ip);
    }
    freeifaddrs(ifs);
    struct if_nameindex *ni = if_nameindex();
    for (struct if_nameindex *i = ni; i && i->if_index; i++)
        printf("if_nameindex: %u %s\n", i->if_index, i->if_name);
    if_freenameindex(ni);

    printf("-- interface ioctls\n");
    int u = TF(socket(AF_UNIX, SOCK_DGRAM, 0)), in4 = TF(socket(AF_INET, SOCK_DGRAM, 0));
    printf("if_nametoindex(lo) %u, if_nametoindex(eth0) %u\n", if_nametoindex("lo"),
           if_nametoindex("eth0"));
    char name[IF_NAMESIZE] = "x";
    printf("if_indextoname(1) %s, ", if_indextoname(1, name));
    printf("if_indextoname(2) %s\n", if_indextoname(2, name) ? name : errname(errno));
    struct ifreq q = {.ifr_name = "lo"};
    T(ioctl(u, SIOCGIFFLAGS, &q));
    printf("flags %#x\n", (unsigned short)q.ifr_flags);
    T(ioctl(u, SIOCSIFFLAGS, &q));
    T(ioctl(u, SIOCGIFMTU, &q));
    printf("mtu %d\n", q.ifr_mtu);
    T(ioctl(u, SIOCGIFTXQLEN, &q));
    printf("txqlen %d\n", q.ifr_qlen);
    T(ioctl(u, SIOCGIFMETRIC, &q));
    printf("metric %d\n", q.ifr_metric);
    T(ioctl(u, SIOCGIFHWADDR, &q));
    printf("hwaddr family %u, %s\n", q.ifr_hwaddr.sa_family,
           memcmp(q.ifr_hwaddr.sa_data, "\0\0\0\0\0\0", 6) ? "not zero" : "zero");
    memset(&q.ifr_map, 1, sizeof(q.ifr_map));
    T(ioctl(u, SIOCGIFMAP, &q));
    printf("map %lu %lu %u %u %u %u\n", q.ifr_map.mem_start, q.ifr_map.mem_end, q.ifr_map.base_addr,
           q.ifr_map.irq, q.ifr_map.dma, q.ifr_map.port);
    T(ioctl(u, SIOCGIFADDR, &q));
    static const int gets[] = {SIOCGIFADDR, SIOCGIFDSTADDR, SIOCGIFBRDADDR, SIOCGIFNETMASK};
    for (int i = 0; i < 4; i++) {
        char ip[16];
        memset(&q.ifr_addr, 7, sizeof(q.ifr_addr));
        long rr = ioctl(in4, gets[i], &q);
        struct sockaddr_in *sin = (struct sockaddr_in *)&q.ifr_addr;
        printf("AF_INET request %#x: %ld, family %u %s\n", gets[i], rr, sin->sin_family,
               inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof(ip)));
    }
    strcpy(q.ifr_name, "lo:1");
    T(ioctl(in4, SIOCGIFINDEX, &q));
    printf("index %d, name %s\n", q.ifr_ifindex, q.ifr_name);
    T(ioctl(in4, SIOCGIFADDR, &q));
    strcpy(q.ifr_name, "eth0");
    T(ioctl(u, SIOCGIFINDEX, &q));
    T(ioctl(in4, SIOCGIFADDR, &q));
    struct ifconf c = {0};
    T(ioctl(u, SIOCGIFCONF, &c));
    printf("ifc_len is %s\n", c.ifc_len == sizeof(struct ifreq) ? "one ifreq" : "other");
    struct ifreq all[3];
    memset(all, 7, sizeof(all));
    c.ifc_len = sizeof(all);
    c.ifc_req = all;
    T(ioctl(in4, SIOCGIFCONF, &c));
    printf("ifc_len is %s: %s %s\n", c.ifc_len == sizeof(struct ifreq) ? "one ifreq" : "other",
           all[0].ifr_name, inet_ntoa(((struct sockaddr_in *)&all[0].ifr_addr)->sin_addr));
    c.ifc_len = sizeof(struct ifreq) - 1;
    T(ioctl(in4, SIOCGIFCONF, &c));
    printf("ifc_len %d\n", c.ifc_len);
    T(ioctl(u, SIOCGIFFLAGS, (void *)1));
    q.ifr_flags = 0;
    strcpy(q.ifr_name, "lo");
    T(close(u));

    printf("-- without CAP_NET_ADMIN\n");
    T(setuid(65534));
    fd = TF(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
    r = request(RTM_NEWLINK, NLM_F_REQUEST, AF_UNSPEC, sizeof(r.ifi));
    r.ifi.ifi_index = 1;
    T(send_req(fd, &r));
    show_name(fd, 0);
    drain(fd, getpid());
    T(connect(fd, SA(to), sizeof(to)));
    T(sendto(fd, "x", 1, 0, SA(to), sizeof(to)));
    T(ioctl(in4, SIOCSIFFLAGS, &q));
    r = request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, AF_UNSPEC, sizeof(r.ifi));
    T(send_req(fd, &r));
    drain(fd, getpid());
    return 0;
}
