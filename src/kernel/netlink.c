/* AF_NETLINK sockets of NETLINK_ROUTE, as Linux's af_netlink.c and rtnetlink.c answer them on a
   machine whose one interface is lo, with 127.0.0.1/8 and no IPv6, and the interface ioctls on
   any socket. Requests are answered as they are sent, so a reply is queued before the send
   returns: a dump's records in one datagram and its NLMSG_DONE in the next, an error or an
   asked-for ack in one of its own (the request with it, unless NETLINK_CAP_ACK). The dumps are
   the links, the addresses, the routes (the local table's; the main table is empty), the
   neighbours (none) and the rules (IPv4's three); a link's get, lo's changes (up or down, its mtu
   and txqueuelen: lo_dev) and lo's own address added (EEXIST while it has it) or taken away
   answer too. Other
   requests are EOPNOTSUPP, the console saying so once per type. No group is told of a change
   (Linux's would be). Sockets also reach each other by port id (unicast), as Linux's. A send to
   the kernel of more than 64 KiB is ENOBUFS (Linux takes up to its send buffer). */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/socket_impl.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define NETLINK_ROUTE 0
#define MAX_LINKS 32
#define NL_ADDR_LEN 12 /* struct sockaddr_nl */
#define RTNLGRP_MAX 36
#define RTM_MAX 123
#define NLMSG_ERROR 2
#define NLMSG_DONE 3
#define NLMSG_MIN_TYPE 16
#define NLM_F_REQUEST 1
#define NLM_F_MULTI 2
#define NLM_F_ACK 4
#define NLM_F_EXCL 0x200
#define NLM_F_CREATE 0x400
#define NLM_F_DUMP 0x300
#define NLM_F_CAPPED 0x100
#define NLM_F_REPLACE 0x100
enum { RTM_NEWLINK = 16, RTM_GETLINK = 18, RTM_SETLINK, RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR };
#define RTM_GETROUTE 26
#define RTM_GETNEIGH 30
#define RTM_GETRULE 34
/* SOL_NETLINK's options that are flags (each its bit in nlopts); bit 0 is SOCK_RAW's. */
#define SOL_NETLINK 270
enum { NL_RAW, NL_ADD_MEMBERSHIP, NL_DROP_MEMBERSHIP, NL_NO_ENOBUFS = 5, NL_CAP_ACK = 10 };
#define NL_FLAG_OPTS                                                                               \
    (1u << 3 | 1u << 4 | 1u << NL_NO_ENOBUFS | 1u << NL_CAP_ACK | 1u << 11 | 1u << 12)
#define NL_LISTEN_ALL_NSID 8 /* a flag that needs CAP_NET_BROADCAST */
#define CAP_NET_BROADCAST 11

struct nlhdr {
    uint32_t len;
    uint16_t type, flags;
    uint32_t seq, pid;
};
#define NLHDR 16u

/* Attributes as their bytes (struct rtattr: length, type, value, padded to 4). */
#define A8(t, v) 5, 0, t, 0, v, 0, 0, 0
#define A32(t, v) 8, 0, t, 0, (v)&255, (v) >> 8 & 255, (v) >> 16 & 255, (v) >> 24
#define ALO(t) 7, 0, t, 0, 'l', 'o', 0, 0           /* "lo" */
#define AMAC(t) 10, 0, t, 0, 0, 0, 0, 0, 0, 0, 0, 0 /* 00:00:00:00:00:00 */
#define AIP(t, a, b, c, d) 8, 0, t, 0, a, b, c, d
#define IFLA_IFNAME 3
#define IFLA_MTU 4
#define IFLA_TXQLEN 13
#define IFA_ADDRESS 1
#define IFA_LOCAL 2
#define IFA_LABEL 3
#define BIT(n) (1u << (n))
#define LO_INDEX 1
#define LO_IP 0x0100007Fu /* 127.0.0.1, as it lies in memory */
#define LO_FLAGS 0x10049u /* IFF_UP, IFF_LOOPBACK, IFF_RUNNING, IFF_LOWER_UP */
#define LO_DOWN 8u        /* IFF_LOOPBACK */
#define IPV4_MIN_MTU 68
/* What dev_change_flags may change: up, debug, notrailers, noarp, promisc, allmulti,
   multicast, portsel, automedia, dynamic */
#define IFF_CHANGEABLE 0xF3A5u

/* lo's RTM_NEWLINK: struct ifinfomsg (ARPHRD_LOOPBACK, its index and flags), then the
   attributes rtnl_fill_ifinfo gives (all but the statistics, which moat does not keep):
   its name, txqueuelen, operstate (unknown) and link mode, mtu (and no minimum or maximum), group,
   promiscuity, queues, GSO limits, carrier, qdisc, and its all-zero address and broadcast. */
/* clang-format off */
static uint8_t lo_link[] = {
    0, 0, 0x04, 0x03, LO_INDEX, 0, 0, 0, 0x49, 0, 1, 0, 0, 0, 0, 0,
    ALO(IFLA_IFNAME), A32(13, 1000), A8(16, 0), A8(17, 0), A32(4, 65536), A32(50, 0), A32(51, 0),
    A32(27, 0), A32(30, 0), A32(31, 1), A32(40, 65535), A32(41, 65536), A32(32, 1), A8(33, 1),
    12, 0, 6, 0, 'n', 'o', 'q', 'u', 'e', 'u', 'e', 0, AMAC(1), AMAC(2)};
/* lo's address, RTM_NEWADDR: struct ifaddrmsg (AF_INET, /8, IFA_F_PERMANENT, host scope, lo),
   its address and local address, label, flags and cache info (forever; made at boot, or when
   it was given back: LO_ADDR_MADE). */
#define LO_ADDR_MADE 52
static uint8_t lo_addr[] = {
    2, 8, 0x80, 254, LO_INDEX, 0, 0, 0, AIP(1, 127, 0, 0, 1), AIP(2, 127, 0, 0, 1), ALO(3),
    A32(8, 0x80), 20, 0, 6, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0};
/* clang-format on */
/* The local table's routes, RTM_NEWROUTE: struct rtmsg (AF_INET, the prefix, table 255, made by
   the kernel, the scope and type: local or broadcast), then the table, the destination, the
   preferred source and the interface. dump makes the three from the first, 127.0.0.0/8 (local,
   host scope): 127.0.0.1/32 (local) and 127.255.255.255/32 (broadcast, link scope). */
/* clang-format off */
static const uint8_t lo_route[44] = {2, 8, 0, 0, 255, 2, 254, 2, 0, 0, 0, 0, A32(15, 255),
                                     AIP(1, 127, 0, 0, 0), AIP(7, 127, 0, 0, 1),
                                     A32(4, LO_INDEX)};
/* clang-format on */

/* A policy routing rule, RTM_NEWRULE, IPv4's (the one family with rules): struct fib_rule_hdr
   (AF_INET, the table, FR_ACT_TO_TBL), then the table, no suppressed prefix length, made by
   the kernel and the priority. dump makes the three from it: local (255, and no priority: 0),
   main (254, 32766) and default (253, 32767). */
/* clang-format off */
static const uint8_t rule[44] = {2, 0, 0, 0, 255, 0, 0, 1, 0, 0, 0, 0, A32(15, 255),
                                 A32(14, 0xFFFFFFFFu), A8(21, 2), A32(6, 32766)};
/* clang-format on */

struct lo_dev lo_dev = {LO_FLAGS, 65536, 1000, LO_ADDR};

/* lo's address given (back: made now, in hundredths of a second since boot), or taken away. */
static void lo_give_addr(bool give)
{
    if (give && lo_dev.inet != LO_ADDR) {
        uint32_t now = (uint32_t)(time_ticks() / 10);
        __builtin_memcpy(lo_addr + LO_ADDR_MADE, &now, 4);
        __builtin_memcpy(lo_addr + LO_ADDR_MADE + 4, &now, 4);
    }
    lo_dev.inet = give ? LO_ADDR : LO_NO_ADDR;
}

/* lo changed as dev_change_flags, dev_set_mtu and dev_change_tx_queue_len change it: up (flags'
   IFF_UP) or down, its mtu and txqueuelen; IPv4 on it as inetdev_event follows them: an mtu below
   IPv4's least takes it away (lo's address with it), a change to one IPv4 can have gives it back
   without an address, and lo going up gives it its address again. */
static void lo_change(uint32_t flags, uint32_t mtu, uint32_t qlen)
{
    if (mtu < IPV4_MIN_MTU)
        lo_dev.inet = LO_NO_INET;
    else if (lo_dev.inet == LO_NO_INET)
        lo_dev.inet = LO_NO_ADDR;
    if (flags & ~lo_dev.flags & IFF_UP && lo_dev.inet)
        lo_give_addr(true);
    lo_dev.flags = flags & IFF_UP ? LO_FLAGS : LO_DOWN;
    lo_dev.mtu = mtu, lo_dev.qlen = qlen;
    __builtin_memcpy(lo_link + 8, &lo_dev.flags, 4);
    __builtin_memcpy(lo_link + 28, &qlen, 4);
    lo_link[36] = flags & IFF_UP ? 0 : 2; /* IF_OPER_UNKNOWN, IF_OPER_DOWN */
    __builtin_memcpy(lo_link + 52, &mtu, 4);
}

/* The most one send to the kernel may carry (Linux's: the send buffer's size): ENOBUFS past it. */
#define REQUEST_MAX 65536
/* A reply datagram, built here then queued. */
static uint8_t reply[512];
static uint32_t reply_len;

/* Is this n's first time (its bit in bits, set now)? The console names each thing once. */
static bool first_time(uint32_t *bits, uint32_t n)
{
    bool first = !(bits[n / 32] & 1u << n % 32);
    bits[n / 32] |= 1u << n % 32;
    return first;
}

/* The socket with a port id, but s (NULL: none). */
static struct sock *by_portid(uint32_t portid, const struct sock *s)
{
    for (struct sock *o = all_socks; o; o = o->next)
        if (o != s && o->family == AF_NETLINK && o->portid == portid && o->state != SS_DEAD)
            return o;
    return NULL;
}

/* The process's id, or where that is taken a negative one below -4096, as Linux's (which
   starts from a random one). */
static void autobind(struct sock *s)
{
    static int32_t rover = -4097;
    uint32_t id = APP_PID;
    while (by_portid(id, s)) {
        id = (uint32_t)rover;
        rover = rover == INT32_MIN ? -4097 : rover - 1;
    }
    s->portid = id;
}

void netlink_init(struct sock *s, uint32_t type)
{
    s->family = AF_NETLINK;
    s->type = SOCK_DGRAM; /* SOCK_RAW too behaves as one; SO_TYPE gives it back */
    s->nlopts = type == SOCK_RAW ? 1u << NL_RAW : 0;
}

int netlink_check(uint32_t type, uint32_t protocol)
{
    if (type != SOCK_RAW && type != SOCK_DGRAM)
        return -ESOCKTNOSUPPORT;
    static uint32_t logged;
    if (protocol != NETLINK_ROUTE) {
        if (protocol < MAX_LINKS && first_time(&logged, protocol))
            klog("socket: %s protocol %u is not implemented (-EPROTONOSUPPORT)", "AF_NETLINK",
                 protocol);
        return -EPROTONOSUPPORT;
    }
    return 0;
}

static bool nl_addr_ok(const struct sock_addr *a)
{
    return a->len >= NL_ADDR_LEN && a->bytes[0] == AF_NETLINK && !a->bytes[1];
}

static uint32_t addr_word(const struct sock_addr *a, uint32_t at)
{
    uint32_t v;
    __builtin_memcpy(&v, a->bytes + at, sizeof(v));
    return v;
}

int netlink_bind(struct sock *s, const struct sock_addr *a)
{
    if (!nl_addr_ok(a))
        return -EINVAL;
    uint32_t pid = addr_word(a, 4);
    if (s->portid && pid != s->portid)
        return -EINVAL;
    if (!s->portid) {
        if (!pid)
            autobind(s);
        else if (by_portid(pid, s))
            return -EADDRINUSE;
        else
            s->portid = pid;
    }
    s->groups = (s->groups & ~0xFFFFFFFFull) | addr_word(a, 8);
    return 0;
}

/* A destination (connect's, a send's): a port id (0: the kernel) and the lowest group named;
   another socket or a group needs CAP_NET_ADMIN (rtnetlink lets nobody else send to them). */
static int destination(const struct sock_addr *a, uint32_t *pid, uint32_t *group)
{
    if (!nl_addr_ok(a))
        return -EINVAL;
    *pid = addr_word(a, 4);
    *group = (uint32_t)__builtin_ffs((int)addr_word(a, 8));
    return (*pid || *group) && !capable(CAP_NET_ADMIN) ? -EPERM : 0;
}

int netlink_connect(struct sock *s, const struct sock_addr *a)
{
    if (a->len < 2)
        return -EINVAL;
    if (a->bytes[0] == AF_UNSPEC && !a->bytes[1]) {
        s->state = SS_CLOSED;
        s->dst_portid = s->dst_group = 0;
        return 0;
    }
    uint32_t pid, group;
    int err = destination(a, &pid, &group);
    if (err)
        return err;
    if (!s->portid)
        autobind(s);
    s->state = SS_CONNECTED;
    s->dst_portid = pid, s->dst_group = group;
    return 0;
}

static void set_addr(struct sock_addr *a, uint32_t pid, uint32_t groups)
{
    *a = (struct sock_addr){.len = NL_ADDR_LEN, .bytes = {AF_NETLINK}};
    __builtin_memcpy(a->bytes + 4, &pid, 4);
    __builtin_memcpy(a->bytes + 8, &groups, 4);
}

void netlink_name(const struct sock *s, int peer, struct sock_addr *out)
{
    if (peer)
        set_addr(out, s->dst_portid, s->dst_group ? 1u << (s->dst_group - 1) : 0);
    else
        set_addr(out, s->portid, (uint32_t)s->groups);
}

void netlink_msg_name(const struct msg *m, struct sock_addr *a)
{
    set_addr(a, m->saddr, 0);
}

/* SOL_NETLINK: the flags, and the groups' membership (1 to RTNLGRP_MAX). */
int netlink_setsockopt(struct sock *s, uint32_t level, uint32_t name, int32_t v, uint32_t len)
{
    if (level != SOL_NETLINK)
        return -ENOPROTOOPT;
    if (len < sizeof(v))
        v = 0;
    if (name == NL_ADD_MEMBERSHIP || name == NL_DROP_MEMBERSHIP) {
        if (!v || (uint32_t)v > RTNLGRP_MAX)
            return -EINVAL;
        uint64_t bit = 1ull << (v - 1);
        s->groups = name == NL_ADD_MEMBERSHIP ? s->groups | bit : s->groups & ~bit;
        return 0;
    }
    if (name == NL_LISTEN_ALL_NSID && !capable(CAP_NET_BROADCAST))
        return -EPERM;
    if (name >= 32 || !((NL_FLAG_OPTS | 1u << NL_LISTEN_ALL_NSID) >> name & 1))
        return -ENOPROTOOPT;
    s->nlopts = v ? s->nlopts | 1u << name : s->nlopts & ~(1u << name);
    return 0;
}

int netlink_getsockopt(const struct sock *s, uint32_t level, uint32_t name, int32_t *v)
{
    if (level != SOL_NETLINK)
        return -ENOPROTOOPT;
    if (name >= 32 || !(NL_FLAG_OPTS >> name & 1))
        return -ENOPROTOOPT; /* NETLINK_LIST_MEMBERSHIPS among them */
    *v = s->nlopts >> name & 1;
    return 0;
}

uint32_t netlink_type(const struct sock *s)
{
    return s->nlopts & 1u << NL_RAW ? SOCK_RAW : SOCK_DGRAM;
}

/* Queue len bytes on s, as the kernel sends them: a full queue drops them, and gives ENOBUFS
   once (but under NETLINK_NO_ENOBUFS), as netlink_overrun. */
static void emit(struct sock *s, const void *bytes, uint32_t len)
{
    struct sock_io io = {.buf = (uintptr_t)bytes, .kernel = true, .len = len};
    if (s->rmem > s->rcvbuf || sock_queue_udp(s, &io, 0, 0) < 0) {
        if (!(s->nlopts & 1u << NL_NO_ENOBUFS))
            s->err = ENOBUFS;
    }
    reply_len = 0;
}

/* A message at the end of reply: its header (answering h), then its bytes. */
static void put(struct sock *s, const struct nlhdr *h, uint16_t type, uint16_t flags,
                const void *bytes, uint32_t len)
{
    struct nlhdr *r = (struct nlhdr *)(reply + reply_len);
    *r = (struct nlhdr){NLHDR + len, type, flags, h->seq, s->portid};
    memcpy(r + 1, bytes, len);
    reply_len += NLHDR + len;
}

/* The ack of h (err 0) or its error, as netlink_ack: struct nlmsgerr, the request's header
   and, with an error, its payload too (unless NETLINK_CAP_ACK). */
static void ack(struct sock *s, struct nlhdr *h, int err)
{
    bool capped = !err || (s->nlopts & 1u << NL_CAP_ACK);
    uint32_t copy = capped ? NLHDR : (h->len + 3) & ~3u;
    memset((uint8_t *)h + h->len, 0, copy > h->len ? copy - h->len : 0); /* the padding */
    uint8_t *ack = (uint8_t *)h - NLHDR - 4; /* what came before h is done with */
    *(struct nlhdr *)ack =
        (struct nlhdr){NLHDR + 4 + copy, NLMSG_ERROR, capped ? NLM_F_CAPPED : 0, h->seq, s->portid};
    __builtin_memcpy(ack + NLHDR, &err, 4);
    emit(s, ack, NLHDR + 4 + copy);
}

/* The first of a request's attributes (after its family header, hlen bytes) whose type is one
   of types' bits (is none of them, without want), and its value's length: NULL if none. */
static const uint8_t *attr(const struct nlhdr *h, uint32_t hlen, uint32_t types, bool want,
                           uint32_t *len)
{
    const uint8_t *p = (const uint8_t *)(h + 1) + hlen, *end = (const uint8_t *)h + h->len;
    while (end - p >= 4) {
        uint32_t alen = p[0] | (uint32_t)p[1] << 8, atype = (p[2] | (uint32_t)p[3] << 8) & 0x3FFF;
        if (alen < 4 || alen > (uint32_t)(end - p))
            break;
        if ((atype < 32 && types >> atype & 1) == want) {
            *len = alen - 4;
            return p + 4;
        }
        p += (alen + 3) & ~3u;
    }
    return NULL;
}

/* The link a request names by its ifinfomsg's index, or else by IFLA_IFNAME (name, len bytes):
   0 (lo), -ENODEV, or -EINVAL for neither. */
static int which_link(int32_t index, const uint8_t *name, uint32_t len)
{
    if (index > 0)
        return index == LO_INDEX ? 0 : -ENODEV;
    if (!name)
        return -EINVAL;
    return len >= 2 && name[0] == 'l' && name[1] == 'o' && (len == 2 || !name[2]) ? 0 : -ENODEV;
}

/* A link request's u32 attribute of type into *v, if it has one: -ERANGE if it is short
   (nla_validate's). */
static int u32_attr(const struct nlhdr *h, uint32_t type, uint32_t *v)
{
    uint32_t len;
    const uint8_t *p = attr(h, 16, BIT(type), true, &len);
    if (p && len < 4)
        return -ERANGE;
    if (p)
        __builtin_memcpy(v, p, 4);
    return 0;
}

static int unsupported(uint16_t type)
{
    static uint32_t logged[(RTM_MAX + 32) / 32];
    if (first_time(logged, type))
        klog("netlink: rtnetlink message type %u is not implemented (-EOPNOTSUPP)", type);
    return -EOPNOTSUPP;
}

/* A dump: its records in one datagram, NLMSG_DONE in the next (in one with nothing to dump). */
static int dump(struct sock *s, const struct nlhdr *h)
{
    uint8_t family = *(const uint8_t *)(h + 1);
    int32_t done = 0;
    switch (h->type) {
    case RTM_GETLINK:
        put(s, h, RTM_NEWLINK, NLM_F_MULTI, lo_link, sizeof(lo_link));
        break;
    case RTM_GETADDR:
        if (lo_dev.inet == LO_ADDR)
            put(s, h, RTM_GETADDR - 2, NLM_F_MULTI, lo_addr, sizeof(lo_addr));
        break;
    case RTM_GETROUTE: /* lo's address's three, but its broadcast while lo is down */
        for (uint8_t i = 0; i < (lo_dev.inet == LO_ADDR ? 2 + (lo_dev.flags & IFF_UP) : 0); i++) {
            uint8_t *r = reply + reply_len + NLHDR, b = i == 2 ? 255 : 0;
            put(s, h, RTM_GETROUTE - 2, NLM_F_MULTI, lo_route, sizeof(lo_route));
            if (i) /* a host's route */
                r[1] = 32;
            r[6] -= b & 1, r[7] += b & 1; /* the broadcast's scope and type */
            r[25] = r[26] = b, r[27] = b | i;
        }
        break;
    case RTM_GETNEIGH:
        break;
    case RTM_GETRULE: /* fib_nl_dumprule: a family without rules is its NLMSG_DONE's error */
        if (family != AF_UNSPEC && family != AF_INET)
            done = -EAFNOSUPPORT;
        for (uint8_t i = 0; i < 3 && !done; i++) {
            uint8_t *r = reply + reply_len + NLHDR;
            put(s, h, RTM_GETRULE - 2, NLM_F_MULTI, rule, i ? 44 : 36);
            r[4] = r[16] = (uint8_t)(255 - i);
            r[40] = (uint8_t)(0xFD + i); /* 32766, 32767 (past the first's end) */
        }
        break;
    default:
        return unsupported(h->type);
    }
    if (reply_len)
        emit(s, reply, reply_len);
    put(s, h, NLMSG_DONE, NLM_F_MULTI, &done, sizeof(done));
    emit(s, reply, reply_len);
    return -EINTR; /* no ack */
}

/* One request, as rtnetlink_rcv_msg: 0 or an error, for the ack; -EINTR for none. Not inlined
   into sock_send, where it costs 32 bytes more. */
__attribute__((noinline)) static int request(struct sock *s, const struct nlhdr *h)
{
    uint16_t type = h->type, kind = (type - NLMSG_MIN_TYPE) & 3;
    if (type > RTM_MAX)
        return -EOPNOTSUPP;
    if (h->len == NLHDR) /* not even a family */
        return 0;
    if (kind != 2 && !capable(CAP_NET_ADMIN))
        return -EPERM;
    if (kind == 2 && (h->flags & NLM_F_DUMP))
        return dump(s, h);
    if (type == RTM_NEWADDR || type == RTM_DELADDR) {
        const uint8_t *m = (const uint8_t *)(h + 1);
        bool del = type == RTM_DELADDR;
        uint32_t len, llen, index, ip = LO_IP, peer = LO_IP;
        const uint8_t *local = attr(h, 8, BIT(IFA_LOCAL), true, &len); /* none in a short one */
        const uint8_t *address = attr(h, 8, BIT(IFA_ADDRESS), true, &llen);
        if (address && llen >= 4)
            __builtin_memcpy(&peer, address, 4);
        const uint8_t *label = attr(h, 8, BIT(IFA_LABEL), true, &llen);
        if (m[0] != AF_INET)
            return unsupported(type);
        __builtin_memcpy(&index, m + 4, 4);
        if (local && len >= 4)
            __builtin_memcpy(&ip, local, 4);
        /* lo's own: its local address, a peer in its 127.0.0.0/8 (inet_ifa_match) and its prefix
           (which a removal naming no peer need not give) */
        bool own = ip == LO_IP && (peer & 0xFF) == 127 && (m[1] == 8 || (del && !address));
        if (del ? h->len < NLHDR + 8 : m[1] > 32 || !local || len < 4)
            return -EINVAL;
        if (index != LO_INDEX || (del && lo_dev.inet == LO_NO_INET))
            return -ENODEV; /* inet_rtm_deladdr's: no IPv4 on lo */
        if (lo_dev.inet == LO_NO_INET)
            return -ENOBUFS;
        if (del) { /* as inet_rtm_deladdr: lo's address, if its label too is the one named */
            if (lo_dev.inet != LO_ADDR || !own || (label && which_link(0, label, llen)))
                return -EADDRNOTAVAIL;
            lo_give_addr(false);
            return 0;
        }
        /* as inet_rtm_newaddr: no address is nothing to do (__inet_insert_ifa's); lo's own
           exists, or is given back as it was made (no other flag, host scope, no label or
           lifetime) */
        if (!ip)
            return 0;
        if (lo_dev.inet == LO_ADDR) {
            if (own && (h->flags & (NLM_F_EXCL | NLM_F_REPLACE)) != NLM_F_REPLACE)
                return -EEXIST;
        } else if (own && peer == LO_IP && !(m[2] & 0x7F) && m[3] == 254 &&
                   !attr(h, 8, BIT(IFA_LOCAL) | BIT(IFA_ADDRESS), false, &len)) {
            lo_give_addr(true);
            return 0;
        }
        return unsupported(type);
    }
    if (type != RTM_NEWLINK && type != RTM_GETLINK && type != RTM_SETLINK)
        return unsupported(type);
    if (h->len < NLHDR + 16) /* struct ifinfomsg */
        return -EINVAL;
    int32_t index;
    __builtin_memcpy(&index, (const uint8_t *)(h + 1) + 4, sizeof(index));
    uint32_t len, other, mtu = lo_dev.mtu, qlen = lo_dev.qlen;
    if (u32_attr(h, IFLA_MTU, &mtu) || u32_attr(h, IFLA_TXQLEN, &qlen))
        return -ERANGE;
    const uint8_t *name = attr(h, 16, BIT(IFLA_IFNAME), true, &len);
    int err = which_link(index, name, len);
    if (type == RTM_NEWLINK && err) /* __rtnl_newlink: none named, or one to make */
        return index < 0 ? -EINVAL : h->flags & NLM_F_CREATE ? unsupported(type) : -ENODEV;
    if (err)
        return err;
    if (type == RTM_GETLINK) {
        put(s, h, RTM_NEWLINK, 0, lo_link, sizeof(lo_link));
        emit(s, reply, reply_len);
        return 0;
    }
    if (type == RTM_NEWLINK && (h->flags & (NLM_F_EXCL | NLM_F_REPLACE)))
        return h->flags & NLM_F_EXCL ? -EEXIST : -EOPNOTSUPP;
    /* lo's changes, as do_setlink's: no attribute but its name, which names it only (a name for
       the link its index names is EBUSY while it is up, even its own: 6.1 renames no link that
       is up; down, its own is nothing to do),
       its mtu (not below 0) and its txqueuelen; the flags asked for (none, with both 0), those
       under ifi_change (all of them for 0), as rtnl_dev_combine_flags, may change IFF_UP
       alone */
    uint32_t flags, change;
    __builtin_memcpy(&flags, (const uint8_t *)(h + 1) + 8, 4);
    __builtin_memcpy(&change, (const uint8_t *)(h + 1) + 12, 4);
    if (change)
        flags = (flags & change) | (lo_dev.flags & ~change);
    else if (!flags)
        flags = lo_dev.flags;
    if (attr(h, 16, BIT(IFLA_IFNAME) | BIT(IFLA_MTU) | BIT(IFLA_TXQLEN), false, &other))
        return unsupported(type);
    if (index > 0 && name && len && name[0] && (lo_dev.flags & IFF_UP || which_link(0, name, len)))
        return lo_dev.flags & IFF_UP ? -EBUSY : unsupported(type);
    if ((flags ^ lo_dev.flags) & IFF_CHANGEABLE & ~IFF_UP)
        return unsupported(type);
    if ((int32_t)mtu < 0)
        return -EINVAL;
    lo_change(flags, mtu, qlen);
    return 0;
}

int32_t netlink_send(struct file *f, struct sock *s, struct sock_io *io)
{
    if (io->flags & MSG_OOB)
        return -EOPNOTSUPP;
    if (!io->len)
        return -ENODATA; /* an empty skb */
    if (io->nfds)
        return -EINVAL;                  /* __scm_send: SCM_RIGHTS is AF_UNIX's */
    uint32_t pid = s->dst_portid, group; /* no socket hears a group: nothing changes here */
    int err = io->addr ? destination(io->addr, &pid, &group) : 0;
    if (err)
        return err;
    if (!s->portid)
        autobind(s);
    if (io->len > s->sndbuf - 32)
        return -EMSGSIZE;
    if (pid) { /* to another socket */
        struct sock *o;
        for (;;) {
            o = by_portid(pid, NULL);
            if (!o || (o->state == SS_CONNECTED && o->dst_portid != s->portid))
                return -ECONNREFUSED;
            if (o->rmem <= o->rcvbuf)
                break;
            if ((err = sock_io_wait(f, io, true)))
                return err;
        }
        return sock_queue_udp(o, io, s->portid, 0);
    }
    /* to the kernel: the request after room for an ack's header, then as netlink_rcv_skb,
       each whole message in turn (only requests are answered) */
    static uint8_t buf[NLHDR + 4 + REQUEST_MAX + 3] __attribute__((aligned(4))); /* + padding */
    if (io->len > REQUEST_MAX)
        return -ENOBUFS;
    if (sock_copy_in(io, buf + NLHDR + 4))
        return -EFAULT;
    for (uint32_t at = 0; io->len - at >= NLHDR;) {
        struct nlhdr *h = (struct nlhdr *)(buf + NLHDR + 4 + at);
        if (h->len < NLHDR || h->len > io->len - at)
            break;
        int e = 0;
        if ((h->flags & NLM_F_REQUEST) && h->type >= NLMSG_MIN_TYPE)
            e = request(s, h);
        if (e != -EINTR && (e || (h->flags & NLM_F_ACK)))
            ack(s, h, e);
        uint32_t step = (h->len + 3) & ~3u;
        at += step < io->len - at ? step : io->len - at;
    }
    return (int32_t)io->len;
}

/* The interface ioctls on any socket, as Linux's dev_ioctl and dev_ifconf (and on an AF_INET
   socket devinet_ioctl's): lo's name, index, flags, metric, mtu, map, txqueuelen, hardware
   address and, for AF_INET, its address, destination, broadcast (none: 0) and netmask. A set
   (its get's request + 1) takes what leaves lo as it is, as Linux's does (so `ifconfig lo
   127.0.0.1 up` succeeds); lo has no metric or map to set (EOPNOTSUPP, as on Linux), and an
   alias's address (lo:NAME) would be lo's again (EEXIST). A struct ifreq is the app's: its name,
   then a union as large as struct ifmap (two longs and 8 bytes). */
#define IFREQ_MAX 40 /* x86_64's */
#define SIOCGIFNAME 0x8910
#define SIOCGIFCONF 0x8912
#define SIOCSIFFLAGS 0x8914
#define SIOCSIFADDR 0x8916
#define SIOCSIFBRDADDR 0x891A
#define SIOCSIFNETMASK 0x891C

/* The gets: what each writes at the union (n bytes, a value then zeros; the first three lo_dev's
   flags, mtu and txqueuelen), whether it is an AF_INET socket's alone (a struct sockaddr_in),
   and whether it has a set (REFUSED: one that Linux's lo refuses whatever it is asked). */
enum { INET = 1, SET = 2, REFUSED = 4 };
static const struct {
    uint16_t request;
    uint8_t n, kind;
    uint32_t v;
} ifreq_gets[] = {
    {0x8913, 2, SET, 0},                        /* SIOCGIFFLAGS */
    {0x8921, 4, SET, 0},                        /* SIOCGIFMTU */
    {0x8942, 4, SET, 0},                        /* SIOCGIFTXQLEN */
    {0x891D, 4, SET | REFUSED, 0},              /* SIOCGIFMETRIC */
    {0x8933, 4, 0, LO_INDEX},                   /* SIOCGIFINDEX */
    {0x8970, IFREQ_MAX - 16, SET | REFUSED, 0}, /* SIOCGIFMAP (the union's size, any ABI) */
    {0x8927, 8, 0, 772},                        /* SIOCGIFHWADDR: ARPHRD_LOOPBACK, 6 zeros */
    {0x8915, 16, INET | SET, LO_IP},            /* SIOCGIFADDR */
    {0x8917, 16, INET | SET, LO_IP},            /* SIOCGIFDSTADDR */
    {0x8919, 16, INET | SET, 0},                /* SIOCGIFBRDADDR */
    {0x891B, 16, INET | SET, 0xFF},             /* SIOCGIFNETMASK: 255.0.0.0 */
};

/* The console names each interface request moat lacks, once: one it does not know (-ENOTTY), or a
   set that would change lo (-EOPNOTSUPP). */
static int lacking(uint32_t request, int err)
{
    static uint32_t logged[(0x8A00 - 0x8910) / 32 + 1];
    if (first_time(logged, request - 0x8910))
        klog("ioctl: socket request 0x%x%s is not implemented (%s)", request,
             err == -ENOTTY ? "" : " changing lo", err == -ENOTTY ? "-ENOTTY" : "-EOPNOTSUPP");
    return err;
}

/* lo's AF_INET address as a struct sockaddr_in at p (zeroed). */
static void put_sin(uint8_t *p, uint32_t addr)
{
    p[0] = AF_INET;
    __builtin_memcpy(p + 4, &addr, 4);
}

/* struct ifconf: an int, then a pointer at the calling ABI's long's alignment. */
static int ifconf(uaddr_t arg, uint32_t size)
{
    uint32_t w = abi_long_size();
    uint8_t c[16];
    int32_t len, total = lo_dev.inet == LO_ADDR ? (int32_t)size : 0; /* lo's address, or none */
    uaddr_t buf = 0;
    if (copy_from_user(c, arg, 2 * w))
        return -EFAULT;
    __builtin_memcpy(&len, c, 4);
    __builtin_memcpy(&buf, c + w, w);
    if (buf && total) {
        uint8_t r[IFREQ_MAX] = {'l', 'o'};
        put_sin(r + 16, LO_IP);
        if (len < total)
            total = 0;
        else if (copy_to_user(buf, r, size))
            return -EFAULT;
    }
    return copy_to_user(arg, &total, 4);
}

int netlink_ioctl(const struct sock *s, uint32_t request, uaddr_t arg)
{
    uint32_t size = 16 + 2 * abi_long_size() + 8; /* the calling ABI's struct ifreq */
    if (request == SIOCGIFCONF)
        return ifconf(arg, size);
    uint8_t r[IFREQ_MAX], *u = r + 16;
    uint32_t live[] = {lo_dev.flags & 0xFFFF, lo_dev.mtu, lo_dev.qlen};
    if (copy_from_user(r, arg, size))
        return -EFAULT;
    int32_t v;
    __builtin_memcpy(&v, u, 4);
    if (request == SIOCGIFNAME) {
        if (v != LO_INDEX)
            return -ENODEV;
        memset(r, 0, 16);
        r[0] = 'l', r[1] = 'o';
        return copy_to_user(arg, r, 16);
    }
    uint32_t i = 0, set = 0, n = sizeof(ifreq_gets) / sizeof(ifreq_gets[0]);
    while (i < n && (set = request - ifreq_gets[i].request) &&
           (set > 1 || !(ifreq_gets[i].kind & SET)))
        i++;
    if (i == n)
        return lacking(request, -ENOTTY);
    uint8_t kind = ifreq_gets[i].kind;
    uint32_t have = i < 3 ? live[i] : ifreq_gets[i].v, want = (uint32_t)v;
    if (kind & INET && s->family != AF_INET)
        return -ENOTTY;
    if (set && !capable(CAP_NET_ADMIN))
        return -EPERM;
    if (set && kind & INET && (v & 0xFFFF) != AF_INET)
        return -EINVAL; /* the sockaddr's family */
    r[15] = 0;          /* lo, or an alias of it (lo:NAME) */
    if (r[0] != 'l' || r[1] != 'o' || (r[2] && r[2] != ':'))
        return -ENODEV;
    /* On an AF_INET socket, devinet_ioctl's: no address (nor its flags) is labelled lo:NAME, and
       without lo's address there is none to get or change, but by SIOCSIFADDR */
    bool alias = r[2] && (kind & INET || (request == SIOCSIFFLAGS && s->family == AF_INET));
    bool none = kind & INET && lo_dev.inet != LO_ADDR;
    if ((alias || none) && request != SIOCSIFADDR)
        return -EADDRNOTAVAIL;
    if (kind & INET) {
        __builtin_memcpy(&want, u + 4, 4);
        uint32_t holes = __builtin_bswap32(~want); /* a netmask's: bad_mask's test */
        if (set && (request == SIOCSIFNETMASK ? holes & (holes + 1)
                                              : request != SIOCSIFBRDADDR && (want & 0xF0) == 0xE0))
            return -EINVAL; /* a mask with a hole, or a multicast address (inet_abc_len's) */
        /* SIOCSIFADDR: none without IPv4 on lo; lo's own given (back, as inet_set_ifa makes it:
           /8, host scope) or taken away (0.0.0.0, which under an alias is nothing to do); under
           an alias lo's own again is EEXIST; any other would change lo */
        if (request == SIOCSIFADDR) {
            if (lo_dev.inet == LO_NO_INET)
                return -ENOBUFS;
            if (!want || (want == LO_IP && !alias)) {
                if (!alias)
                    lo_give_addr(want);
                return 0;
            }
            if (want == LO_IP && !none)
                return -EEXIST;
            have = ~want;
        }
    }
    if (set) {
        if (kind & REFUSED)
            return -EOPNOTSUPP;
        if (i >= 3) /* an address's: the same again */
            return want ^ have ? lacking(request, -EOPNOTSUPP) : 0;
        if (!i && (want ^ have) & IFF_CHANGEABLE & ~IFF_UP)
            return lacking(request, -EOPNOTSUPP); /* a flag but IFF_UP */
        if (i && v < 0)
            return -EINVAL; /* an mtu or a txqueuelen */
        live[i] = want;
        lo_change(live[0], live[1], live[2]);
        return 0;
    }
    memset(u, 0, ifreq_gets[i].n < size - 16 ? ifreq_gets[i].n : size - 16);
    if (kind & INET)
        put_sin(u, have);
    else
        __builtin_memcpy(u, &have, ifreq_gets[i].n < 4 ? 2 : 4);
    return copy_to_user(arg, r, size);
}
