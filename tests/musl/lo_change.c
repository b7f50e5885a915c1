/* Proves lo changes as Linux's: its mtu and txqueuelen, each by the interface ioctls and by
 * netlink, as the ioctls, netlink's link, sysfs and IP_MTU tell them; an mtu bounds a packet that
 * may not be fragmented (EMSGSIZE) and WANT's DF, as a raw socket hears it. Down (by either), lo
 * keeps its address and local routes but its broadcast one, so a bind to 127.0.0.0/8 works, but
 * a datagram, a raw packet and a SYN are dropped; up again, all is back. lo's address is taken
 * away and given back (SIOCSIFADDR, RTM_DELADDR and RTM_NEWADDR); an mtu below IPv4's least (68)
 * takes IPv4 away, and only an mtu IPv4 can have and lo going up again give it back. On Linux the
 * test first makes a network namespace of its own, with a sysfs of its own, and sets its lo up. */
#define _GNU_SOURCE
#include "ifreq.h"
#include "report.h"
#include "rtnl.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef IP_MTU
#define IP_MTU 14
#endif

static char sys[32]; /* where a sysfs of the test's own is */
static int nl;

/* A dump (RTM_GET* with NLM_F_DUMP) of family: how many records, and the last one's bytes. */
static char rec[1024];
static int dump(int type, int family)
{
    struct {
        struct nlmsghdr h;
        struct rtmsg m;
    } r = {{sizeof(r), type, NLM_F_REQUEST | NLM_F_DUMP, 1, 0}, {family}};
    char buf[8192];
    int count = 0;
    if (send(nl, &r, sizeof(r), 0) < 0)
        return -1;
    for (;;) {
        int n = recv(nl, buf, sizeof(buf), 0);
        if (n < 0)
            return -1;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
                return count;
            memcpy(rec, h, h->nlmsg_len < sizeof(rec) ? h->nlmsg_len : sizeof(rec));
            count++;
        }
    }
}

/* lo as netlink tells it: its link's flags, mtu, txqueuelen, operstate and carrier, how many
   addresses it has and how many routes the local table holds. */
static void show_link(void)
{
    unsigned mtu = 0, qlen = 0, oper = 0, carrier = 0;
    int links = dump(RTM_GETLINK, AF_UNSPEC);
    struct nlmsghdr *h = (struct nlmsghdr *)rec;
    struct ifinfomsg *m = NLMSG_DATA(h);
    unsigned flags = m->ifi_flags;
    int len = h->nlmsg_len - NLMSG_LENGTH(sizeof(*m));
    for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        unsigned v = RTA_PAYLOAD(a) >= 4 ? *(unsigned *)RTA_DATA(a) : *(unsigned char *)RTA_DATA(a);
        if (a->rta_type == IFLA_MTU)
            mtu = v;
        else if (a->rta_type == IFLA_TXQLEN)
            qlen = v;
        else if (a->rta_type == IFLA_OPERSTATE)
            oper = v & 255;
        else if (a->rta_type == IFLA_CARRIER)
            carrier = v & 255;
    }
    int addrs = dump(RTM_GETADDR, AF_INET), routes = dump(RTM_GETROUTE, AF_INET);
    printf("netlink: %d link, flags %#x mtu %u txqlen %u operstate %u carrier %u; %d address, "
           "%d routes\n",
           links, flags, mtu, qlen, oper, carrier, addrs, routes);
}

static void list_routes(void)
{
    struct {
        struct nlmsghdr h;
        struct rtmsg m;
    } r = {{sizeof(r), RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 1, 0}, {AF_INET}};
    char buf[8192];
    send(nl, &r, sizeof(r), 0);
    for (;;) {
        int n = recv(nl, buf, sizeof(buf), 0);
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
                return;
            struct rtmsg *m = NLMSG_DATA(h);
            unsigned char dst[4] = {0};
            int len = h->nlmsg_len - NLMSG_LENGTH(sizeof(*m));
            for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len))
                if (a->rta_type == RTA_DST)
                    memcpy(dst, RTA_DATA(a), 4);
            printf("  route table %u type %u scope %u flags %#x %u.%u.%u.%u/%u\n", m->rtm_table,
                   m->rtm_type, m->rtm_scope, m->rtm_flags, dst[0], dst[1], dst[2], dst[3],
                   m->rtm_dst_len);
        }
    }
}

/* lo as the ioctls tell it. */
static void show_lo(int in4)
{
    char a[16] = "none";
    int flags, mtu, qlen;
    lo_gets(in4, &flags, &mtu, &qlen);
    if (ioctl(in4, SIOCGIFADDR, num("lo", 0)) == 0)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&q.ifr_addr)->sin_addr, a, sizeof(a));
    else
        snprintf(a, sizeof(a), "%s", errname(errno));
    struct ifconf c = {.ifc_len = sizeof(q), .ifc_req = &q};
    ioctl(in4, SIOCGIFCONF, &c);
    printf("lo: flags %#x mtu %d txqueuelen %d inet %s; SIOCGIFCONF %d\n", flags, mtu, qlen, a,
           c.ifc_len / (int)sizeof(q));
    printf("sysfs:");
    const char *names[] = {"flags", "mtu", "operstate"};
    for (int i = 0; i < 3; i++) {
        char path[80], v[16];
        snprintf(path, sizeof(path), "%s/class/net/lo/%s", sys, names[i]);
        int fd = open(path, O_RDONLY), n = fd < 0 ? 0 : read(fd, v, sizeof(v));
        printf(" %s %.*s", names[i], n > 0 ? n - 1 : 0, v); /* less its newline */
        close(fd);
    }
    printf("\n");
    show_link();
    list_routes();
}

static struct sockaddr_in at(const char *a, int port)
{
    struct sockaddr_in s = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, a, &s.sin_addr);
    return s;
}
#define SA(s) ((struct sockaddr *)&(s))

/* What lo's state lets through: binds, a datagram, a connect, a ping. */
static void traffic(void)
{
    struct sockaddr_in lo1 = at("127.0.0.1", 0), lo9 = at("127.0.0.9", 0), any = at("0.0.0.0", 0);
    socklen_t len = sizeof(lo1);
    int u = TF(socket(AF_INET, SOCK_DGRAM, 0)),
        t = TF(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    int b1 = socket(AF_INET, SOCK_DGRAM, 0), b9 = socket(AF_INET, SOCK_DGRAM, 0);
    T(bind(b1, SA(lo1), sizeof(lo1)));
    T(bind(b9, SA(lo9), sizeof(lo9)));
    T(bind(u, SA(any), sizeof(any)));
    T(getsockname(u, SA(lo1), &len));
    close(b1);
    close(b9);
    lo1.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    T(sendto(u, "x", 1, 0, SA(lo1), sizeof(lo1)));
    T(connect(t, SA(lo1), sizeof(lo1)));
    int err = -1;
    len = sizeof(err);
    T(getsockopt(t, SOL_SOCKET, SO_ERROR, &err, &len));
    printf("SO_ERROR %s\n", err ? errname(err) : "0");
    char buf[4];
    T(recv(u, buf, sizeof(buf), MSG_DONTWAIT));
    close(u);
    close(t);
}

/* An address request of type for the link index, the prefix, with its local address, peer
   (IFA_ADDRESS) and label where they are not NULL, host scope: the ack's error. */
static int addr_req(int type, int index, int prefix, const char *local, const char *peer,
                    const char *label)
{
    struct {
        struct nlmsghdr h;
        struct ifaddrmsg m;
        char attrs[64];
    } r = {{NLMSG_LENGTH(sizeof(r.m)), type, NLM_F_REQUEST | NLM_F_ACK, 1, 0},
           {AF_INET, prefix, 0, 254 /* RT_SCOPE_HOST */, index}};
    const char *values[] = {local, peer, label};
    const int types[] = {IFA_LOCAL, IFA_ADDRESS, IFA_LABEL};
    if (type == RTM_NEWADDR)
        r.h.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
    for (int i = 0; i < 3; i++) {
        if (!values[i])
            continue;
        struct rtattr *a = (struct rtattr *)((char *)&r + r.h.nlmsg_len);
        a->rta_type = types[i];
        if (i < 2) {
            a->rta_len = RTA_LENGTH(4);
            inet_pton(AF_INET, values[i], RTA_DATA(a));
        } else {
            a->rta_len = RTA_LENGTH(strlen(values[i]) + 1);
            strcpy(RTA_DATA(a), values[i]);
        }
        r.h.nlmsg_len += NLMSG_ALIGN(a->rta_len);
    }
    return rtnl_ack(nl, &r, r.h.nlmsg_len);
}
/* lo's 127.0.0.1/8 added, as ip addr add asks, and taken away, as ip addr del does */
#define new_addr() addr_req(RTM_NEWADDR, 1, 8, "127.0.0.1", "127.0.0.1", NULL)
#define del_addr() addr_req(RTM_DELADDR, 1, 8, "127.0.0.1", "127.0.0.1", NULL)

static struct ifreq *in(const char *a)
{
    memset(&q, 0, sizeof(q));
    strcpy(q.ifr_name, "lo");
    q.ifr_addr.sa_family = AF_INET;
    inet_pton(AF_INET, a, &((struct sockaddr_in *)&q.ifr_addr)->sin_addr);
    return &q;
}

/* A datagram of len bytes sent on the UDP socket d, and what the socket it was sent to gets;
   then as many on a raw socket (of protocol 253, which hears itself), and what it hears: the
   packet's length and its DF (its fragments put together again). */
static int raw, sink;
static void seen(int d, int len)
{
    static char buf[70000];
    T(send(d, buf, len, 0));
    printf("got %zd\n", recv(sink, buf, sizeof(buf), MSG_DONTWAIT));
    T(send(raw, buf, len + 8, 0)); /* as long a packet */
    int n = recv(raw, buf, sizeof(buf), MSG_DONTWAIT);
    if (n >= 20)
        printf("heard %d bytes, DF %d\n", n, (buf[6] & 0x40) != 0);
    else
        printf("heard nothing\n");
}

/* IP_MTU_DISCOVER's v on d and raw. */
static void pmtudisc(int d, int v)
{
    T(setsockopt(d, SOL_IP, IP_MTU_DISCOVER, &v, sizeof(v)));
    T(setsockopt(raw, SOL_IP, IP_MTU_DISCOVER, &v, sizeof(v)));
}

/* lo's mtu and txqueuelen by RTM_NEWLINK (0: not asked for), and its flags under change. */
static int set_link(unsigned flags, unsigned change, int mtu, int qlen)
{
    struct {
        struct nlmsghdr h;
        struct ifinfomsg m;
        struct rtattr mtu;
        int mtu_v;
        struct rtattr qlen;
        int qlen_v;
    } r = {{sizeof(r), RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 1, 0},
           {AF_UNSPEC, 0, 0, 1, flags, change},
           {8, mtu ? IFLA_MTU : 0x3FFF},
           mtu,
           {8, qlen ? IFLA_TXQLEN : 0x3FFF},
           qlen};
    if (!mtu && !qlen)
        r.h.nlmsg_len = NLMSG_LENGTH(sizeof(r.m));
    else if (!qlen)
        r.h.nlmsg_len -= 8;
    return rtnl_ack(nl, &r, r.h.nlmsg_len);
}

int main(void)
{
    unshare(CLONE_NEWNET); /* Linux's new lo is down; moat's one lo is up (EINVAL) */
    /* a sysfs of the namespace's own (Linux's shows the namespace that mounted it) */
    T(unshare(CLONE_NEWNS));
    /* kept from spreading to the host's mounts, where / is a mount (not in a chroot's root) */
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    snprintf(sys, sizeof(sys), "/tmp/lo_change.%d", getpid());
    T(mkdir(sys, 0700));
    T(mount("sysfs", sys, "sysfs", 0, NULL));
    int in4 = TF(socket(AF_INET, SOCK_DGRAM, 0)), u = TF(socket(AF_UNIX, SOCK_DGRAM, 0));
    nl = TF(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
    T(ioctl(in4, SIOCSIFFLAGS, num("lo", IFF_UP)));
    show_lo(in4);

    printf("-- lo's mtu 65536: a route's is at most 65535\n");
    int d = TF(socket(AF_INET, SOCK_DGRAM, 0)), mtu = 0;
    raw = TF(socket(AF_INET, SOCK_RAW, 253));
    sink = TF(socket(AF_INET, SOCK_DGRAM, 0));
    socklen_t vlen = sizeof(mtu);
    struct sockaddr_in lo1 = at("127.0.0.1", 9);
    T(bind(sink, SA(lo1), sizeof(lo1)));
    T(connect(raw, SA(lo1), sizeof(lo1)));
    T(getsockopt(d, SOL_IP, IP_MTU, &mtu, &vlen));
    T(connect(d, SA(lo1), sizeof(lo1)));
    T(getsockopt(d, SOL_IP, IP_MTU, &mtu, &vlen));
    printf("IP_MTU %d\n", mtu);
    seen(d, 65507);
    pmtudisc(d, IP_PMTUDISC_DO);
    seen(d, 65507);
    pmtudisc(d, IP_PMTUDISC_PROBE);
    seen(d, 65507);

    printf("-- mtu 1500, txqueuelen 500\n");
    T(ioctl(u, SIOCSIFMTU, num("lo", 1500)));
    T(ioctl(u, SIOCSIFTXQLEN, num("lo", 500)));
    show_lo(in4);
    T(getsockopt(d, SOL_IP, IP_MTU, &mtu, &vlen));
    printf("IP_MTU %d\n", mtu);
    seen(d, 1473);
    pmtudisc(d, IP_PMTUDISC_DO);
    seen(d, 1472);
    seen(d, 1473);
    pmtudisc(d, IP_PMTUDISC_WANT);
    seen(d, 1472);
    seen(d, 1473);

    printf("-- mtu and txqueuelen by netlink\n");
    T(set_link(0, 0, 9000, 2000));
    show_lo(in4);
    T(getsockopt(d, SOL_IP, IP_MTU, &mtu, &vlen));
    printf("IP_MTU %d\n", mtu);
    T(set_link(0, 0, -1, 0));
    T(ioctl(u, SIOCSIFMTU, num("lo", -1)));
    T(ioctl(u, SIOCSIFMTU, num("lo", 0x10000000)));
    T(ioctl(u, SIOCSIFTXQLEN, num("lo", 0)));
    show_lo(in4);

    printf("-- down\n");
    T(ioctl(in4, SIOCSIFFLAGS, num("lo", 0)));
    show_lo(in4);
    traffic();
    seen(d, 100);
    printf("-- up\n");
    T(ioctl(in4, SIOCSIFFLAGS, num("lo", IFF_UP)));
    show_lo(in4);
    traffic();
    printf("-- down and up by netlink\n");
    T(set_link(0, IFF_UP, 0, 0));
    show_lo(in4);
    T(set_link(IFF_UP, IFF_UP, 0, 0));
    show_lo(in4);

    printf("-- lo's address taken away and given back\n");
    T(ioctl(in4, SIOCSIFADDR, in("0.0.0.0")));
    show_lo(in4);
    traffic();
    T(ioctl(in4, SIOCSIFNETMASK, in("255.0.0.0")));
    T(ioctl(in4, SIOCSIFADDR, in("127.0.0.1")));
    T(ioctl(in4, SIOCGIFNETMASK, in("0.0.0.0")));
    printf("netmask %s\n", inet_ntoa(((struct sockaddr_in *)&q.ifr_netmask)->sin_addr));
    T(new_addr());
    T(ioctl(in4, SIOCSIFADDR, in("0.0.0.0")));
    T(ioctl(in4, SIOCSIFADDR, in("0.0.0.0")));
    T(new_addr());
    show_lo(in4);

    printf("-- lo's address taken away by netlink (as ip addr del and flush)\n");
    T(addr_req(RTM_DELADDR, 1, 16, "127.0.0.1", "127.0.0.1", NULL));
    T(addr_req(RTM_DELADDR, 1, 8, "127.0.0.2", NULL, NULL));
    T(addr_req(RTM_DELADDR, 1, 8, NULL, NULL, "lo:1"));
    T(addr_req(RTM_DELADDR, 99, 8, NULL, NULL, NULL));
    T(addr_req(RTM_DELADDR, 1, 24, NULL, "127.1.2.3", "lo"));
    show_lo(in4);
    T(del_addr());
    T(del_addr());
    show_lo(in4);
    T(new_addr());
    T(addr_req(RTM_DELADDR, 1, 0, NULL, NULL, NULL));
    T(new_addr());
    show_lo(in4);

    printf("-- mtu 67: no IPv4\n");
    T(ioctl(u, SIOCSIFMTU, num("lo", 67)));
    show_lo(in4);
    traffic();
    T(ioctl(in4, SIOCSIFADDR, in("127.0.0.1")));
    T(new_addr());
    T(del_addr());
    T(ioctl(u, SIOCSIFMTU, num("lo", 65536)));
    T(del_addr());
    show_lo(in4);
    T(ioctl(in4, SIOCSIFFLAGS, num("lo", 0)));
    T(ioctl(in4, SIOCSIFFLAGS, num("lo", IFF_UP)));
    show_lo(in4);
    traffic();
    T(umount(sys));
    T(rmdir(sys));
    return 0;
}
