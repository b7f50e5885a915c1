/* The insides of an AF_UNIX socket and its messages, shared by socket.c (the sockets, their
   names and connections) and socket_msg.c (what they carry). */
#pragma once

#include "kernel/socket.h"

/* net.core.wmem_default (and wmem_max, rmem_max), and the least a buffer may be: 256 of an
   skb and its data, and two, which depend on the kernel's width (its sk_buff's size). */
#define SNDBUF_DEFAULT (sizeof(void *) == 8 ? 212992u : 180224u)
#define SOCK_MIN_SNDBUF (sizeof(void *) == 8 ? 4608u : 4480u)
#define SOCK_MIN_RCVBUF (SOCK_MIN_SNDBUF / 2)
#define MAX_DGRAM_QLEN 10 /* net.unix.max_dgram_qlen: a datagram socket's queue */
#define SOMAXCONN 4096    /* net.core.somaxconn: the most a listen backlog may be */

#define RCV_SHUTDOWN 1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

enum sock_state { SS_CLOSED, SS_LISTEN, SS_CONNECTED, SS_DEAD };

/* An AF_INET socket's flags (inet), as Linux's socket state and sk_userlocks have them. */
#define INET_ADDR_LOCK 1  /* bind chose the address (SOCK_BINDADDR_LOCK) */
#define INET_PORT_LOCK 2  /* bind chose the port (SOCK_BINDPORT_LOCK) */
#define INET_CONNECTING 4 /* a nonblocking connect said EINPROGRESS (SS_CONNECTING) */
#define INET_SYN_SENT 8   /* a connect waits for room on the listener's queue */
#define INET_FIN 16       /* the peer's FIN came: reads end before any error (SOCK_DONE) */
#define INET_DROPPED 32   /* a SYN to a listener's port was dropped, or it is new: accept looks */
#define INET_OPTS 11      /* the options inet.c's table has */
#define INET_RESET 128    /* a reset closed the connection (TCP_CLOSE after an RST) */
#define INET_UNHASHED 256 /* the port shown is no longer its own (inet_num 0: inet_put_port) */

/* The bits in opts of the SOL_SOCKET flags that act (each option's number: sys_sockopt.c). */
#define SOCK_REUSEADDR (1u << 2)
#define SOCK_BROADCAST (1u << 6)
#define SOCK_OOBINLINE (1u << 10)
#define SOCK_REUSEPORT (1u << 15)
#define SOCK_PASSCRED (1u << 16)

/* A queued message (Linux's skb): its bytes in chunks (a page each, but a lone short one),
   what rides with them, or, on a listener's queue, a connection waiting for accept. */
struct msg {
    struct msg *next;
    struct sock *from; /* the sender: its name, and its send allowance until the message goes */
    struct sock *conn; /* a connection request: the socket accept hands out */
    struct file **fds; /* SCM_RIGHTS: references, nfds of them */
    uint32_t nfds;
    struct ucred_k cred;
    uint32_t len, off; /* its bytes, and those read (a stream's partial reads) */
    uint32_t cost;     /* what it counts against the sender's allowance */
    uint32_t last_cap; /* the room of its last chunk */
    uint32_t saddr;    /* a UDP datagram's sender (from is NULL): its address and port */
    uint16_t sport;
    uint32_t nchunks;
    uint8_t *chunk[];
};

struct sock {
    /* Two lists, each with where the pointer to this socket is (out in O(1), in any order):
       every socket, for the collector (sock_collect); the abstract namespace's names, or
       AF_INET's of its port (then the dying: sock_release). */
    struct sock *next, **pprev;
    struct sock *next_name, **pname;
    struct sock *next_gc; /* the collector's garbage */
    struct file *file;    /* its open file (NULL: a connection accept has yet to take) */
    struct sock *peer;
    struct msg *head, *tail; /* the receive queue */
    struct msg *oob;         /* a stream's urgent byte (MSG_OOB): a message of its own there */
    uint32_t count;          /* messages queued */
    uint32_t wmem;           /* what its messages in queues cost (Linux's sk_wmem_alloc) */
    /* Wakeups of its readers and of its writers, as Linux's (epoll's file_stamp): messages
       queued on it, its own taken; both at a shutdown or its peer's end (sock_wake). */
    uint32_t wakeups[2];
    uint32_t sndbuf, rcvbuf;
    uint32_t backlog; /* a listener's: more requests queued than this is full */
    uint8_t type, state, shutdown;
    bool mark;
    int32_t err;                /* SO_ERROR */
    struct ucred_k peercred;    /* SO_PEERCRED: pid 0 for none */
    struct sock_addr *addr;     /* its name (NULL: none) */
    struct vnode *path;         /* the node it is bound to in the tree */
    uint64_t timeo[2];          /* SO_RCVTIMEO, SO_SNDTIMEO in ns: 0 for none */
    uint32_t opts;              /* the SOL_SOCKET flags (SOCK_* for those that act) */
    int32_t priority, rcvlowat; /* SO_PRIORITY, SO_RCVLOWAT */
    int32_t linger[2];          /* SO_LINGER: on, seconds */
    uint32_t refs;              /* its file or request, peers pointing at it, its messages */
    uint32_t inflight;          /* references to its file that messages hold */
    /* AF_INET (inet.c): the family, a raw socket's IP protocol (0: TCP's, UDP's), INET_*
       flags, the peer's address and port (network order: what connect gave), and the options
       of IPPROTO_IP, IPPROTO_TCP and SOL_RAW. */
    uint8_t family, proto;
    uint16_t inet, dport;
    uint32_t daddr;
    uint32_t rmem; /* what the UDP datagrams (netlink's) queued cost (sk_rmem_alloc) */
    int32_t ipopt[INET_OPTS];
    /* AF_NETLINK (netlink.c): its port id (0, the kernel's, until bound), its groups, where connect
       sends (a port id, a group), and the SOCK_RAW bit and SOL_NETLINK's flags */
    uint32_t portid, dst_portid, dst_group, nlopts;
    uint64_t groups;
};
extern struct sock *all_socks; /* every socket, by next */

struct sock *sock_alloc(uint32_t family, uint32_t type, uint32_t protocol);
/* A named socket in its list (the abstract namespace's, or its port's for AF_INET), and out. */
void sock_name_add(struct sock *s);
void sock_name_del(struct sock *s);
/* A connection request from s on the listener's queue (s's peer: the socket accept hands out). */
int sock_request(struct sock *s, struct sock *listener);
void sock_get(struct sock *s);
void sock_put(struct sock *s);
/* The app's credentials as a message carries them by default (SCM_CREDENTIALS). */
void sock_own_cred(struct ucred_k *c);
/* A name made up in the abstract namespace, for a socket without one: 0 or -ENOMEM. */
int sock_autobind(struct sock *s);
/* The socket that an address names, of the given type: -ECONNREFUSED, -EPROTOTYPE, a path's
   lookup errors. */
int sock_find(const struct sock_addr *a, uint32_t type, struct sock **out);
/* A datagram socket's peer is gone or replaced: what came from it is lost (Linux's
   unix_dgram_disconnected). */
void sock_dgram_disconnected(struct sock *s, struct sock *old);
/* Wait where Linux would block (send: for room; else for data): -EAGAIN (nonblock, or at the
   timeout), -ERESTARTSYS once a signal comes, -EINTR under a timeout. */
int sock_wait(struct sock *s, bool send, bool nonblock);
/* socket_msg.c: sock_wait for a send or a receive on f, nonblocking under O_NONBLOCK or
   MSG_DONTWAIT. */
int sock_io_wait(struct file *f, const struct sock_io *io, bool send);
/* Release a socket: its file is gone, or it is a request nobody will accept (embryo). */
void sock_release(struct sock *s, bool embryo);
/* socket_msg.c: a message unlinked from its queue goes; a socket's whole queue goes. */
void msg_free(struct msg *m);
void sock_purge(struct sock *s);
/* The head of s's queue unlinked and freed: the next. */
struct msg *sock_free_head(struct sock *s);
/* m at the end of o's queue. */
void sock_link(struct sock *o, struct msg *m);
/* s leaves its peer (released, or a TCP connection aborted): a stream's peer sees the end, or
   a reset (ECONNRESET) where unread data, a request nobody took or the abort is lost; a TCP
   peer sees a FIN, its end of reading (INET_FIN), where AF_UNIX's sees both ends shut. */
void sock_peer_end(struct sock *s, bool reset);
/* Is it an AF_UNIX address with a name, as Linux's unix_validate_addr asks (or, bare, the
   family alone too: bind's autobind)? */
bool sock_addr_ok(const struct sock_addr *a, bool bare);
/* socket_msg.c: a UDP datagram of io's bytes on o's queue, from (saddr, sport). */
int32_t sock_queue_udp(struct sock *o, struct sock_io *io, uint32_t saddr, uint16_t sport);
/* socket_msg.c: a message queued nowhere yet, hlen bytes of head (a chunk's at most; a raw
   socket's IP packet its header) and then len of io's bytes (no chunk at all for none):
   -ENOMEM, -EFAULT. For AF_INET's raw sockets, a copy of it on o's queue as a datagram from
   saddr (lost without memory), and the 16-bit words of its bytes from at (even) on, added up
   (an Internet checksum's sum, unfolded). */
int sock_packet(const void *head, uint32_t hlen, const struct sock_io *io, uint32_t len,
                struct msg **out);
void sock_queue_copy(struct sock *o, const struct msg *p, uint32_t saddr);
uint32_t sock_sum(const struct msg *m, uint32_t at);

/* inet.c: AF_INET's parts of socket.c's calls. */
void inet_init(struct sock *s, uint32_t protocol);
int inet_bind(struct sock *s, const struct sock_addr *a);
int inet_listen(struct sock *s);
int inet_shutdown(struct sock *s, uint8_t mode);
/* A TCP connection reset: both ways shut, its port given back (unless bind chose it); the
   peer's FIN: no more to read (a FIN each way gives the port back too). */
void inet_reset(struct sock *s);
void inet_fin(struct sock *s);
/* A connect whose SYN a full queue dropped sends it again (the app looks at the socket: any
   socket may be asked). */
void inet_resend(struct sock *s);
/* accept made room on a listener's queue, or listen gave it one: connects whose SYNs were
   dropped at its port try again. */
void inet_room(struct sock *l);
/* The list of AF_INET names s belongs in: those of its port. */
struct sock **inet_names(const struct sock *s);
int inet_connect(struct file *f, const struct sock_addr *a);
/* peer: 0 its own, 1 its peer's (getpeername), 2 its peer's as accept takes it. */
int inet_name(const struct sock *s, int peer, struct sock_addr *out);
/* A UDP datagram's send, and a message's sender's name as recvfrom gives it. */
int32_t inet_send_dgram(struct sock *s, struct sock_io *io);
void inet_msg_name(const struct msg *m, struct sock_addr *a);

/* netlink.c: AF_NETLINK's parts of socket.c's calls. */
void netlink_init(struct sock *s, uint32_t type);
int netlink_bind(struct sock *s, const struct sock_addr *a);
int netlink_connect(struct sock *s, const struct sock_addr *a);
void netlink_name(const struct sock *s, int peer, struct sock_addr *out);
int32_t netlink_send(struct file *f, struct sock *s, struct sock_io *io);
/* recvfrom's name for a message: its sender's port id (0: the kernel). */
void netlink_msg_name(const struct msg *m, struct sock_addr *a);
/* io's bytes into k (io->len of them): 0 or -EFAULT. */
int sock_copy_in(const struct sock_io *io, uint8_t *k);

/* A change of state (a shutdown, the peer's end): its readers and writers woken alike. */
static inline void sock_wake(struct sock *s)
{
    s->wakeups[0]++;
    s->wakeups[1]++;
}
