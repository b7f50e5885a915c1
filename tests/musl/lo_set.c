/* Proves the interface ioctls' sets take what leaves lo as it is, as Linux's do, so an init
 * script's `ifconfig lo 127.0.0.1 netmask 255.0.0.0 up` succeeds: lo's own address, netmask,
 * broadcast (none) and destination on an AF_INET socket, its mtu, txqueuelen and flags on any
 * socket; and Linux's refusals: lo's address again under an alias (EEXIST), an alias with no
 * address (EADDRNOTAVAIL), an address set on a socket that is not AF_INET (ENOTTY) or that is
 * no AF_INET address (EINVAL), a negative mtu or txqueuelen (EINVAL), lo's metric and map,
 * which no set takes whatever it asks (EOPNOTSUPP), a multicast address or a netmask with a
 * hole (EINVAL), an alias's flags on an AF_INET socket (EADDRNOTAVAIL), an alias's address 0
 * (nothing to do: 0), an interface that is not there (ENODEV), and any set without
 * CAP_NET_ADMIN (EPERM). By netlink, lo's address again (RTM_NEWADDR) is EEXIST, with
 * NLM_F_EXCL or without, and one without IFA_LOCAL or past /32 is EINVAL, on index 99 ENODEV,
 * and 0.0.0.0 is nothing to do (0). lo stays as it was, and a datagram still crosses it. On Linux
 * the test first makes a network namespace of its own and sets its lo up (moat has one lo, up, and
 * no network namespaces). With an argument, it asks for another address instead: moat-only (Linux
 * gives it; moat's lo has only its own, so each is EOPNOTSUPP, a new address or a peer by netlink
 * too). */
#define _GNU_SOURCE
#include "ifreq.h"
#include "report.h"
#include "rtnl.h"
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* q naming name, with the AF_INET address a (NULL: none) at its union. */
static struct ifreq *in(const char *name, const char *a)
{
    memset(&q, 0, sizeof(q));
    strcpy(q.ifr_name, name);
    q.ifr_addr.sa_family = AF_INET;
    if (a)
        inet_pton(AF_INET, a, &((struct sockaddr_in *)&q.ifr_addr)->sin_addr);
    return &q;
}

/* RTM_NEWADDR for index, prefix/len, its IFA_LOCAL and IFA_ADDRESS a ("LOCAL", or "LOCAL PEER";
   none for NULL), with flags: the ack's error, as -1 and errno (or 0). */
static int new_addr(int nl, int index, int len, const char *a, int flags)
{
    struct {
        struct nlmsghdr h;
        struct ifaddrmsg m;
        struct rtattr local;
        struct in_addr local_a;
        struct rtattr address;
        struct in_addr address_a;
    } r = {{sizeof(r), RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | flags, 1, 0},
           {AF_INET, len, 0, 254 /* RT_SCOPE_HOST */, index},
           {8, IFA_LOCAL},
           {0},
           {8, IFA_ADDRESS},
           {0}};
    if (a) { /* "LOCAL" or "LOCAL PEER" */
        char local[16] = "";
        strncat(local, a, strcspn(a, " "));
        inet_pton(AF_INET, local, &r.local_a);
        inet_pton(AF_INET, strchr(a, ' ') ? strchr(a, ' ') + 1 : local, &r.address_a);
    } else {
        r.h.nlmsg_len = NLMSG_LENGTH(sizeof(r.m));
    }
    return rtnl_ack(nl, &r, r.h.nlmsg_len);
}

/* lo as its gets tell it. */
static void show_lo(int in4)
{
    char a[16], m[16];
    int flags, mtu, qlen;
    lo_gets(in4, &flags, &mtu, &qlen);
    ioctl(in4, SIOCGIFADDR, in("lo", NULL));
    inet_ntop(AF_INET, &((struct sockaddr_in *)&q.ifr_addr)->sin_addr, a, sizeof(a));
    ioctl(in4, SIOCGIFNETMASK, in("lo", NULL));
    inet_ntop(AF_INET, &((struct sockaddr_in *)&q.ifr_netmask)->sin_addr, m, sizeof(m));
    printf("lo: flags %#x mtu %d txqueuelen %d inet %s netmask %s\n", flags, mtu, qlen, a, m);
}

int main(int argc, char **argv)
{
    (void)argv;
    unshare(CLONE_NEWNET); /* Linux's new lo is down; moat's one lo is up (EINVAL) */
    int in4 = TF(socket(AF_INET, SOCK_DGRAM, 0)), u = TF(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(ioctl(in4, SIOCSIFFLAGS, num("lo", IFF_UP)));
    show_lo(in4);
    if (argc > 1) {
        printf("-- changes\n");
        T(ioctl(in4, SIOCSIFADDR, in("lo", "127.0.0.2")));
        T(ioctl(in4, SIOCSIFADDR, in("lo:1", "10.0.0.1")));
        T(ioctl(in4, SIOCSIFNETMASK, in("lo", "255.255.0.0")));
        T(ioctl(in4, SIOCSIFBRDADDR, in("lo", "127.255.255.255")));
        int nl = TF(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
        T(new_addr(nl, 1, 8, "127.0.0.2", NLM_F_CREATE | NLM_F_EXCL));
        T(new_addr(nl, 1, 8, "127.0.0.1", NLM_F_REPLACE));
        T(new_addr(nl, 1, 8, "127.0.0.1 10.0.0.1", NLM_F_CREATE | NLM_F_EXCL));
        show_lo(in4);
        return 0;
    }

    printf("-- sets that leave lo as it is\n");
    T(ioctl(in4, SIOCSIFADDR, in("lo", "127.0.0.1")));
    T(ioctl(in4, SIOCSIFNETMASK, in("lo", "255.0.0.0")));
    T(ioctl(in4, SIOCSIFBRDADDR, in("lo", "0.0.0.0")));
    T(ioctl(in4, SIOCSIFDSTADDR, in("lo", "127.0.0.1")));
    T(ioctl(u, SIOCSIFMTU, num("lo", 65536)));
    T(ioctl(in4, SIOCSIFMTU, num("lo", 65536)));
    T(ioctl(u, SIOCSIFTXQLEN, num("lo:1", 1000)));
    T(ioctl(u, SIOCSIFFLAGS, num("lo", IFF_UP | IFF_LOOPBACK | IFF_RUNNING)));

    printf("-- refusals\n");
    T(ioctl(in4, SIOCSIFADDR, in("lo:1", "127.0.0.1")));
    T(ioctl(in4, SIOCSIFNETMASK, in("lo:1", "255.0.0.0")));
    T(ioctl(u, SIOCSIFADDR, in("lo", "127.0.0.1")));
    in("lo", "127.0.0.1")->ifr_addr.sa_family = AF_UNIX;
    T(ioctl(in4, SIOCSIFADDR, &q));
    T(ioctl(in4, SIOCSIFADDR, in("eth9", "127.0.0.1")));
    T(ioctl(u, SIOCSIFMTU, num("lo", -1)));
    T(ioctl(u, SIOCSIFTXQLEN, num("lo", -1)));
    T(ioctl(u, SIOCSIFMETRIC, num("lo", 0)));
    T(ioctl(u, SIOCSIFMAP, num("lo", 0)));
    T(ioctl(u, SIOCSIFMTU, num("eth9", 65536)));
    T(ioctl(u, SIOCSIFMETRIC, num("lo", -1)));
    T(ioctl(in4, SIOCSIFADDR, in("lo", "224.0.0.1")));
    T(ioctl(in4, SIOCSIFDSTADDR, in("lo", "224.0.0.1")));
    T(ioctl(in4, SIOCSIFNETMASK, in("lo", "255.0.255.0")));
    T(ioctl(in4, SIOCSIFADDR, in("lo:1", "224.0.0.1")));
    T(ioctl(in4, SIOCSIFADDR, in("lo:1", "0.0.0.0")));
    T(ioctl(in4, SIOCSIFFLAGS, num("lo:1", IFF_UP)));
    T(ioctl(u, SIOCSIFFLAGS, num("lo:1", IFF_UP)));
    show_lo(in4);

    printf("-- lo's address again, by netlink (as ip addr add 127.0.0.1/8 dev lo)\n");
    int nl = TF(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
    T(new_addr(nl, 1, 8, "127.0.0.1", NLM_F_CREATE | NLM_F_EXCL));
    T(new_addr(nl, 1, 8, "127.0.0.1", NLM_F_CREATE));
    T(new_addr(nl, 1, 8, NULL, NLM_F_CREATE | NLM_F_EXCL));
    T(new_addr(nl, 1, 33, "127.0.0.1", NLM_F_CREATE | NLM_F_EXCL));
    T(new_addr(nl, 99, 8, "127.0.0.1", NLM_F_CREATE | NLM_F_EXCL));
    T(new_addr(nl, 1, 8, "0.0.0.0", NLM_F_CREATE | NLM_F_EXCL));
    show_lo(in4);

    printf("-- a datagram across lo\n");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    char buf[8] = "";
    T(bind(in4, (struct sockaddr *)&a, sizeof(a)));
    T(getsockname(in4, (struct sockaddr *)&a, &len));
    T(sendto(in4, "ping", 4, 0, (struct sockaddr *)&a, sizeof(a)));
    T(recv(in4, buf, sizeof(buf), MSG_DONTWAIT));
    printf("got %s\n", buf);

    printf("-- without CAP_NET_ADMIN\n");
    T(setuid(65534));
    T(ioctl(in4, SIOCSIFADDR, in("lo", "127.0.0.1")));
    T(ioctl(u, SIOCSIFMTU, num("lo", 65536)));
    T(ioctl(u, SIOCSIFFLAGS, num("lo", IFF_UP)));
    T(ioctl(u, SIOCSIFMETRIC, num("lo", 0)));
    show_lo(in4);
    return 0;
}
