/* AF_UNIX sockets, within the one process, as Linux's net/unix: stream, datagram and
   sequenced-packet sockets, named in the tree, in the abstract namespace or not at all, that
   carry bytes, descriptors (SCM_RIGHTS) and credentials (SCM_CREDENTIALS). */
#pragma once

#include "kernel/fd.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_NETLINK 16
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_RAW 255
#define AF_MAX 46
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC

/* send and recv flags */
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_ERRQUEUE 0x2000
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SUN_PATH_OFFSET 2 /* offsetof(struct sockaddr_un, sun_path) */
#define SUN_LEN_MAX 110   /* sizeof(struct sockaddr_un) */
#define SOCKADDR_MAX 128  /* sizeof(struct sockaddr_storage): the most a call takes */
#define SCM_MAX_FD 253    /* descriptors in one message */

/* A socket address as the app passes and gets it: its length and its bytes (for AF_UNIX,
   sun_family, then sun_path). */
struct sock_addr {
    uint32_t len;
    uint8_t bytes[SOCKADDR_MAX + 1]; /* room for a NUL after a path that fills it */
};

/* struct ucred: the same on every ABI */
struct ucred_k {
    int32_t pid;
    uint32_t uid, gid;
};

/* One send or receive. The bytes: the app's iovec array (iov, iovcnt) or one buffer (buf, the
   kernel's under kernel), len in all, already checked. */
struct sock_io {
    uaddr_t iov;
    word_t iovcnt;
    uintptr_t buf;
    bool kernel;
    uint32_t len;
    uint32_t flags;     /* MSG_* asked for */
    uint32_t msg_flags; /* a receive's MSG_* found: MSG_TRUNC, MSG_CTRUNC */
    /* A send's destination (NULL: the peer), or where a receive puts the sender's name (NULL:
       not asked). */
    struct sock_addr *addr;
    /* Descriptors (a kmalloc'd array of references, which a send takes over and a receive
       hands out) and credentials: given by a send's caller, found by a receive. */
    struct file **fds;
    uint32_t nfds;
    bool has_cred;
    struct ucred_k cred;
};

struct sock;
struct sock *sock_of(const struct file *f); /* NULL: not a socket */

/* A new socket (AF_UNIX: type SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET; AF_INET: TCP's
   SOCK_STREAM, UDP's SOCK_DGRAM, or SOCK_RAW of an IP protocol; flags SOCK_NONBLOCK):
   -ENOMEM. */
int sock_create(uint32_t family, uint32_t type, uint32_t protocol, uint32_t flags,
                struct file **out);
/* socket(AF_INET, type, protocol)'s checks, as inet_create's (type without its flags). */
int inet_check(uint32_t type, uint32_t protocol);
/* setsockopt and getsockopt at IPPROTO_IP, and IPPROTO_TCP for TCP (inet.c). */
int inet_setsockopt(struct sock *s, uint32_t level, uint32_t name, int32_t v, uint32_t len);
int inet_getsockopt(const struct sock *s, uint32_t level, uint32_t name, int32_t *v);
/* AF_NETLINK's (netlink.c): socket's checks, SOL_NETLINK's options, and SO_TYPE. */
int netlink_check(uint32_t type, uint32_t protocol);
int netlink_setsockopt(struct sock *s, uint32_t level, uint32_t name, int32_t v, uint32_t len);
int netlink_getsockopt(const struct sock *s, uint32_t level, uint32_t name, int32_t *v);
uint32_t netlink_type(const struct sock *s);
/* An interface ioctl (0x8910 to 0x89FF) on any socket. */
int netlink_ioctl(const struct sock *s, uint32_t request, uaddr_t arg);
/* lo as ip and ifconfig leave it (netlink.c): its flags (IFF_UP, IFF_LOOPBACK, IFF_RUNNING and
   IFF_LOWER_UP up; IFF_LOOPBACK alone down), mtu and txqueuelen, and IPv4 on it: none (after an
   mtu below IPv4's least), IPv4 without an address, or IPv4 with its address 127.0.0.1/8. */
enum { LO_NO_INET, LO_NO_ADDR, LO_ADDR };
#define IFF_UP 1u
extern struct lo_dev {
    uint32_t flags, mtu, qlen;
    uint8_t inet;
} lo_dev;
/* Two sockets connected to each other (socketpair). */
int sock_create_pair(uint32_t type, uint32_t flags, struct file **a, struct file **b);
/* AF_UNIX: addr->len 2 (the family alone) is a name made up in the abstract namespace. */
int sock_bind(struct sock *s, const struct sock_addr *addr);
int sock_listen(struct sock *s, int32_t backlog);
/* AF_UNSPEC disconnects a datagram socket. */
int sock_connect(struct file *f, const struct sock_addr *addr);
int sock_accept(struct file *f, uint32_t flags, struct file **out, struct sock_addr *peer);
int sock_shutdown(struct sock *s, uint32_t how);
/* The socket's own name (peer 0), or its peer's: 1 for getpeername (-ENOTCONN without one),
   2 for accept (a TCP connection closed since still has it). */
int sock_name(const struct sock *s, int peer, struct sock_addr *out);
int32_t sock_send(struct file *f, struct sock_io *io);
/* read, write and their vectored forms: a read of nothing reads nothing, and descriptors that
   come have nowhere to go (closed). */
int32_t sock_rw(struct file *f, struct sock_io *io, bool write);
/* Descriptors in messages, all told: more than RLIMIT_NOFILE, and a send of more needs
   CAP_SYS_RESOURCE or CAP_SYS_ADMIN (ETOOMANYREFS), as Linux's too_many_unix_fds. */
extern uint32_t sock_inflight;
/* Drop n references at once (if they leave sockets that only messages hold, the collector
   looks for garbage once, at the end), and a kmalloc'd array of them with them. */
void sock_files_put(struct file *const *fds, uint32_t n);
void sock_fds_put(struct file **fds, uint32_t n);
int32_t sock_recv(struct file *f, struct sock_io *io);
uint32_t sock_poll(const struct file *f);
/* SIOCATMARK: is the urgent byte (MSG_OOB) next? */
bool sock_at_mark(const struct sock *s);
/* A pending error for SO_ERROR (recvmmsg keeps one for the next call so), and taking it:
   -errno, or 0. */
void sock_set_error(struct sock *s, int32_t err);
int32_t sock_take_error(struct sock *s);
/* Bytes waiting to be read (SIOCINQ), and sent but not yet read (SIOCOUTQ); -EINVAL. */
int32_t sock_queued(const struct sock *s, bool out);
/* The last open file of the socket is gone; one reference of several is (the collector may
   then find garbage). */
void sock_close(struct file *f);
void sock_file_dropped(struct file *f);
/* Around a release or a batch of drops: the collector runs once, when the last such ends, not
   for each socket it drops (nor over a dying socket's queue, not yet purged). */
void sock_gc_hold(void);
void sock_gc_let(void);
/* Descriptors are about to go in flight (Linux's wait_for_unix_gc): garbage that closes left
   goes first, so that an app making cycles over and over frees them as it goes. */
void sock_gc_sending(void);
/* /proc/net's texts (proc.c's, made with proc_put): tcp, udp or raw's (inet.c), and unix's. */
void inet_proc(uint32_t protocol);
void sock_proc_unix(void);
