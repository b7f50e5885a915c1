/* AF_INET over the loopback, as Linux's net/ipv4 on a machine whose only interface is lo (with
   127.0.0.1/8, as ip and ifconfig leave it: lo_dev): TCP, UDP and raw sockets, within the one
   process. A TCP connection is an AF_UNIX stream pair that socket.c and socket_msg.c carry, with
   TCP's differences (a reset, a FIN, no credentials); a UDP datagram goes straight to the socket
   its address names, or is lost, as a datagram is (ICMP's port unreachable telling the raw
   sockets); a raw socket's packet, its IP header made here, goes to the raw sockets of its
   protocol, and an ICMP echo request has the kernel's reply. lo down drops them all. Names are
   Linux's: bind's checks in __inet_bind's order, the ports' conflicts as inet_csk_get_port and
   udp_lib_get_port judge them, ephemeral ports from net.ipv4.ip_local_port_range, and the
   addresses a route gives (127.0.0.1 for the loopback, ENETUNREACH elsewhere). */
#include "arch/x86/cpu.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/proc.h"
#include "kernel/socket_impl.h"
#include "kernel/string.h"

#define IPPROTO_MAX 263
#define PORT_FIRST 32768 /* net.ipv4.ip_local_port_range */
#define PORT_LAST 60999
#define PORT_PRIVILEGED 1024 /* net.ipv4.ip_unprivileged_port_start */
#define LOOPBACK 0x0100007Fu /* 127.0.0.1, in network order as an int read on x86 */
#define IP_MAX 0xFFFF        /* the most bytes a packet has, and a route's mtu */
enum { IP_PMTUDISC_WANT = 1, IP_PMTUDISC_DO, IP_PMTUDISC_PROBE, IP_PMTUDISC_INTERFACE };

/* An address as the app gives it (sockaddr_in): family, port, address, all in network order. */
struct sin {
    uint16_t family, port;
    uint32_t addr;
};

static struct sin sin_of(const struct sock_addr *a)
{
    struct sin v;
    memcpy(&v, a->bytes, sizeof(v));
    return v;
}

static uint16_t swap16(uint32_t v)
{
    return __builtin_bswap16((uint16_t)v); /* a rotate, in line: no call */
}

/* A raw socket's port is its protocol, from the start (inet_create's inet_sport) until a
   disconnect unhashes it. */
static uint16_t port_of(const struct sock *s)
{
    if (s->proto)
        return s->inet & INET_UNHASHED ? 0 : swap16(s->proto);
    return s->addr ? sin_of(s->addr).port : 0;
}

/* The port a socket holds (Linux's inet_num): none once a reset or a disconnect gave it up,
   though getsockname still shows it (inet_sport). */
static uint16_t num_of(const struct sock *s)
{
    return s->inet & INET_UNHASHED ? 0 : port_of(s);
}

static uint32_t addr_of(const struct sock *s)
{
    return s->addr ? sin_of(s->addr).addr : 0;
}

static void set_sin(struct sock_addr *a, uint32_t addr, uint16_t port)
{
    *a = (struct sock_addr){.len = 16, .bytes = {AF_INET}};
    memcpy(a->bytes + 2, &port, 2);
    memcpy(a->bytes + 4, &addr, 4);
}

#define SOL_IP 0
#define SOL_TCP 6
#define IP_TOS 1
#define IP_TTL 2
#define IP_MTU 14
#define TCP_NODELAY 1
#define TCP_CORK 3
#define SOL_RAW 255
#define ICMP_FILTER 1

/* The options of IPPROTO_IP, a TCP socket's of IPPROTO_TCP and a raw ICMP socket's
   ICMP_FILTER, each an int that reads back (nothing on the loopback is slower or sooner for
   them; the IP ones make raw sockets' headers): the values do_ip_setsockopt,
   do_tcp_setsockopt and raw_seticmpfilter take, and the defaults (sysctls'). A most of 1 is
   a flag: any value. The bounds first and the default in 16 bits: 12 bytes an option, not 16. */
static const struct inet_opt {
    int32_t least, most;
    uint16_t dflt;
    uint8_t level, name;
} inet_opts[INET_OPTS] = {
    {0, 1, 0, SOL_TCP, TCP_NODELAY},
    {0, 1, 0, SOL_TCP, TCP_CORK},
    {1, 32767, 7200, SOL_TCP, 4},   /* TCP_KEEPIDLE */
    {1, 32767, 75, SOL_TCP, 5},     /* TCP_KEEPINTVL */
    {1, 127, 9, SOL_TCP, 6},        /* TCP_KEEPCNT */
    {0, INT32_MAX, 0, SOL_TCP, 18}, /* TCP_USER_TIMEOUT */
    {INT32_MIN, INT32_MAX, 0, SOL_IP, IP_TOS},
    {0, 1, 1, SOL_TCP, 12},                          /* TCP_QUICKACK: not in pingpong mode */
    {1, 255, 64, SOL_IP, IP_TTL},                    /* net.ipv4.ip_default_ttl */
    {0, 5, 1, SOL_IP, 10},                           /* IP_MTU_DISCOVER: IP_PMTUDISC_WANT */
    {INT32_MIN, INT32_MAX, 0, SOL_RAW, ICMP_FILTER}, /* an ICMP socket's types to drop */
};
enum { OPT_TOS = 6, OPT_TTL = 8, OPT_PMTUDISC, OPT_FILTER }; /* their slots */

int inet_check(uint32_t type, uint32_t protocol)
{
    if (protocol >= IPPROTO_MAX)
        return -EINVAL;
    if (type == SOCK_STREAM)
        return !protocol || protocol == IPPROTO_TCP ? 0 : -EPROTONOSUPPORT;
    if (type == SOCK_DGRAM) {
        if (protocol == 1) /* ping: nobody is in net.ipv4.ping_group_range ("1 0") */
            return -EACCES;
        return !protocol || protocol == IPPROTO_UDP ? 0 : -EPROTONOSUPPORT;
    }
    if (type != SOCK_RAW)
        return -ESOCKTNOSUPPORT;
    if (!protocol)
        return -EPROTONOSUPPORT;
    if (!capable(CAP_NET_RAW))
        return -EPERM;
    if (protocol < IPPROTO_RAW)
        return 0;
    klog("socket: %s protocol %u is not implemented (-EPROTONOSUPPORT)", "SOCK_RAW", protocol);
    return -EPROTONOSUPPORT;
}

void inet_init(struct sock *s, uint32_t protocol)
{
    s->family = AF_INET;
    if (s->type == SOCK_RAW) { /* a datagram socket, named by its protocol from the start */
        s->type = SOCK_DGRAM;
        s->proto = (uint8_t)protocol;
        sock_name_add(s);
    }
    for (int i = 0; i < INET_OPTS; i++)
        s->ipopt[i] = inet_opts[i].dflt;
    if (s->type == SOCK_STREAM) { /* net.ipv4.tcp_wmem's and tcp_rmem's defaults */
        s->sndbuf = 16384;
        s->rcvbuf = 131072;
    }
}

/* Would s at (addr, port) clash with o, as the port's other user? Both must ask for sharing:
   SO_REUSEADDR (for TCP, while o does not listen) or SO_REUSEPORT (one user has them all). */
static bool clash(const struct sock *s, uint32_t addr, uint16_t port, const struct sock *o)
{
    if (o == s || o->type != s->type || num_of(o) != port)
        return false;
    uint32_t b = addr_of(o);
    if (addr && b && addr != b)
        return false;
    if ((s->opts & o->opts & SOCK_REUSEADDR) && (s->type == SOCK_DGRAM || o->state != SS_LISTEN))
        return false;
    return !(s->opts & o->opts & SOCK_REUSEPORT);
}

/* AF_INET's named sockets, by the port they hold (lists through next_name), apart as Linux
   hashes them: TCP's listeners, which a SYN's lookup finds; TCP's others (bound, connecting,
   connected), which only hold their ports; UDP's sockets, which a datagram's lookup finds. A
   socket that holds no port is in a list nothing walks. */
#define PORT_LISTS 256
enum { LISTENERS, HOLDERS, UDP, KINDS, RAW = KINDS }; /* raw sockets hold no port: not a kind */
static struct sock *by_port[RAW + 1][PORT_LISTS], *unheld;

static uint32_t kind_of(const struct sock *s)
{
    return s->proto                ? RAW
           : s->type == SOCK_DGRAM ? UDP
           : s->state == SS_LISTEN ? LISTENERS
                                   : HOLDERS;
}

struct sock **inet_names(const struct sock *s)
{
    uint32_t port = num_of(s); /* its low byte (network order) chooses the list */
    return port ? &by_port[kind_of(s)][port >> 8] : &unheld;
}

/* What decides s's list changed: it moves, unless it is in none (released, or never named). */
static void relist(struct sock *s)
{
    if (s->pname) {
        sock_name_del(s);
        sock_name_add(s);
    }
}

static bool in_use(const struct sock *s, uint32_t addr, uint16_t port)
{
    for (uint32_t k = 0; k < KINDS; k++)
        for (const struct sock *o = by_port[k][port >> 8]; o; o = o->next_name)
            if (clash(s, addr, port, o))
                return true;
    return false;
}

#define PORTS (PORT_LAST - PORT_FIRST + 1)
static uint32_t taken[(PORTS + 31) / 32]; /* free_port's: an ephemeral port s clashes on */

/* An ephemeral port for s at addr, of the parity asked for first (odd: 1, even: 0, either: -1;
   Linux gives TCP's bind odd ports, its connect even ones), or 0 when none is free: the first
   free one from a random start, as Linux's scan. The first few are tried one by one; past
   them, one walk of the sockets marks the ports taken, however few are left. */
static uint16_t free_port(const struct sock *s, uint32_t addr, int odd)
{
    uint32_t at = cpu_random_u32() % PORTS, step = odd < 0 ? 1 : 2;
    if (odd >= 0) /* PORT_FIRST and PORTS are even: p's parity is the port's */
        at = (at & ~1u) | (uint32_t)odd;
    for (uint32_t i = 0, p = at; i < 16; i++, p = (p + step) % PORTS) /* the usual case */
        if (!in_use(s, addr, swap16(PORT_FIRST + p)))
            return swap16(PORT_FIRST + p);
    memset(taken, 0, sizeof(taken));
    for (uint32_t i = 0; i < KINDS * PORT_LISTS; i++)
        for (const struct sock *o = by_port[i / PORT_LISTS][i % PORT_LISTS]; o; o = o->next_name) {
            uint16_t port = num_of(o);
            uint32_t p = swap16(port) - PORT_FIRST;
            if (p < PORTS && clash(s, addr, port, o))
                taken[p / 32] |= 1u << p % 32;
        }
    for (uint32_t i = 0; i < 2 * PORTS; i++) {
        uint32_t p = (at + i) % PORTS;
        if ((i >= PORTS || odd < 0 || (p & 1) == (uint32_t)odd) && !(taken[p / 32] >> p % 32 & 1))
            return swap16(PORT_FIRST + p);
    }
    return 0;
}

/* Name s (addr, port), in its port's list. */
static void rename(struct sock *s, uint32_t addr, uint16_t port)
{
    sock_name_del(s);
    set_sin(s->addr, addr, port);
    sock_name_add(s);
}

/* Room for s's name: -ENOMEM. */
static int have_addr(struct sock *s)
{
    if (!s->addr) {
        if (!(s->addr = kmalloc(sizeof(*s->addr))))
            return -ENOMEM;
        set_sin(s->addr, 0, port_of(s));
    }
    return 0;
}

/* Name s (addr, port), port 0 for an ephemeral one (odd as free_port's): -EADDRINUSE. */
static int take_port(struct sock *s, uint32_t addr, uint16_t port, int odd)
{
    if (port ? in_use(s, addr, port) : !(port = free_port(s, addr, odd)))
        return -EADDRINUSE;
    int err = have_addr(s);
    if (err)
        return err;
    s->inet &= (uint16_t)~INET_UNHASHED;
    rename(s, addr, port);
    return 0;
}

/* A socket that sends, connects or listens without a port takes one (odd as free_port's).
   With none free: inet_autobind's EAGAIN for UDP, __inet_hash_connect's EADDRNOTAVAIL for
   TCP's connect, EADDRINUSE for listen. */
static int autobind(struct sock *s, int odd)
{
    bool udp = s->type == SOCK_DGRAM;
    int err = num_of(s) || s->proto ? have_addr(s) : take_port(s, addr_of(s), 0, udp ? -1 : odd);
    if (err == -EADDRINUSE)
        err = udp ? -EAGAIN : odd ? err : -EADDRNOTAVAIL;
    return err;
}

/* A TCP connection is over (TCP_CLOSE): its port goes back, unless bind chose it
   (inet_put_port); a disconnect forgets the address too, unless bind chose it. */
static void unhash(struct sock *s, bool disconnect)
{
    if (!(s->inet & INET_PORT_LOCK))
        s->inet |= INET_UNHASHED;
    if (disconnect && s->addr && !(s->inet & INET_ADDR_LOCK))
        set_sin(s->addr, 0, port_of(s));
    relist(s);
}

void inet_reset(struct sock *s)
{
    sock_wake(s);
    s->shutdown = SHUTDOWN_MASK;
    s->inet |= INET_RESET;
    unhash(s, false);
}

void inet_fin(struct sock *s)
{
    sock_wake(s);
    s->shutdown |= RCV_SHUTDOWN;
    s->inet |= INET_FIN;
    if (s->shutdown & SEND_SHUTDOWN)
        unhash(s, false);
}

/* Is the connection over (TCP_CLOSE: a reset, or a FIN each way), or was there none? */
static bool closed(const struct sock *s)
{
    return s->state != SS_CONNECTED || (s->inet & INET_RESET) ||
           ((s->shutdown & SEND_SHUTDOWN) && (s->inet & INET_FIN));
}

/* Is this address one of the machine's (inet_addr_type: local, broadcast or multicast)? 127.0.0.0/8
   is while lo has its address, up or down (the local table keeps its local routes). */
static bool bindable(uint32_t addr)
{
    uint8_t first = addr & 0xFF;
    return !first || (first == 127 && lo_dev.inet == LO_ADDR) || (first >= 224 && first < 240) ||
           addr == 0xFFFFFFFFu;
}

int inet_bind(struct sock *s, const struct sock_addr *a)
{
    if (a->len < 16 || (s->proto && s->state != SS_CLOSED))
        return -EINVAL;
    struct sin v = sin_of(a);
    bool ok = bindable(v.addr);
    if (s->proto) { /* raw_bind: the address alone, of any family */
        int err = ok ? have_addr(s) : -EADDRNOTAVAIL;
        if (!err)
            set_sin(s->addr, v.addr, port_of(s));
        return err;
    }
    if (v.family != AF_INET && (v.family != AF_UNSPEC || v.addr))
        return -EAFNOSUPPORT;
    if (!ok)
        return -EADDRNOTAVAIL;
    uint32_t port = swap16(v.port);
    if (port && port < PORT_PRIVILEGED && !capable(CAP_NET_BIND_SERVICE))
        return -EACCES;
    if ((s->state != SS_CLOSED && !(s->type == SOCK_STREAM && closed(s))) || num_of(s))
        return -EINVAL;
    int err = take_port(s, v.addr, v.port, s->type == SOCK_DGRAM ? -1 : 1);
    if (!err)
        s->inet |= (v.addr ? INET_ADDR_LOCK : 0) | (v.port ? INET_PORT_LOCK : 0);
    return err;
}

/* listen's port: one made up, or the bound one again, now as a listener's. */
int inet_listen(struct sock *s)
{
    if (s->state == SS_LISTEN)
        return 0;
    if (s->inet & (INET_CONNECTING | INET_SYN_SENT))
        return -EINVAL; /* SS_CONNECTING */
    uint8_t old = s->state;
    s->state = SS_LISTEN;
    uint16_t port = num_of(s);
    int err = port ? (in_use(s, addr_of(s), port) ? -EADDRINUSE : 0) : autobind(s, 1);
    if (err) {
        s->state = old;
        return err;
    }
    s->inet |= INET_DROPPED; /* it may take connects another listener dropped */
    relist(s);
    return 0;
}

#define LO_BROADCAST 0xFFFFFF7Fu /* 127.255.255.255 */

/* The source of s's packets: the address it is bound to, else 127.0.0.1, as for one bound to
   a multicast or broadcast address (inet_bind's and raw_bind's inet_saddr 0: the device's). */
static uint32_t src_of(const struct sock *s)
{
    uint32_t a = addr_of(s);
    return a && (a & 0xFF) < 224 && a != LO_BROADCAST ? a : LOOPBACK;
}

/* Where a destination leads from s: the loopback (0.0.0.0 is s's own address, or
   127.0.0.1) while lo has its address, else nowhere (no other route, no multicast one); lo's
   broadcast address, while lo is up (down, the local table keeps only its local routes), takes
   only UDP, and only with SO_BROADCAST. */
static int route(const struct sock *s, uint32_t *addr)
{
    if (!*addr)
        *addr = src_of(s);
    if (*addr == LO_BROADCAST && lo_dev.flags & IFF_UP)
        return s->type == SOCK_STREAM ? -ENETUNREACH : s->opts & SOCK_BROADCAST ? 0 : -EACCES;
    return (*addr & 0xFF) == 127 && lo_dev.inet == LO_ADDR ? 0 : -ENETUNREACH;
}

/* The socket bound where (addr, port) leads, of s's type, that takes from s (a connected UDP
   socket takes only from its peer), or NULL; the most specific, as Linux's lookups score them:
   a connected one before one bound to the address, before one bound to them all. */
static struct sock *lookup(const struct sock *s, uint32_t addr, uint16_t port, bool listener)
{
    uint32_t from = src_of(s), sport = port_of(s);
    struct sock *best = NULL;
    uint32_t best_score = 0;
    for (struct sock *o = by_port[listener ? LISTENERS : UDP][port >> 8]; o; o = o->next_name) {
        uint32_t bound = addr_of(o);
        if (o->type != s->type || num_of(o) != port || (bound && bound != addr))
            continue;
        bool connected = o->state == SS_CONNECTED;
        if (listener
                ? o->state != SS_LISTEN
                : o->state == SS_DEAD || (connected && (o->daddr != from || o->dport != sport)))
            continue;
        uint32_t score = 1u + (bound ? 1u : 0u) + (connected ? 2u : 0u);
        if (score > best_score)
            best = o, best_score = score;
    }
    return best;
}

/* The connection from s to the listener l: a request on l's queue, whose socket (s's peer)
   takes l's options and is named where s connected to. */
static int establish(struct sock *s, struct sock *l)
{
    int err = sock_request(s, l);
    if (err)
        return err;
    struct sock *e = s->peer;
    e->opts = l->opts;
    e->sndbuf = l->sndbuf, e->rcvbuf = l->rcvbuf;
    memcpy(e->ipopt, l->ipopt, sizeof(e->ipopt));
    set_sin(e->addr, s->daddr, s->dport);
    e->daddr = addr_of(s), e->dport = port_of(s);
    return 0;
}

/* The SYN from s: connect's, or again for a connect whose SYN a full queue dropped, when accept
   makes room or the app looks at the socket (Linux sends it again a second or more later). A
   request on the listener's queue (0, or -EINPROGRESS for a nonblocking connect), a reset
   (ECONNREFUSED; a nonblocking connect keeps it for SO_ERROR) or dropped (-EAGAIN:
   INET_SYN_SENT; a SYN sent again that finds no memory for the request is lost so too, where
   a first one says ENOMEM). */
static int syn(struct sock *s, bool nonblock)
{
    if (!(lo_dev.flags & IFF_UP)) { /* lo down drops it; up again, a look at s sends it again */
        s->inet |= INET_SYN_SENT;
        return -EAGAIN;
    }
    struct sock *l = lookup(s, s->daddr, s->dport, true);
    bool again = s->inet & INET_SYN_SENT;
    s->inet &= (uint16_t)~INET_SYN_SENT;
    if (!l || (l->shutdown & RCV_SHUTDOWN)) { /* a reset answers the SYN */
        unhash(s, !nonblock);
        if (!nonblock)
            return -ECONNREFUSED;
        s->err = ECONNREFUSED;
        s->shutdown = SHUTDOWN_MASK;
        s->inet |= INET_CONNECTING;
        return -EINPROGRESS;
    }
    int err = l->count > l->backlog ? -EAGAIN : establish(s, l);
    if (err == -EAGAIN || (again && err == -ENOMEM)) { /* dropped, or lost for want of memory */
        s->inet |= INET_SYN_SENT;
        for (struct sock *o = by_port[LISTENERS][s->dport >> 8]; o; o = o->next_name)
            if (num_of(o) == s->dport) /* any of them may be the one to take it */
                o->inet |= INET_DROPPED;
        return -EAGAIN;
    }
    if (err || !nonblock)
        return err;
    s->inet |= INET_CONNECTING;
    return -EINPROGRESS;
}

void inet_resend(struct sock *s)
{
    if (s->inet & INET_SYN_SENT)
        syn(s, true);
}

/* accept made room on l's queue, or listen gave it one: a connect aimed there whose SYN was
   dropped sends it again (Linux's does a second or more later), in one walk of TCP's sockets
   that hold a port, if a SYN to l's port was dropped since l's last walk (or l is new); the
   walk stops when the queue is full again. */
void inet_room(struct sock *l)
{
    if (!(l->inet & INET_DROPPED))
        return;
    l->inet &= (uint16_t)~INET_DROPPED;
    uint32_t port = port_of(l), addr = addr_of(l);
    for (uint32_t i = 0; i < PORT_LISTS; i++)
        for (struct sock *s = by_port[HOLDERS][i], *next; s && l->count <= l->backlog; s = next) {
            next = s->next_name; /* a refused SYN moves s */
            if (s->dport == port && (!addr || addr == s->daddr))
                inet_resend(s);
        }
    if (l->count > l->backlog)
        l->inet |= INET_DROPPED; /* more may wait, for the next accept */
}

/* A TCP connection: the listener queues a request (its accept takes the other end), or
   nobody listens (a reset: ECONNREFUSED). A full queue drops the SYN, as Linux's: a blocking
   connect waits, a nonblocking one stays in progress. */
static int connect_stream(struct file *f, struct sock *s)
{
    bool nonblock = f->flags & O_NONBLOCK;
    int err;
    s->shutdown = 0;
    s->inet &= (uint16_t) ~(INET_FIN | INET_RESET | INET_CONNECTING);
    if ((err = syn(s, nonblock)) == -EAGAIN && (err = sock_wait(s, true, nonblock)) == -EAGAIN)
        err = -EINPROGRESS;
    return err;
}

/* A TCP socket's connect again: after a nonblocking one, its outcome (0 once, or the error,
   ECONNABORTED once SO_ERROR took it); 1: connect afresh (a blocking one waits again). */
static int connect_again(struct sock *s, bool nonblock)
{
    if (s->state == SS_LISTEN)
        return -EISCONN;
    if ((s->inet & INET_SYN_SENT) && (!nonblock || syn(s, true) == -EAGAIN))
        return nonblock ? -EALREADY : 1;
    if (!(s->inet & INET_CONNECTING))
        return s->state == SS_CONNECTED ? -EISCONN : 1;
    s->inet &= (uint16_t)~INET_CONNECTING;
    if (s->state == SS_CONNECTED)
        return 0;
    unhash(s, true);
    int err = sock_take_error(s);
    return err ? err : -ECONNABORTED;
}

/* connect(AF_UNSPEC): a UDP socket forgets its peer, and what bind did not choose of its name
   (udp_disconnect; a raw socket, whose bind locks nothing, its address and its hash: it hears
   nothing more); a TCP connection is reset, a listener stops (tcp_disconnect). */
static int disconnect(struct sock *s)
{
    struct sock *o = s->peer;
    s->state = SS_CLOSED;
    s->daddr = 0, s->dport = 0;
    if (s->type == SOCK_DGRAM) {
        if (s->proto)
            s->inet |= INET_UNHASHED;
        if (s->addr)
            set_sin(s->addr, s->inet & INET_ADDR_LOCK ? addr_of(s) : 0,
                    s->inet & INET_PORT_LOCK ? port_of(s) : 0);
        relist(s);
        return 0;
    }
    if ((o && !(s->inet & INET_RESET)) || (s->inet & INET_SYN_SENT))
        s->err = ECONNRESET; /* an abort, of a connection or of a connect */
    sock_purge(s);           /* a listener's requests are reset */
    if (o) {
        bool back = o->peer == s; /* then o is alive: a released o lets go of s */
        sock_peer_end(s, true);
        if (back) { /* the peer's segments no longer reach s */
            o->peer = NULL;
            sock_put(s);
        }
    }
    s->inet &= INET_ADDR_LOCK | INET_PORT_LOCK | INET_UNHASHED;
    s->shutdown = 0;
    unhash(s, true);
    return 0;
}

int inet_connect(struct file *f, const struct sock_addr *a)
{
    struct sock *s = f->sock;
    if (a->len < 2)
        return -EINVAL;
    struct sin v = sin_of(a);
    if (v.family == AF_UNSPEC)
        return disconnect(s);
    int err;
    if (s->type == SOCK_STREAM && (err = connect_again(s, f->flags & O_NONBLOCK)) <= 0)
        return err;
    if (s->type == SOCK_DGRAM && (err = autobind(s, -1))) /* before the checks, as Linux's */
        return err;
    if (a->len < 16)
        return -EINVAL;
    if (v.family != AF_INET)
        return -EAFNOSUPPORT;
    if ((err = route(s, &v.addr)))
        return err;
    if (s->type == SOCK_STREAM && (err = autobind(s, 0)))
        return err;
    if (!addr_of(s))
        set_sin(s->addr, LOOPBACK, port_of(s));
    s->daddr = v.addr, s->dport = v.port;
    if (s->type == SOCK_STREAM)
        return connect_stream(f, s);
    s->state = SS_CONNECTED;
    return 0;
}

/* shutdown: an unconnected socket takes the bits but says ENOTCONN; SHUT_RD stops a listener
   (its requests are reset); a TCP connection's SHUT_WR is the peer's FIN (inet_shutdown). */
int inet_shutdown(struct sock *s, uint8_t mode)
{
    if (s->inet & INET_SYN_SENT)
        return disconnect(s);
    if (s->state == SS_LISTEN)
        return mode & RCV_SHUTDOWN ? disconnect(s) : 0;
    int err = closed(s) ? -ENOTCONN : 0;
    s->shutdown |= mode;
    sock_wake(s);
    if ((mode & SEND_SHUTDOWN) && s->peer) {
        inet_fin(s->peer);
        if (s->inet & INET_FIN)
            unhash(s, false);
    }
    return err;
}

/* A name; a peer's only while connected (to a port: a raw socket's peer has none), and for
   TCP while no reset or FIN both ways closed the connection (accept gives its peer's
   regardless: accepting). */
int inet_name(const struct sock *s, int peer, struct sock_addr *out)
{
    if (!peer) {
        set_sin(out, addr_of(s), port_of(s));
        return 0;
    }
    if (!s->dport || (peer == 1 && (s->type == SOCK_STREAM ? closed(s) : s->state != SS_CONNECTED)))
        return -ENOTCONN;
    set_sin(out, s->daddr, s->dport);
    return 0;
}

void inet_msg_name(const struct msg *m, struct sock_addr *a)
{
    if (m->from) /* a TCP segment's: recvmsg gives no name */
        a->len = 0;
    else
        set_sin(a, m->saddr, m->sport);
}

/* An IPv4 header, as the loopback carries it (no options), and an ICMP one. */
struct iphdr {
    uint8_t vihl, tos; /* the version and the header's length in words; the TOS */
    uint16_t len, id, frag;
    uint8_t ttl, proto;
    uint16_t sum;
    uint32_t src, dst;
};
struct icmphdr {
    uint8_t type, code;
    uint16_t sum;
    uint32_t rest;
};
#define ICMP_ECHOREPLY 0
#define ICMP_DEST_UNREACH 3
#define ICMP_PORT_UNREACH 3
#define ICMP_ECHO 8
#define QUOTE_MAX 548 /* what an ICMP error quotes: its packet fills 576 bytes at most */

/* The Internet checksum of a sum of 16-bit words. */
static uint16_t fold(uint32_t sum)
{
    sum = (sum & 0xFFFF) + (sum >> 16);
    return (uint16_t) ~(sum + (sum >> 16));
}

/* A header from src to dst of len bytes in all: with DF its id is 0 (Linux 6.1's
   ip_select_ident for an unconnected socket), without it a random one. */
static struct iphdr ip_header(uint32_t tos, uint32_t ttl, bool df, uint32_t proto, uint32_t src,
                              uint32_t dst, uint32_t len)
{
    struct iphdr h = {.vihl = 0x45,
                      .tos = (uint8_t)tos,
                      .len = swap16(len),
                      .id = df ? 0 : (uint16_t)cpu_random_u32(),
                      .frag = df ? 0x40 : 0, /* network order: IP_DF */
                      .ttl = (uint8_t)ttl,
                      .proto = (uint8_t)proto,
                      .src = src,
                      .dst = dst};
    uint32_t sum = 0;
    for (uint32_t i = 0; i < sizeof(h) / 2; i++)
        sum += ((const uint16_t *)&h)[i];
    h.sum = fold(sum);
    return h;
}

/* The route's mtu (dst_mtu): lo's, but at most a packet's most. */
static uint32_t route_mtu(void)
{
    return lo_dev.mtu < IP_MAX ? lo_dev.mtu : IP_MAX;
}

/* s's header: its TOS and TTL, and DF as IP_MTU_DISCOVER says: DO and PROBE set it, and WANT
   (lo's mtu is not locked) for a packet the route's mtu takes whole (__ip_make_skb's). */
static struct iphdr sock_header(const struct sock *s, uint32_t proto, uint32_t src, uint32_t dst,
                                uint32_t len)
{
    int32_t pmtu = s->ipopt[OPT_PMTUDISC];
    return ip_header((uint32_t)s->ipopt[OPT_TOS], (uint32_t)s->ipopt[OPT_TTL],
                     pmtu == IP_PMTUDISC_DO || pmtu == IP_PMTUDISC_PROBE ||
                         (pmtu == IP_PMTUDISC_WANT && len <= route_mtu()),
                     proto, src, dst, len);
}

/* The packet p, whose header is h, to every raw socket of its protocol that takes it, as
   raw_v4_input: bound to its destination or to none, connected to its source or to none, and
   for ICMP letting its type through ICMP_FILTER (icmp_filter drops an ICMP message shorter
   than its header); each with room on its queue. */
static void to_raw(const struct msg *p, const struct iphdr *h)
{
    bool icmp = h->proto == IPPROTO_ICMP;
    if (icmp && p->len < sizeof(*h) + sizeof(struct icmphdr))
        return;
    uint32_t type = icmp ? p->chunk[0][sizeof(*h)] : 32; /* 32 on: no filter's */
    for (struct sock *o = by_port[RAW][h->proto]; o; o = o->next_name) {
        uint32_t bound = addr_of(o);
        if ((!bound || bound == h->dst) && (!o->daddr || o->daddr == h->src) &&
            (type > 31 || !(o->ipopt[OPT_FILTER] >> type & 1)) && o->rmem <= o->rcvbuf)
            sock_queue_copy(o, p, h->src);
    }
}

/* A raw socket's send to addr (raw_sendmsg; no IP_HDRINCL), inet_send_dgram's checks made:
   the packet (unless lo is down, which drops it) goes to the raw sockets of its protocol; an ICMP
   echo request whose checksum is right to a local address has its reply (icmp_echo), from the
   kernel's ICMP socket (TTL 64, no DF), to them too. Not inlined into sock_send, where it costs 160
   bytes more. */
__attribute__((noinline)) static int32_t send_raw(struct sock *s, struct sock_io *io, uint32_t addr)
{
    if (!(lo_dev.flags & IFF_UP))
        return (int32_t)io->len; /* lo down drops it */
    uint32_t src = src_of(s);
    struct iphdr h = sock_header(s, s->proto, src, addr, sizeof(h) + io->len);
    struct msg *p;
    int err = sock_packet(&h, sizeof(h), io, io->len, &p);
    if (err)
        return err;
    to_raw(p, &h);
    struct icmphdr *icmp = (struct icmphdr *)(p->chunk[0] + sizeof(h));
    if (s->proto == IPPROTO_ICMP && io->len >= sizeof(*icmp) && icmp->type == ICMP_ECHO &&
        addr != LO_BROADCAST && !fold(sock_sum(p, sizeof(h)))) {
        h = ip_header(h.tos, 64, false, IPPROTO_ICMP, addr, src, sizeof(h) + io->len);
        memcpy(p->chunk[0], &h, sizeof(h));
        icmp->type = ICMP_ECHOREPLY; /* the checksum as RFC 1624 mends it: 8 less */
        icmp->sum = fold((uint16_t)~icmp->sum + 0xFFF7u);
        to_raw(p, &h);
    }
    msg_free(p);
    return (int32_t)io->len;
}

/* A UDP datagram from s to (addr, port) that no socket takes: ICMP's port unreachable for the
   raw ICMP sockets (icmp_send), quoting the datagram's headers and its first bytes. */
static void unreachable(const struct sock *s, struct sock_io *io, uint32_t addr, uint16_t port)
{
    uint32_t src = src_of(s), n = sizeof(struct iphdr) + 8 + io->len;
    n = n < QUOTE_MAX ? n : QUOTE_MAX;
    struct {
        struct iphdr ip;
        struct icmphdr icmp;
        struct iphdr quoted;
        uint16_t sport, dport, len, sum;
    } e = {ip_header(0xC0 | (s->ipopt[OPT_TOS] & 0x1E), 64, false, IPPROTO_ICMP, addr, src,
                     sizeof(e.ip) + sizeof(e.icmp) + n),
           {ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0, 0},
           sock_header(s, IPPROTO_UDP, src, addr, sizeof(e.quoted) + 8 + io->len),
           port_of(s),
           port,
           swap16(8 + io->len),
           0};
    struct msg *p;
    if (sock_packet(&e, sizeof(e), io, n - (uint32_t)sizeof(e.quoted) - 8, &p))
        return;
    uint16_t sum = fold(sock_sum(p, sizeof(e.ip)));
    memcpy(p->chunk[0] + sizeof(e.ip) + 2, &sum, 2);
    to_raw(p, &e.ip);
    msg_free(p);
}

int32_t inet_send_dgram(struct sock *s, struct sock_io *io)
{
    int err = autobind(s, -1); /* inet_send_prepare's, before anything is checked */
    if (err)
        return err;
    if (io->len > 0xFFFF)
        return -EMSGSIZE;
    if (io->flags & MSG_OOB)
        return -EOPNOTSUPP;
    uint32_t addr = s->daddr;
    uint16_t port = s->dport;
    if (io->addr) {
        if (io->addr->len < 16)
            return -EINVAL;
        struct sin v = sin_of(io->addr);
        if (v.family != AF_INET && v.family != AF_UNSPEC)
            return -EAFNOSUPPORT;
        if (!v.port && !s->proto) /* a raw socket's port: none */
            return -EINVAL;
        addr = v.addr, port = v.port;
    } else if (s->state != SS_CONNECTED) {
        return -EDESTADDRREQ;
    }
    if (s->proto == IPPROTO_ICMP && io->len < 2) /* raw_probe_proto_opt's type and code */
        return -EFAULT;
    if ((err = route(s, &addr)))
        return err;
    /* A packet has at most IP_MAX bytes, and one that may not be fragmented (IP_PMTUDISC_DO,
       PROBE and INTERFACE) at most the route's mtu (__ip_append_data's) */
    int32_t pmtu = s->ipopt[OPT_PMTUDISC];
    bool whole = pmtu >= IP_PMTUDISC_DO && pmtu <= IP_PMTUDISC_INTERFACE;
    if (io->len + sizeof(struct iphdr) + (s->proto ? 0 : 8) > (whole ? route_mtu() : IP_MAX))
        return -EMSGSIZE;
    if (s->proto)
        return send_raw(s, io, addr);
    if (s->err)
        return sock_take_error(s);
    if (s->shutdown & SEND_SHUTDOWN)
        return -EPIPE;
    if (!(lo_dev.flags & IFF_UP))
        return (int32_t)io->len; /* lo down drops it */
    struct sock *o = lookup(s, addr, port, false);
    if (!o) { /* ICMP's port unreachable: a socket connected there hears of it */
        if (s->state == SS_CONNECTED && addr == s->daddr && port == s->dport)
            s->err = ECONNREFUSED;
        if (addr != LO_BROADCAST && by_port[RAW][IPPROTO_ICMP]) /* someone to tell */
            unreachable(s, io, addr, port);
        return (int32_t)io->len;
    }
    if (o->rmem > o->rcvbuf)
        return (int32_t)io->len; /* dropped, as a full receive queue drops */
    return sock_queue_udp(o, io, src_of(s), port_of(s));
}

/* The option's slot, -ENOPROTOOPT, or bad (a level the socket has not). */
static int opt_slot(const struct sock *s, uint32_t level, uint32_t name, int bad)
{
    if (level != SOL_IP && (level != SOL_TCP || s->type != SOCK_STREAM) &&
        (level != SOL_RAW || !s->proto))
        return bad;
    for (int i = 0; i < INET_OPTS; i++)
        if (inet_opts[i].level == level && inet_opts[i].name == name)
            return i != OPT_FILTER || s->proto == IPPROTO_ICMP ? i : -EOPNOTSUPP;
    return -ENOPROTOOPT;
}

/* len: what the app gave, of which v is the int, or the byte that IP's options take too. */
int inet_setsockopt(struct sock *s, uint32_t level, uint32_t name, int32_t v, uint32_t len)
{
    int i = opt_slot(s, level, name, -ENOPROTOOPT);
    if (i < 0)
        return i;
    const struct inet_opt *o = &inet_opts[i];
    if (level == SOL_TCP && len < sizeof(v))
        return -EINVAL;
    if (name == IP_TTL && level == SOL_IP) {
        if (!len)
            return -EINVAL;
        if (v == -1) /* back to the default */
            v = o->dflt;
    }
    if (name == IP_TOS && level == SOL_IP) /* a byte; TCP keeps the ECN bits its own */
        v = (uint8_t)(s->type == SOCK_STREAM ? v & ~3 : v);
    if (o->most == 1)
        v = v != 0;
    if (v < o->least || v > o->most)
        return -EINVAL;
    s->ipopt[i] = v;
    return 0;
}

int inet_getsockopt(const struct sock *s, uint32_t level, uint32_t name, int32_t *v)
{
    if (level == SOL_IP && name == IP_MTU) { /* a connected socket's route's */
        *v = (int32_t)route_mtu();
        return s->state == SS_CONNECTED ? 0 : -ENOTCONN;
    }
    int i = opt_slot(s, level, name, -EOPNOTSUPP);
    if (i >= 0)
        *v = s->ipopt[i];
    return i < 0 ? i : 0;
}

/* The sockets that hold a port, as Linux's tcp4_seq_show and udp4_seq_show list them: TCP's
   listeners, then its connections (ESTABLISHED, SYN_SENT, FIN_WAIT2 or CLOSE_WAIT, as the
   loopback acknowledges at once; one closed both ways is gone, moat keeping no TIME_WAIT),
   each with what waits on its queue; UDP's bound sockets, by their lists. No timers or
   congestion window run: those fields are a fresh connection's, and the socket's address
   (%pK) is zeros, as an unprivileged reader sees it. Raw sockets are listed as UDP's are
   (raw4_seq_show), by their protocol, with TCP's width of the list's number and no padding. */
void inet_proc(uint32_t protocol)
{
    static const char title[] = "  sl  local_address rem_address   st tx_queue rx_queue tr "
                                "tm->when retrnsmt   uid  timeout inode";
    bool udp = protocol == IPPROTO_UDP, tcp = protocol == IPPROTO_TCP;
    uint32_t pad = udp ? 127 : tcp ? 149 : 0, first = udp ? UDP : tcp ? LISTENERS : RAW;
    proc_put(udp ? " %s ref pointer drops" : tcp ? "%s" : "%s ref pointer drops", title);
    proc_pad(pad);
    uint32_t sl = 0;
    for (uint32_t k = first; k <= (tcp ? HOLDERS : first); k++)
        for (uint32_t b = 0; b < PORT_LISTS; b++)
            for (const struct sock *s = by_port[k][b]; s; s = s->next_name) {
                bool conn = s->state == SS_CONNECTED, peer = conn || (s->inet & INET_SYN_SENT);
                uint32_t st = !tcp                          ? (conn ? 1 : 7)
                              : k == LISTENERS              ? 10
                              : s->inet & INET_SYN_SENT     ? 2
                              : !conn                       ? 0 /* bound, no more: unlisted */
                              : s->inet & INET_FIN          ? 8
                              : s->shutdown & SEND_SHUTDOWN ? 5
                                                            : 1;
                if (!st)
                    continue;
                const struct vnode *n = s->file ? s->file->node : NULL; /* none: not accepted */
                /* udp's "%5u" for its list, tcp's "%4u" for its count, raw's for its list */
                proc_put(&" %4u: %08X:%04X %08X:%04X %02X 00000000:%08X 00:00000000 00000000 %5u"
                          "        0 %u "[!udp],
                         tcp ? sl++ : b, addr_of(s), swap16(port_of(s)), peer ? s->daddr : 0,
                         peer ? swap16(s->dport) : 0, st,
                         !tcp             ? s->rmem
                         : k == LISTENERS ? s->count
                                          : (uint32_t)sock_queued(s, false),
                         n ? n->uid : 0, n ? n->ino : 0);
                proc_put(!tcp             ? "2 %s 0"
                         : k == LISTENERS ? "1 %s 100 0 0 10 0"
                                          : "1 %s 20 0 0 10 -1",
                         PROC_KPTR);
                proc_pad(pad);
            }
}
