/* What AF_UNIX sockets carry: messages on receive queues, sent and received as Linux's
   unix_stream_sendmsg, unix_dgram_sendmsg and their recvmsg, and poll's view of a socket. A
   stream's sends fill the last message's room when nothing rides with them; a datagram is one
   message, and so is a sequenced packet. */
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/signal.h"
#include "kernel/socket_impl.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"

#define MSG_OVERHEAD 256     /* what a message costs beyond its bytes, as an skb's truesize */
#define STREAM_MSG_MAX 65536 /* a stream send's bytes go in messages of at most this */
#define OVERFLOW_ID 65534    /* credentials nobody attached read as the overflow ids */
#define TCP_WMEM_MAX 4194304 /* net.ipv4.tcp_wmem's most: what a TCP stream holds unread */

/* The bytes of one send or receive, walked in order. */
struct cursor {
    const struct sock_io *io;
    word_t i; /* the next iovec */
    uintptr_t base;
    word_t left; /* in the current buffer */
};

static void cursor_start(struct cursor *c, const struct sock_io *io)
{
    *c = (struct cursor){.io = io, .base = io->buf, .left = io->iov ? 0 : io->len};
}

/* Move n bytes between the cursor's buffers and the kernel's k (to_io: into the buffers). */
static int cursor_copy(struct cursor *c, uint8_t *k, uint32_t n, bool to_io)
{
    while (n) {
        if (!c->left) {
            struct iovec_k v;
            if (!c->io->iov || c->i >= c->io->iovcnt || abi_iovec_from_user(c->io->iov, c->i++, &v))
                return -EFAULT;
            c->base = v.base, c->left = v.len;
            continue;
        }
        uint32_t step = n < c->left ? n : (uint32_t)c->left;
        if (to_io ? copy_to_user(c->base, k, step)
                  : copy_from_source(k, c->base, step, c->io->kernel))
            return -EFAULT;
        c->base += step, c->left -= step, k += step, n -= step;
    }
    return 0;
}

/* Move n bytes between m's bytes from at on and the cursor. */
static int msg_copy(struct msg *m, uint32_t at, struct cursor *c, uint32_t n, bool to_io)
{
    while (n) {
        uint32_t off = at % PAGE_SIZE, step = PAGE_SIZE - off < n ? PAGE_SIZE - off : n;
        if (cursor_copy(c, m->chunk[at / PAGE_SIZE] + off, step, to_io))
            return -EFAULT;
        at += step, n -= step;
    }
    return 0;
}

int sock_copy_in(const struct sock_io *io, uint8_t *k)
{
    struct cursor c;
    cursor_start(&c, io);
    return cursor_copy(&c, k, io->len, false);
}

static size_t msg_size(uint32_t nchunks)
{
    return sizeof(struct msg) + nchunks * sizeof(uint8_t *);
}

/* A message with room for len bytes: a lone short chunk holds just them, unless room asks for a
   whole page (a stream's, for later sends to fill). */
static struct msg *msg_new(uint32_t len, bool room)
{
    uint32_t n = (len + PAGE_SIZE - 1) / PAGE_SIZE;
    struct msg *m = kmalloc(msg_size(n));
    if (!m)
        return NULL;
    m->nchunks = n;
    m->last_cap = n == 1 && !room ? len : PAGE_SIZE;
    for (uint32_t i = 0; i < n; i++)
        if (!(m->chunk[i] = kmalloc(i == n - 1 ? m->last_cap : PAGE_SIZE))) {
            msg_free(m);
            return NULL;
        }
    return m;
}

static uint32_t msg_room(const struct msg *m)
{
    return m->nchunks ? (m->nchunks - 1) * PAGE_SIZE + m->last_cap - m->len : 0;
}

/* A message of hlen bytes of head and then len from the cursor (room: as msg_new's): -ENOMEM,
   -EFAULT. */
static int msg_from(const void *head, uint32_t hlen, struct cursor *c, uint32_t len, bool room,
                    struct msg **out)
{
    struct msg *m = msg_new(hlen + len, room);
    if (!m)
        return -ENOMEM;
    if (hlen) /* the first chunk holds a page, or all of it */
        memcpy(m->chunk[0], head, hlen);
    m->len = hlen + len;
    if (msg_copy(m, hlen, c, len, false)) {
        msg_free(m);
        return -EFAULT;
    }
    *out = m;
    return 0;
}

/* Descriptors join a message (by 1) or leave it (by UINT32_MAX, which wraps as -1): sockets
   among them are in flight, or no longer. */
static void fds_fly(struct file **fds, uint32_t n, uint32_t by)
{
    sock_inflight += n * by;
    for (uint32_t i = 0; i < n; i++)
        if (fds[i]->sock)
            fds[i]->sock->inflight += by;
}

void sock_files_put(struct file *const *fds, uint32_t n)
{
    sock_gc_hold();
    for (uint32_t i = 0; i < n; i++)
        file_put(fds[i]);
    sock_gc_let();
}

void sock_fds_put(struct file **fds, uint32_t n)
{
    sock_files_put(fds, n);
    kfree(fds, n * sizeof(*fds));
}

void msg_free(struct msg *m)
{
    for (uint32_t i = 0; i < m->nchunks; i++)
        kfree(m->chunk[i], i == m->nchunks - 1 ? m->last_cap : PAGE_SIZE);
    if (m->from) {
        m->from->wmem -= m->cost;
        m->from->wakeups[1]++; /* its writers: room freed */
        sock_put(m->from);
    }
    struct sock *conn = m->conn;
    struct file **fds = m->fds;
    uint32_t nfds = m->nfds;
    kfree(m, msg_size(m->nchunks));
    fds_fly(fds, nfds, UINT32_MAX);
    if (fds)
        sock_fds_put(fds, nfds);
    if (conn)
        sock_release(conn, true);
}

struct msg *sock_free_head(struct sock *s)
{
    struct msg *m = s->head;
    if (!m->from) /* a UDP datagram (or a connection request, which costs nothing) */
        s->rmem -= m->cost;
    if (!(s->head = m->next))
        s->tail = NULL;
    s->count--;
    msg_free(m);
    return s->head;
}

void sock_purge(struct sock *s)
{
    s->oob = NULL;
    sock_gc_hold(); /* the collector looks once, when the queue is gone */
    while (s->head)
        sock_free_head(s);
    sock_gc_let();
}

/* Sending. */

static bool nonblocking(const struct file *f, const struct sock_io *io)
{
    return (f->flags & O_NONBLOCK) || (io->flags & MSG_DONTWAIT);
}

int sock_io_wait(struct file *f, const struct sock_io *io, bool send)
{
    return sock_wait(f->sock, send, nonblocking(f, io));
}

int32_t sock_take_error(struct sock *s)
{
    int32_t err = s->err;
    s->err = 0;
    return -err;
}

/* The credentials a message from s to o carries: the ones given, or with SO_PASSCRED at
   either end the sender's, else none. */
static void send_cred(const struct sock *s, const struct sock *o, const struct sock_io *io,
                      struct ucred_k *c)
{
    if (io->has_cred)
        *c = io->cred;
    else if ((s->opts | o->opts) & SOCK_PASSCRED)
        sock_own_cred(c);
    else
        *c = (struct ucred_k){0, OVERFLOW_ID, OVERFLOW_ID};
}

static bool same_cred(const struct ucred_k *a, const struct ucred_k *b)
{
    return a->pid == b->pid && a->uid == b->uid && a->gid == b->gid;
}

uint32_t sock_inflight; /* descriptors in messages, all told (Linux's user->unix_inflight) */

void sock_link(struct sock *o, struct msg *m)
{
    if (o->tail)
        o->tail->next = m;
    else
        o->head = m;
    o->tail = m;
    o->count++;
    o->wakeups[0]++; /* its readers: data */
}

/* Queue m from s on o's queue, with the descriptors given (taken over). */
static void enqueue(struct sock *s, struct sock *o, struct msg *m, struct sock_io *io)
{
    m->from = s;
    sock_get(s);
    m->cost = m->len + MSG_OVERHEAD;
    s->wmem += m->cost;
    send_cred(s, o, io, &m->cred);
    m->fds = io->fds, m->nfds = io->nfds;
    io->fds = NULL, io->nfds = 0;
    fds_fly(m->fds, m->nfds, 1);
    sock_link(o, m);
}

/* How much a socket's messages in queues may cost: a TCP stream's, what tcp_wmem lets it
   have unacknowledged and its peer's window together come to. */
static uint32_t send_room(const struct sock *s)
{
    return s->family == AF_INET ? TCP_WMEM_MAX : s->sndbuf;
}

static int32_t pipe_error(const struct sock_io *io, uint32_t sent)
{
    if (!sent && !(io->flags & MSG_NOSIGNAL))
        sig_send(SIGPIPE, SI_USER, 0);
    return sent ? (int32_t)sent : -EPIPE;
}

/* n bytes from the cursor to o: into the room of the last message from s if nothing rides on
   either (descriptors go with a send's first bytes, in a message of their own), then in a new
   message. */
static int32_t stream_put(struct sock *s, struct sock *o, struct sock_io *io, struct cursor *c,
                          uint32_t n)
{
    struct msg *t = o->tail;
    struct ucred_k cr;
    send_cred(s, o, io, &cr);
    uint32_t fill = 0;
    if (t && t != o->oob && t->from == s && !t->nfds && !io->nfds && same_cred(&t->cred, &cr)) {
        fill = msg_room(t) < n ? msg_room(t) : n;
        if (fill && msg_copy(t, t->len, c, fill, false))
            return -EFAULT;
        t->len += fill, t->cost += fill, s->wmem += fill;
    }
    if (fill == n)
        return (int32_t)n;
    struct msg *m;
    int err = msg_from(NULL, 0, c, n - fill, true, &m);
    if (err)
        return fill ? (int32_t)fill : err;
    enqueue(s, o, m, io);
    return (int32_t)n;
}

/* MSG_OOB's last byte, a message of its own that o marks as urgent (an earlier urgent byte
   still there becomes plain data), as Linux's queue_oob. */
static int32_t send_urgent(struct sock *s, struct sock *o, struct sock_io *io, struct cursor *c)
{
    struct msg *m;
    int err = msg_from(NULL, 0, c, 1, false, &m);
    if (err)
        return err;
    enqueue(s, o, m, io);
    o->oob = m;
    return 1;
}

/* TCP's send that finds no connection, or it shut or reset: the pending error, else EPIPE
   (either with SIGPIPE), as sk_stream_error. */
static int32_t tcp_send_error(struct sock *s, const struct sock_io *io)
{
    int32_t err = sock_take_error(s);
    return err && err != -EPIPE ? err : pipe_error(io, 0);
}

static int32_t send_stream(struct file *f, struct sock *s, struct sock_io *io)
{
    uint32_t urgent = io->flags & MSG_OOB ? 1 : 0;
    bool tcp = s->family == AF_INET;
    if (urgent && !io->len) {
        if (!tcp)
            return -EOPNOTSUPP;
        urgent = 0; /* TCP sends nothing, urgently */
    }
    inet_resend(s);
    struct sock *o = s->peer;
    if (tcp && !o && (s->inet & INET_SYN_SENT)) /* it waits to be connected */
        return sock_io_wait(f, io, true);
    if (tcp && (!o || s->err || (s->shutdown & SEND_SHUTDOWN)))
        return tcp_send_error(s, io); /* a TCP send ignores an address */
    if (io->addr && !tcp)
        return s->state == SS_CONNECTED ? -EISCONN : -EOPNOTSUPP;
    if (!o)
        return -ENOTCONN;
    if (s->shutdown & SEND_SHUTDOWN)
        return pipe_error(io, 0);
    struct cursor c;
    cursor_start(&c, io);
    uint32_t sent = 0, total = io->len - urgent;
    while (sent < total || (urgent && sent == total)) {
        if (tcp && o->state == SS_DEAD) { /* a closed socket takes the bytes, and resets */
            s->err = EPIPE;
            inet_reset(s);
            return (int32_t)io->len;
        }
        if (!tcp && (o->state == SS_DEAD || (o->shutdown & RCV_SHUTDOWN)))
            return pipe_error(io, sent);
        if (s->wmem >= send_room(s)) {
            int32_t err = sock_io_wait(f, io, true);
            if (err)
                return sent ? (int32_t)sent : err;
            continue;
        }
        if (sent == total) { /* the urgent byte */
            int32_t done = send_urgent(s, o, io, &c);
            return done < 0 ? (sent ? (int32_t)sent : done) : (int32_t)sent + 1;
        }
        uint32_t n = total - sent < STREAM_MSG_MAX ? total - sent : STREAM_MSG_MAX;
        int32_t done = stream_put(s, o, io, &c, n);
        if (done < 0)
            return sent ? (int32_t)sent : done;
        sent += (uint32_t)done;
        if ((uint32_t)done < n)
            break;
    }
    return (int32_t)sent;
}

/* Where a datagram goes: the address given, or the peer; -EAGAIN and the like when it is full. */
static int dgram_target(struct file *f, struct sock *s, struct sock_io *io, struct sock **out)
{
    for (;;) {
        struct sock *o = s->peer;
        int err;
        if (io->addr && (err = sock_find(io->addr, s->type, &o)))
            return err;
        if (o->peer && o->peer != s)
            return -EPERM;         /* it takes datagrams from its own peer only */
        if (o->state == SS_DEAD) { /* only a peer is found dead: a name goes at release */
            if (s->type == SOCK_SEQPACKET)
                return -EPIPE;
            s->peer = NULL;
            s->state = SS_CLOSED;
            sock_dgram_disconnected(s, o);
            sock_put(o);
            return -ECONNREFUSED;
        }
        if (o->shutdown & RCV_SHUTDOWN)
            return -EPIPE;
        if (o == s || o->peer == s || o->count <= o->backlog) {
            *out = o;
            return 0;
        }
        if ((err = sock_io_wait(f, io, true)))
            return err;
    }
}

int sock_packet(const void *head, uint32_t hlen, const struct sock_io *io, uint32_t len,
                struct msg **out)
{
    struct cursor c;
    cursor_start(&c, io);
    return msg_from(head, hlen, &c, len, false, out);
}

static int32_t send_dgram(struct file *f, struct sock *s, struct sock_io *io)
{
    int32_t err;
    if (io->flags & MSG_OOB)
        return -EOPNOTSUPP;
    if (s->type == SOCK_SEQPACKET) {
        if (s->err)
            return sock_take_error(s);
        if (s->state != SS_CONNECTED)
            return -ENOTCONN;
        io->addr = NULL;
    }
    const struct sock_addr *a = io->addr;
    if (a && !sock_addr_ok(a, false))
        return -EINVAL;
    if (!a && !s->peer)
        return -ENOTCONN;
    if ((s->opts & SOCK_PASSCRED) && (err = sock_autobind(s)))
        return err;
    if (io->len > s->sndbuf - 32)
        return -EMSGSIZE;
    for (;;) { /* the allowance, as sock_alloc_send_pskb waits for it */
        if (s->err)
            return sock_take_error(s);
        if (s->shutdown & SEND_SHUTDOWN)
            return -EPIPE;
        if (s->wmem < s->sndbuf)
            break;
        if ((err = sock_io_wait(f, io, true)))
            return err;
    }
    struct msg *m;
    struct sock *o;
    if ((err = sock_packet(NULL, 0, io, io->len, &m)))
        return err;
    if ((err = dgram_target(f, s, io, &o))) {
        msg_free(m);
        return err;
    }
    enqueue(s, o, m, io);
    return (int32_t)io->len;
}

/* m on o's queue, a datagram nobody's allowance pays for, from (saddr, sport). */
static void queue_udp(struct sock *o, struct msg *m, uint32_t saddr, uint16_t sport)
{
    /* an skb's truesize: a small datagram's is 256 of the default buffer's */
    m->cost =
        m->len + MSG_OVERHEAD > SNDBUF_DEFAULT / 256 ? m->len + MSG_OVERHEAD : SNDBUF_DEFAULT / 256;
    m->saddr = saddr, m->sport = sport;
    o->rmem += m->cost;
    sock_link(o, m);
}

int32_t sock_queue_udp(struct sock *o, struct sock_io *io, uint32_t saddr, uint16_t sport)
{
    struct msg *m;
    int err = sock_packet(NULL, 0, io, io->len, &m);
    if (err)
        return err;
    queue_udp(o, m, saddr, sport);
    return (int32_t)io->len;
}

void sock_queue_copy(struct sock *o, const struct msg *p, uint32_t saddr)
{
    struct msg *m = msg_new(p->len, false);
    if (!m)
        return; /* lost, as a datagram is that finds no memory */
    for (uint32_t i = 0; i < m->nchunks; i++)
        memcpy(m->chunk[i], p->chunk[i], i == m->nchunks - 1 ? m->last_cap : PAGE_SIZE);
    m->len = p->len;
    queue_udp(o, m, saddr, 0);
}

uint32_t sock_sum(const struct msg *m, uint32_t at)
{
    uint32_t sum = 0;
    for (; at < m->len; at += 2) {
        const uint8_t *b = m->chunk[at / PAGE_SIZE] + at % PAGE_SIZE;
        sum += at + 1 < m->len ? (uint32_t)(b[0] | b[1] << 8) : b[0];
    }
    return sum;
}

int32_t sock_send(struct file *f, struct sock_io *io)
{
    struct sock *s = f->sock;
    if (s->family == AF_INET) {
        if (io->nfds || io->has_cred)
            return -EINVAL; /* __sock_cmsg_send knows neither SCM_RIGHTS nor SCM_CREDENTIALS */
        if (s->type == SOCK_DGRAM)
            return inet_send_dgram(s, io);
    }
    if (s->family == AF_NETLINK)
        return netlink_send(f, s, io);
    return s->type == SOCK_STREAM ? send_stream(f, s, io) : send_dgram(f, s, io);
}

/* Receiving. */

/* What comes with m's bytes: the sender's name, and the credentials under SO_PASSCRED. */
static void deliver_name(const struct sock *s, const struct msg *m, struct sock_io *io)
{
    if (io->addr) {
        if (s->family == AF_INET)
            inet_msg_name(m, io->addr);
        else if (s->family == AF_NETLINK)
            netlink_msg_name(m, io->addr);
        else if (m->from && m->from->addr)
            *io->addr = *m->from->addr;
        else
            io->addr->len = 0;
    }
    if ((s->opts & SOCK_PASSCRED) && s->family == AF_UNIX) {
        io->has_cred = true;
        io->cred = m->cred;
    }
}

/* m's descriptors, handed over (under MSG_PEEK, new references to them): any? */
static bool deliver_fds(struct msg *m, struct sock_io *io, bool peek)
{
    if (!m->nfds)
        return false;
    if (!peek) {
        fds_fly(m->fds, m->nfds, UINT32_MAX);
        io->fds = m->fds, io->nfds = m->nfds;
        m->fds = NULL, m->nfds = 0;
    } else if ((io->fds = kmalloc(m->nfds * sizeof(*io->fds)))) {
        io->nfds = m->nfds;
        for (uint32_t i = 0; i < m->nfds; i++) {
            io->fds[i] = m->fds[i];
            m->fds[i]->refs++;
        }
    } else {
        io->msg_flags |= MSG_CTRUNC;
    }
    return true;
}

static int32_t recv_dgram(struct file *f, struct sock *s, struct sock_io *io)
{
    if (io->flags & MSG_OOB)
        return -EOPNOTSUPP;
    if (s->type == SOCK_SEQPACKET && s->state != SS_CONNECTED)
        return -ENOTCONN;
    bool nonblock = nonblocking(f, io);
    for (;;) { /* a pending error comes first, with a message queued or not */
        if (s->err)
            return sock_take_error(s);
        if (s->head)
            break;
        if ((s->shutdown & RCV_SHUTDOWN) && (s->type == SOCK_SEQPACKET || !nonblock))
            return 0;
        int32_t err = sock_wait(s, false, nonblock);
        if (err)
            return err;
    }
    struct msg *m = s->head;
    bool peek = io->flags & MSG_PEEK;
    uint32_t len = m->len, n = len < io->len ? len : io->len;
    struct cursor c;
    cursor_start(&c, io);
    int err = msg_copy(m, 0, &c, n, true);
    if (!err) {
        deliver_name(s, m, io);
        deliver_fds(m, io, peek);
    }
    if (len > io->len)
        io->msg_flags |= MSG_TRUNC;
    if (!peek)
        sock_free_head(s);
    return err ? err : (int32_t)(io->flags & MSG_TRUNC ? len : n);
}

/* A stream's bytes, across messages: all of one sender's credentials under SO_PASSCRED, up to
   and with the first message that carries descriptors. It waits until the low-water mark (all
   of len under MSG_WAITALL) has come, or the end. */
/* recv's MSG_OOB: the urgent byte, unless there is none or it is read inline (EINVAL). Taken,
   it leaves the stream too (even when it could not be copied, and counted as read into no
   room at all), as Linux's unix_stream_recv_urg. */
static int32_t recv_urgent(struct sock *s, struct sock_io *io)
{
    struct msg *m = s->oob;
    if (!m || (s->opts & SOCK_OOBINLINE))
        return -EINVAL;
    if (!(io->flags & MSG_PEEK)) {
        m->off = m->len;
        s->oob = NULL;
    }
    struct cursor c;
    cursor_start(&c, io);
    if (io->len && msg_copy(m, 0, &c, 1, true))
        return -EFAULT;
    io->msg_flags |= MSG_OOB;
    return 1;
}

/* Before reading m, at the start of a read or past its mark: the urgent byte is read inline
   under SO_OOBINLINE, else it leaves the stream, as Linux's manage_oob; one that MSG_OOB took
   is gone already. False: m is not to be read (the next is *m). */
static bool stream_mark(struct sock *s, struct msg **m, bool peek)
{
    struct msg *u = *m;
    bool taken = u->off == u->len, urgent = u == s->oob;
    if (!taken && (!urgent || (s->opts & SOCK_OOBINLINE))) {
        if (urgent && !peek)
            s->oob = NULL;
        return true;
    }
    if (peek) {
        *m = u->next;
        return false;
    }
    if (urgent)
        s->oob = NULL;
    *m = sock_free_head(s);
    return false;
}

static int32_t recv_stream(struct file *f, struct sock *s, struct sock_io *io)
{
    bool tcp = s->family == AF_INET;
    inet_resend(s);
    if (tcp && (s->inet & INET_SYN_SENT)) /* it waits to be connected */
        return sock_io_wait(f, io, false);
    if (io->flags & MSG_OOB)
        return s->state == SS_CONNECTED       ? recv_urgent(s, io)
               : tcp && s->state == SS_LISTEN ? -ENOTCONN
                                              : -EINVAL;
    if (s->state != SS_CONNECTED) {
        if (!tcp)
            return -EINVAL;
        if (s->state == SS_LISTEN || !(s->err || (s->shutdown & RCV_SHUTDOWN)))
            return -ENOTCONN; /* never connected */
        return sock_take_error(s);
    }
    bool peek = io->flags & MSG_PEEK;
    uint32_t low = (uint32_t)s->rcvlowat < io->len ? (uint32_t)s->rcvlowat : io->len;
    uint32_t target = io->flags & MSG_WAITALL ? io->len : low, copied = 0;
    if (!target)
        target = 1;
    struct ucred_k first_cred;
    struct cursor c;
    cursor_start(&c, io);
    for (struct msg *m = s->head;;) {
        if (!m) {
            if (copied >= target || (peek && copied)) /* a peek ends with the queue */
                break;
            if (s->inet & INET_FIN) /* TCP: the peer's FIN ends reading before any error */
                break;
            if (s->err)
                return copied ? (int32_t)copied : sock_take_error(s);
            if (s->shutdown & RCV_SHUTDOWN)
                break;
            int32_t err = sock_io_wait(f, io, false);
            return copied ? (int32_t)copied : err; /* nothing else can come meanwhile */
        }
        if (copied && (m == s->oob || m->off == m->len))
            break; /* a read stops at the mark, or where a taken urgent byte was */
        if (!stream_mark(s, &m, peek))
            continue;
        if ((s->opts & SOCK_PASSCRED) && !tcp && copied && !same_cred(&m->cred, &first_cred))
            break;
        first_cred = m->cred;
        uint32_t n = m->len - m->off < io->len - copied ? m->len - m->off : io->len - copied;
        if (msg_copy(m, m->off, &c, n, true))
            return copied ? (int32_t)copied : -EFAULT;
        if (!copied)
            deliver_name(s, m, io);
        bool fds = deliver_fds(m, io, peek);
        copied += n;
        if (peek) {
            m = m->next;
        } else if ((m->off += n) == m->len) {
            m = sock_free_head(s);
        }
        if (fds || copied == io->len)
            break;
    }
    return (int32_t)copied;
}

int32_t sock_recv(struct file *f, struct sock_io *io)
{
    struct sock *s = f->sock;
    io->msg_flags = io->flags & MSG_CMSG_CLOEXEC;
    return s->type == SOCK_STREAM ? recv_stream(f, s, io) : recv_dgram(f, s, io);
}

int32_t sock_rw(struct file *f, struct sock_io *io, bool write)
{
    if (!write && !io->len)
        return 0;
    int32_t n = write ? sock_send(f, io) : sock_recv(f, io);
    if (io->fds)
        sock_fds_put(io->fds, io->nfds);
    return n;
}

uint32_t sock_poll(const struct file *f)
{
    inet_resend(f->sock);
    const struct sock *s = f->sock, *o = s->peer;
    uint32_t ev = (s->err ? POLLERR : 0) | (s->shutdown == SHUTDOWN_MASK ? POLLHUP : 0) |
                  (s->shutdown & RCV_SHUTDOWN ? POLLRDHUP | POLLIN | POLLRDNORM : 0) |
                  (s->head ? POLLIN | POLLRDNORM : 0) | (s->oob ? POLLPRI : 0);
    bool syn_sent = s->inet & INET_SYN_SENT;
    if (s->type != SOCK_DGRAM && s->state == SS_CLOSED && !syn_sent)
        ev |= POLLHUP;
    bool writable = s->state != SS_LISTEN && !syn_sent && s->wmem <= send_room(s) / 4;
    if (s->type != SOCK_STREAM && o && o->peer != s && o->count > o->backlog)
        writable = false;
    bool tcp = s->family == AF_INET && s->type == SOCK_STREAM; /* no POLLWRBAND */
    return ev | (writable ? POLLOUT | POLLWRNORM | (tcp ? 0 : POLLWRBAND) : 0);
}

bool sock_at_mark(const struct sock *s)
{
    return s->head && s->head == s->oob;
}

int32_t sock_queued(const struct sock *s, bool out)
{
    if (s->family == AF_NETLINK)
        return -ENOTTY; /* netlink has no ioctls of its own */
    if (s->state == SS_LISTEN && (!out || s->family == AF_INET))
        return -EINVAL;
    if (out) /* the loopback acknowledges at once: TCP and UDP have nothing unsent */
        return s->family == AF_INET ? 0 : (int32_t)s->wmem;
    if (s->type == SOCK_DGRAM)
        return s->head ? (int32_t)s->head->len : 0;
    uint32_t n = 0;
    for (const struct msg *m = s->head; m; m = m->next)
        n += m->len - m->off;
    if (s->family == AF_INET && s->oob && !(s->opts & SOCK_OOBINLINE))
        n--; /* TCP's urgent byte is not in line */
    return (int32_t)n;
}
