/* <linux/netlink.h> and <linux/rtnetlink.h>'s parts the tests use (musl has no kernel headers). */
#pragma once
struct sockaddr_nl {
    unsigned short nl_family, nl_pad;
    unsigned nl_pid, nl_groups;
};
struct nlmsghdr {
    unsigned nlmsg_len;
    unsigned short nlmsg_type, nlmsg_flags;
    unsigned nlmsg_seq, nlmsg_pid;
};
struct nlmsgerr {
    int error;
    struct nlmsghdr msg;
};
struct rtattr {
    unsigned short rta_len, rta_type;
};
struct ifinfomsg {
    unsigned char ifi_family, pad;
    unsigned short ifi_type;
    int ifi_index;
    unsigned ifi_flags, ifi_change;
};
struct ifaddrmsg {
    unsigned char ifa_family, ifa_prefixlen, ifa_flags, ifa_scope;
    unsigned ifa_index;
};
struct rtmsg {
    unsigned char rtm_family, rtm_dst_len, rtm_src_len, rtm_tos, rtm_table, rtm_protocol, rtm_scope,
        rtm_type;
    unsigned rtm_flags;
};
#define NETLINK_ROUTE 0
#define SOL_NETLINK 270
#define NETLINK_ADD_MEMBERSHIP 1
#define NETLINK_NO_ENOBUFS 5
#define NETLINK_PKTINFO 3
#define NETLINK_LISTEN_ALL_NSID 8
#define NETLINK_CAP_ACK 10
#define NLMSG_NOOP 1
#define NLMSG_ERROR 2
#define NLMSG_DONE 3
#define NLM_F_REQUEST 1
#define NLM_F_ACK 4
#define NLM_F_REPLACE 0x100
#define NLM_F_EXCL 0x200
#define NLM_F_CREATE 0x400
#define NLM_F_DUMP 0x300
#define NLMSG_ALIGN(n) (((n) + 3) & ~3u)
#define NLMSG_LENGTH(n) ((n) + 16)
#define NLMSG_DATA(h) ((void *)((char *)(h) + 16))
#define NLMSG_OK(h, n) ((n) >= 16 && (h)->nlmsg_len >= 16 && (h)->nlmsg_len <= (n))
#define NLMSG_NEXT(h, n)                                                                           \
    ((n) -= NLMSG_ALIGN((h)->nlmsg_len),                                                           \
     (struct nlmsghdr *)((char *)(h) + NLMSG_ALIGN((h)->nlmsg_len)))
#define RTA_LENGTH(n) ((n) + 4)
#define RTA_DATA(a) ((void *)((char *)(a) + 4))
#define RTA_PAYLOAD(a) ((int)(a)->rta_len - 4)
#define RTA_OK(a, n) ((n) >= 4 && (a)->rta_len >= 4 && (a)->rta_len <= (n))
#define RTA_NEXT(a, n)                                                                             \
    ((n) -= NLMSG_ALIGN((a)->rta_len), (struct rtattr *)((char *)(a) + NLMSG_ALIGN((a)->rta_len)))
enum { RTM_NEWLINK = 16, RTM_GETLINK = 18, RTM_NEWADDR = 20, RTM_DELADDR, RTM_GETADDR };
enum { RTM_NEWROUTE = 24, RTM_GETROUTE = 26, RTM_GETNEIGH = 30, RTM_GETRULE = 34, RTM_GETMDB = 86 };
enum { IFLA_ADDRESS = 1, IFLA_BROADCAST, IFLA_IFNAME, IFLA_MTU, IFLA_QDISC = 6 };
enum { IFLA_TXQLEN = 13, IFLA_OPERSTATE = 16, IFLA_CARRIER = 33 };
enum { IFA_ADDRESS = 1, IFA_LOCAL, IFA_LABEL, IFA_BROADCAST, IFA_CACHEINFO = 6, IFA_FLAGS = 8 };
enum { RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PREFSRC = 7, RTA_TABLE = 15 };
#define RTNLGRP_IPV4_ROUTE 7
#define RTNLGRP_MAX 36

#include <errno.h>
#include <sys/socket.h>
/* A request of len bytes sent on nl, and its ack taken: 0, or -1 with errno its error (EIO for
   a reply that is no ack). */
static inline int rtnl_ack(int nl, const void *r, unsigned len)
{
    struct {
        struct nlmsghdr h;
        struct nlmsgerr e;
        char rest[128];
    } ack;
    if (send(nl, r, len, 0) < 0 || recv(nl, &ack, sizeof(ack), 0) < 0)
        return -1;
    if (ack.h.nlmsg_type != NLMSG_ERROR)
        return errno = EIO, -1;
    return ack.e.error ? (errno = -ack.e.error, -1) : 0;
}
