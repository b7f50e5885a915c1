/* AF_UNIX sockets: their life, their names (a node in the tree, or the abstract namespace),
   listening, connecting and accepting, shutdown and options, as Linux's af_unix.c. With one
   process, nothing else can read, write, accept or connect: where Linux would block, moat
   waits for a signal (or the socket's timeout). Descriptors sent over sockets can form cycles
   that no descriptor reaches; the collector (sock_collect) frees them, as Linux's unix_gc. */
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/fs.h"
#include "kernel/ipc.h"
#include "kernel/kmalloc.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/socket_impl.h"
#include "kernel/string.h"

struct sock *all_socks;
static struct sock *dying; /* released sockets whose queues are still to purge */
static bool releasing;
static uint32_t gc_held; /* drops under way (a release, a batch of descriptors, a collection) */
static bool gc_due;      /* one of them left a socket that messages alone may hold */
static uint32_t next_autobind;

struct sock *sock_of(const struct file *f)
{
    return f->sock;
}

void sock_get(struct sock *s)
{
    s->refs++;
}

void sock_put(struct sock *s)
{
    if (--s->refs)
        return;
    if ((*s->pprev = s->next))
        s->next->pprev = s->pprev;
    sock_name_del(s); /* a raw socket, named from the start, may go before any release */
    kfree(s->addr, sizeof(*s->addr));
    kfree(s, sizeof(*s));
}

void sock_own_cred(struct ucred_k *c)
{
    *c = (struct ucred_k){.pid = APP_PID, .uid = cred.uid, .gid = cred.gid};
}

/* SO_PEERCRED's: the effective ids, as Linux's cred_to_ucred. */
static void peer_cred_now(struct ucred_k *c)
{
    *c = (struct ucred_k){.pid = APP_PID, .uid = cred.euid, .gid = cred.egid};
}

struct sock *sock_alloc(uint32_t family, uint32_t type, uint32_t protocol)
{
    struct sock *s = kmalloc(sizeof(*s));
    if (!s)
        return NULL;
    s->type = (uint8_t)type;
    s->family = AF_UNIX;
    s->sndbuf = s->rcvbuf = SNDBUF_DEFAULT;
    s->backlog = MAX_DGRAM_QLEN;
    s->rcvlowat = 1;
    s->peercred.uid = s->peercred.gid = UINT32_MAX; /* none yet: -1 */
    s->refs = 1;
    if ((s->next = all_socks))
        all_socks->pprev = &s->next;
    s->pprev = &all_socks;
    all_socks = s;
    if (family == AF_INET)
        inet_init(s, protocol);
    else if (family == AF_NETLINK)
        netlink_init(s, type);
    return s;
}

/* An open file for s: its own node, S_IFSOCK and open to all, as sockfs's inodes. */
static int sock_file(struct sock *s, uint32_t flags, struct file **out)
{
    struct vnode *n = vfs_new(S_IFSOCK | 0777);
    if (n)
        cred_init_owner(n, NULL);
    struct file *f = n ? file_new(n, O_RDWR | (flags & SOCK_NONBLOCK)) : NULL;
    if (!f) {
        if (n)
            vfs_put(n);
        return -ENOMEM;
    }
    f->sock = s;
    s->file = f;
    *out = f;
    return 0;
}

int sock_create(uint32_t family, uint32_t type, uint32_t protocol, uint32_t flags,
                struct file **out)
{
    struct sock *s = sock_alloc(family, type, protocol);
    if (!s)
        return -ENOMEM;
    int err = sock_file(s, flags, out);
    if (err)
        sock_put(s);
    return err;
}

static void connect_pair(struct sock *a, struct sock *b)
{
    a->peer = b;
    b->peer = a;
    sock_get(a);
    sock_get(b);
    a->state = b->state = SS_CONNECTED;
}

int sock_create_pair(uint32_t type, uint32_t flags, struct file **a, struct file **b)
{
    int err = sock_create(AF_UNIX, type, 0, flags, a);
    if (err)
        return err;
    if ((err = sock_create(AF_UNIX, type, 0, flags, b))) {
        file_put(*a);
        return err;
    }
    connect_pair((*a)->sock, (*b)->sock);
    peer_cred_now(&(*a)->sock->peercred);
    peer_cred_now(&(*b)->sock->peercred);
    return 0;
}

/* Names. */

static bool same_name(const struct sock_addr *x, const struct sock_addr *y)
{
    return x->len == y->len && !memcmp(x->bytes, y->bytes, x->len);
}

/* The abstract namespace's names, in lists by a hash of the name, as Linux hashes them: a
   lookup walks one list. */
#define NAME_LISTS 256
static struct sock *sock_names[NAME_LISTS];

static struct sock **names_for(const struct sock_addr *a)
{
    uint32_t h = 0;
    for (uint32_t i = 0; i < a->len; i++)
        h = h * 31 + a->bytes[i];
    return &sock_names[h % NAME_LISTS];
}

/* Each type has a namespace of its own, as Linux hashes the type in. */
static struct sock *abstract_lookup(const struct sock_addr *a, uint32_t type)
{
    struct sock *s = *names_for(a);
    while (s && !(s->type == type && same_name(s->addr, a)))
        s = s->next_name;
    return s;
}

/* The list of names s is in: AF_INET's, by port, or the abstract namespace's. */
static struct sock **names_of(const struct sock *s)
{
    return s->family == AF_INET ? inet_names(s) : names_for(s->addr);
}

void sock_name_add(struct sock *s)
{
    struct sock **head = names_of(s);
    if ((s->next_name = *head))
        (*head)->pname = &s->next_name;
    s->pname = head;
    *head = s;
}

void sock_name_del(struct sock *s)
{
    if (!s->pname)
        return;
    if ((*s->pname = s->next_name))
        s->next_name->pname = s->pname;
    s->pname = NULL;
}

static int set_name(struct sock *s, const struct sock_addr *a)
{
    if (!(s->addr = kmalloc(sizeof(*a))))
        return -ENOMEM;
    *s->addr = *a;
    if (!a->bytes[SUN_PATH_OFFSET])
        sock_name_add(s);
    return 0;
}

/* "\0" and five hex digits, the first free one from a counter, as Linux's unix_autobind. */
int sock_autobind(struct sock *s)
{
    if (s->addr)
        return 0;
    struct sock_addr a = {.len = SUN_PATH_OFFSET + 6, .bytes = {AF_UNIX}};
    for (uint32_t tries = 0; tries <= 0xFFFFF; tries++) {
        uint32_t n = next_autobind++ & 0xFFFFF;
        for (int i = 0; i < 5; i++)
            a.bytes[SUN_PATH_OFFSET + 5 - i] = (uint8_t) "0123456789abcdef"[n >> (4 * i) & 0xF];
        if (!abstract_lookup(&a, s->type))
            return set_name(s, &a);
    }
    return -ENOSPC;
}

/* A path's node is made, as mknod makes one, before Linux looks whether the socket has a
   name (then it goes again: EINVAL); an existing node is EADDRINUSE. */
static int bind_path(struct sock *s, const struct sock_addr *a)
{
    const char *path = (const char *)a->bytes + SUN_PATH_OFFSET;
    struct lookup l;
    struct vnode *n;
    int err = fs_lookup_kernel(path, 0, &l);
    if (!err)
        err = fs_create(&l, S_IFSOCK | (0777 & ~fs.umask), &n);
    if (err)
        return err == -EEXIST ? -EADDRINUSE : err;
    if (s->addr || (err = set_name(s, a))) {
        vfs_unlink(l.dir, l.name);
        return s->addr ? -EINVAL : err;
    }
    s->addr->len = SUN_PATH_OFFSET + (uint32_t)strlen(path) + 1; /* with the NUL, as Linux's */
    n->sock = s;
    vfs_get(n);
    s->path = n;
    return 0;
}

bool sock_addr_ok(const struct sock_addr *a, bool bare)
{
    return a->len >= SUN_PATH_OFFSET + (bare ? 0u : 1u) && a->len <= SUN_LEN_MAX &&
           a->bytes[0] == AF_UNIX && !a->bytes[1];
}

int sock_bind(struct sock *s, const struct sock_addr *a)
{
    if (s->family == AF_INET)
        return inet_bind(s, a);
    if (s->family == AF_NETLINK)
        return netlink_bind(s, a);
    if (!sock_addr_ok(a, true))
        return -EINVAL;
    if (a->len == SUN_PATH_OFFSET)
        return sock_autobind(s);
    if (a->bytes[SUN_PATH_OFFSET])
        return bind_path(s, a);
    if (s->addr)
        return -EINVAL;
    return abstract_lookup(a, s->type) ? -EADDRINUSE : set_name(s, a);
}

int sock_find(const struct sock_addr *a, uint32_t type, struct sock **out)
{
    struct sock *o = NULL;
    if (a->bytes[SUN_PATH_OFFSET]) {
        struct vnode *n;
        int err = fs_node_kernel((const char *)a->bytes + SUN_PATH_OFFSET, &n, NULL);
        if (!err)
            err = cred_permission(n, MAY_WRITE);
        if (err)
            return err;
        if (S_ISSOCK(n->mode))
            o = n->sock;
    } else {
        o = abstract_lookup(a, type);
    }
    if (!o)
        return -ECONNREFUSED;
    if (o->type != type)
        return -EPROTOTYPE;
    *out = o;
    return 0;
}

int sock_name(const struct sock *s, int peer, struct sock_addr *out)
{
    if (s->family == AF_INET)
        return inet_name(s, peer, out);
    if (s->family == AF_NETLINK) {
        netlink_name(s, peer, out);
        return 0;
    }
    if (peer && !(s = s->peer))
        return -ENOTCONN;
    if (s->addr)
        *out = *s->addr;
    else
        *out = (struct sock_addr){.len = SUN_PATH_OFFSET, .bytes = {AF_UNIX}};
    return 0;
}

void sock_set_error(struct sock *s, int32_t err)
{
    s->err = err;
}

/* Waiting. */

/* ipc_wait's wait, but that an untimed one is restarted (sock_intr_errno: a timed wait is
   not). */
int sock_wait(struct sock *s, bool send, bool nonblock)
{
    uint64_t timeout = s->timeo[send];
    if (nonblock)
        return -EAGAIN;
    int err = ipc_wait(timeout);
    return timeout ? err : -ERESTARTSYS;
}

/* Connections. */

int sock_listen(struct sock *s, int32_t backlog)
{
    if (s->type == SOCK_DGRAM)
        return -EOPNOTSUPP;
    if ((!s->addr && s->family == AF_UNIX) || (s->state != SS_CLOSED && s->state != SS_LISTEN))
        return -EINVAL;
    int err = s->family == AF_INET ? inet_listen(s) : 0;
    if (err)
        return err;
    s->backlog = (uint32_t)backlog > SOMAXCONN ? SOMAXCONN : (uint32_t)backlog;
    s->state = SS_LISTEN;
    if (s->family == AF_UNIX)
        peer_cred_now(&s->peercred);
    else
        inet_room(s); /* its queue may take connects whose SYNs were dropped */
    return 0;
}

/* A connection request on the listener's queue, with the socket accept will hand out, as
   Linux's unix_stream_connect makes it: connected to s from the start, named as the listener
   (an AF_INET one is a bound socket of its own: inet.c names it). */
int sock_request(struct sock *s, struct sock *listener)
{
    struct sock *embryo = sock_alloc(listener->family, s->type, 0);
    struct msg *m = embryo ? kmalloc(sizeof(*m)) : NULL;
    if (m && listener->addr && !(embryo->addr = kmalloc(sizeof(*embryo->addr))))
        kfree(m, sizeof(*m)), m = NULL;
    if (!m) {
        if (embryo)
            sock_put(embryo);
        return -ENOMEM;
    }
    if (listener->addr)
        *embryo->addr = *listener->addr;
    connect_pair(s, embryo);
    if (s->family == AF_UNIX) {
        peer_cred_now(&embryo->peercred);
        s->peercred = listener->peercred;
    } else {
        sock_name_add(embryo);
    }
    m->conn = embryo;
    sock_link(listener, m);
    return 0;
}

static int connect_stream(struct file *f, struct sock *s, const struct sock_addr *a)
{
    int err;
    if ((s->opts & SOCK_PASSCRED) && (err = sock_autobind(s)))
        return err;
    for (;;) {
        struct sock *o;
        if ((err = sock_find(a, s->type, &o)))
            return err;
        if (o->state != SS_LISTEN || (o->shutdown & RCV_SHUTDOWN))
            return -ECONNREFUSED;
        if (o->count <= o->backlog) {
            if (s->state != SS_CLOSED)
                return s->state == SS_CONNECTED ? -EISCONN : -EINVAL;
            return sock_request(s, o);
        }
        if ((err = sock_wait(s, true, f->flags & O_NONBLOCK)))
            return err;
    }
}

void sock_dgram_disconnected(struct sock *s, struct sock *old)
{
    if (!s->head)
        return;
    sock_purge(s);
    if (old->state != SS_DEAD && old->peer == s)
        old->err = ECONNRESET;
}

static int connect_dgram(struct sock *s, const struct sock_addr *a)
{
    struct sock *o = NULL, *old = s->peer;
    if (a->bytes[0] != AF_UNSPEC || a->bytes[1]) {
        int err;
        if ((s->opts & SOCK_PASSCRED) && (err = sock_autobind(s)))
            return err;
        if ((err = sock_find(a, s->type, &o)))
            return err;
        if (o->peer && o->peer != s)
            return -EPERM; /* it takes datagrams from its own peer only */
        sock_get(o);
    }
    s->peer = o;
    s->state = o ? SS_CONNECTED : SS_CLOSED;
    if (old) {
        if (old != o)
            sock_dgram_disconnected(s, old);
        sock_put(old);
    }
    return 0;
}

int sock_connect(struct file *f, const struct sock_addr *a)
{
    struct sock *s = f->sock;
    if (s->family == AF_INET)
        return inet_connect(f, a);
    if (s->family == AF_NETLINK)
        return netlink_connect(s, a);
    bool unspec = a->len >= 2 && a->bytes[0] == AF_UNSPEC && !a->bytes[1];
    if (s->type == SOCK_DGRAM && unspec)
        return connect_dgram(s, a);
    if (!sock_addr_ok(a, false))
        return -EINVAL;
    return s->type == SOCK_DGRAM ? connect_dgram(s, a) : connect_stream(f, s, a);
}

int sock_accept(struct file *f, uint32_t flags, struct file **out, struct sock_addr *peer)
{
    struct sock *s = f->sock;
    if (s->type == SOCK_DGRAM)
        return -EOPNOTSUPP;
    if (s->state != SS_LISTEN)
        return -EINVAL;
    int err;
    while (!s->head) {
        if (s->shutdown & RCV_SHUTDOWN)
            return -EINVAL;
        if ((err = sock_wait(s, false, f->flags & O_NONBLOCK)))
            return err;
    }
    struct sock *n = s->head->conn;
    if ((err = sock_file(n, flags, out)))
        return err; /* it stays queued */
    s->head->conn = NULL;
    sock_free_head(s);
    if (s->family == AF_INET)
        inet_room(s);
    n->opts |= s->opts & SOCK_PASSCRED; /* unix_sock_inherit_flags (a TCP one has it already) */
    return sock_name(n, 2, peer);
}

int sock_shutdown(struct sock *s, uint32_t how)
{
    if (how > 2)
        return -EINVAL;
    if (s->family == AF_NETLINK)
        return -EOPNOTSUPP;            /* sock_no_shutdown */
    uint8_t mode = (uint8_t)(how + 1); /* SHUT_RD, SHUT_WR, SHUT_RDWR: 1, 2, 3 */
    if (s->family == AF_INET)
        return inet_shutdown(s, mode);
    s->shutdown |= mode;
    sock_wake(s);
    struct sock *o = s->peer;
    if (o && s->type != SOCK_DGRAM) {
        o->shutdown |= (uint8_t)((mode & RCV_SHUTDOWN ? SEND_SHUTDOWN : 0) |
                                 (mode & SEND_SHUTDOWN ? RCV_SHUTDOWN : 0));
        sock_wake(o);
    }
    return 0;
}

void sock_peer_end(struct sock *s, bool reset)
{
    struct sock *o = s->peer;
    if (!o)
        return;
    if (s->type != SOCK_DGRAM) {
        sock_wake(o);
        if (s->family == AF_UNIX)
            o->shutdown = SHUTDOWN_MASK;
        else if (reset)
            inet_reset(o);
        else
            inet_fin(o);
        if (reset)
            o->err = ECONNRESET;
    }
    sock_put(o);
    s->peer = NULL;
}

/* Release: the last open file, or a request nobody will accept (embryo), is gone, as
   unix_release_sock. Its name goes; a connected peer sees the end (and ECONNRESET if this one
   left data unread, or was a request, or lingers for no time: an abortive close); its queue goes,
   descriptors and requests with it. Purging may release other sockets: they wait on the dying list,
   so that a long chain of sockets inside sockets needs no recursion. */
void sock_release(struct sock *s, bool embryo)
{
    if (s->path) {
        s->path->sock = NULL;
        vfs_put(s->path);
        s->path = NULL;
    }
    sock_name_del(s);
    sock_peer_end(s, s->head || embryo || (s->linger[0] && !s->linger[1]));
    s->state = SS_DEAD;
    s->shutdown = SHUTDOWN_MASK;
    s->file = NULL;
    s->next_name = dying;
    dying = s;
    if (releasing)
        return;
    releasing = true;
    sock_gc_hold();
    while ((s = dying)) {
        dying = s->next_name;
        sock_purge(s); /* may add to dying */
        sock_put(s);
    }
    releasing = false;
    sock_gc_let();
}

void sock_close(struct file *f)
{
    sock_release(f->sock, false);
}

/* The collector, as Linux's unix_gc: a socket whose file only messages hold, in queues that
   no descriptor can reach, will never be read. Mark what descriptors reach, then, through a
   list of those still to look at (once each, however deep sockets nest), what the marked
   sockets' queues carry; the AF_UNIX sockets that messages hold besides are garbage: their
   queues go (which drops the references that kept them, and closes what else they carried). */
static void mark(struct sock *c, struct sock **frontier)
{
    if (c && !c->mark) {
        c->mark = true;
        c->next_gc = *frontier;
        *frontier = c;
    }
}

static void sock_collect(void)
{
    gc_held++; /* its own purges drop references too */
    struct sock *frontier = NULL, *s;
    for (s = all_socks; s; s = s->next) {
        s->mark = false;
        if (s->file && s->file->refs > s->inflight)
            mark(s, &frontier);
    }
    while ((s = frontier)) {
        frontier = s->next_gc;
        for (struct msg *m = s->state != SS_DEAD ? s->head : NULL; m; m = m->next) {
            mark(m->conn, &frontier);
            for (uint32_t i = 0; i < m->nfds; i++)
                mark(m->fds[i]->sock, &frontier);
        }
    }
    /* Hold each garbage socket and its file while the queues go, then let them go. */
    struct sock *garbage = NULL;
    for (s = all_socks; s; s = s->next)
        if (!s->mark && s->file && s->inflight && s->family == AF_UNIX) {
            s->file->refs++;
            sock_get(s);
            s->next_gc = garbage;
            garbage = s;
        }
    for (s = garbage; s; s = s->next_gc)
        sock_purge(s);
    while ((s = garbage)) {
        garbage = s->next_gc;
        file_put(s->file);
        sock_put(s);
    }
    gc_due = false; /* what its purges dropped was garbage too, or is still reached */
    gc_held--;
}

void sock_gc_hold(void)
{
    gc_held++;
}

void sock_gc_let(void)
{
    if (!--gc_held && gc_due)
        sock_collect();
}

/* A reference to a socket's file went, others stay: if only messages hold it now, it may be
   garbage. Only AF_UNIX sockets carry descriptors, so only they close a cycle (Linux's
   collector sees no other sockets). The collector looks when a socket is next released or
   descriptors next go in flight, as Linux's, not at each close: an app that parks n sockets
   in messages would pay for n collections. */
void sock_file_dropped(struct file *f)
{
    if (f->sock->family == AF_UNIX && f->sock->inflight && f->refs == f->sock->inflight)
        gc_due = true;
}

void sock_gc_sending(void)
{
    sock_gc_hold(); /* with nothing held, a hold's end is the collector's turn */
    sock_gc_let();
}

/* /proc/net/unix, as Linux's unix_seq_show: each socket not yet released, with its references
   (its file and the table's, and a peer's that points at it), whether it listens, its type,
   its state (a connection accept has yet to take: connecting, with no inode) and its name
   (an abstract one with @ for each NUL). Its address (%pK) is zeros, as an unprivileged reader
   sees it. */
void sock_proc_unix(void)
{
    proc_put_packed("Num\207RefCount Protocol Flags\204Type St Inode Path\n");
    for (const struct sock *s = all_socks; s; s = s->next) {
        if (s->family != AF_UNIX || s->state == SS_DEAD)
            continue;
        uint32_t refs = 2;
        for (const struct sock *o = all_socks; o; o = o->next)
            refs += o->peer == s && o->state != SS_DEAD;
        bool conn = s->state == SS_CONNECTED;
        proc_put("%s: %08X 00000000 %08X %04X %02X %5u", PROC_KPTR, refs,
                 s->state == SS_LISTEN ? 1u << 16 : 0, s->type, s->file ? (conn ? 3 : 1) : 2,
                 s->file ? s->file->node->ino : 0);
        const uint8_t *p = s->addr ? s->addr->bytes + SUN_PATH_OFFSET : NULL;
        uint32_t len = p ? s->addr->len - SUN_PATH_OFFSET - (p[0] != 0) : 0; /* a path's NUL */
        for (uint32_t i = 0; i < len; i++)
            proc_put(i ? "%c" : " %c", p[i] ? p[i] : '@');
        proc_pad(0);
    }
}
