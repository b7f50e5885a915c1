/* The socket calls but the sending and receiving ones: socket, socketpair, bind, connect,
   listen, accept, accept4, getsockname, getpeername and shutdown, checked in Linux's order
   (net/socket.c), and i386's socketcall, which multiplexes them all. AF_UNIX and AF_INET
   exist: other families are EAFNOSUPPORT, as on a Linux built without them. */
#include "kernel/sys_socket.h"
#include "kernel/errno.h"
#include "kernel/socket.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define SOCK_MAX 11

int sock_fd(uint32_t fd, struct file **out)
{
    struct file *f = fd_get(fd);
    if (!f || (f->flags & O_PATH))
        return -EBADF;
    if (!f->sock)
        return -ENOTSOCK;
    *out = f;
    return 0;
}

int sock_addr_from_user(uaddr_t uaddr, int32_t len, struct sock_addr *a)
{
    if (len < 0 || len > SOCKADDR_MAX)
        return -EINVAL;
    *a = (struct sock_addr){.len = (uint32_t)len};
    return len && copy_from_user(a->bytes, uaddr, (uint32_t)len) ? -EFAULT : 0;
}

int sock_addr_to_user(const struct sock_addr *a, uaddr_t uaddr, uaddr_t ulen)
{
    int32_t len;
    if (copy_from_user(&len, ulen, sizeof(len)))
        return -EFAULT;
    if (len > (int32_t)a->len)
        len = (int32_t)a->len;
    if (len < 0)
        return -EINVAL;
    if (len && copy_to_user(uaddr, a->bytes, (uint32_t)len))
        return -EFAULT;
    return copy_to_user(ulen, &a->len, sizeof(a->len));
}

/* socket's and socketpair's arguments, as __sock_create checks them: the type without its
   flags, SOCK_RAW as SOCK_DGRAM (unix_create). */
static int check_args(uint32_t domain, uint32_t *type, uint32_t protocol)
{
    uint32_t flags = *type & ~(uint32_t)SOCK_TYPE_MASK;
    if (flags & ~(uint32_t)(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    uint32_t t = *type & SOCK_TYPE_MASK;
    if (domain >= AF_MAX)
        return -EAFNOSUPPORT;
    if (t >= SOCK_MAX)
        return -EINVAL;
    *type = t;
    if (domain == AF_INET)
        return inet_check(t, protocol);
    if (domain == AF_NETLINK)
        return netlink_check(t, protocol);
    if (domain != AF_UNIX)
        return -EAFNOSUPPORT;
    if (protocol && protocol != AF_UNIX)
        return -EPROTONOSUPPORT;
    if (t == SOCK_RAW)
        t = SOCK_DGRAM;
    if (t != SOCK_STREAM && t != SOCK_DGRAM && t != SOCK_SEQPACKET)
        return -ESOCKTNOSUPPORT;
    *type = t;
    return 0;
}

sword_t sys_socket(uint32_t domain, uint32_t type, uint32_t protocol)
{
    uint32_t flags = type;
    int err = check_args(domain, &type, protocol);
    struct file *f;
    if (err || (err = sock_create(domain, type, protocol, flags, &f)))
        return err;
    return fd_install(f, 0, flags & SOCK_CLOEXEC);
}

/* As Linux's: the descriptors are chosen and written to sv before anything is made. */
sword_t sys_socketpair(uint32_t domain, uint32_t type, uint32_t protocol, uaddr_t usv)
{
    uint32_t flags = type;
    if (flags & ~(uint32_t)(SOCK_NONBLOCK | SOCK_CLOEXEC | SOCK_TYPE_MASK))
        return -EINVAL;
    int sv[2] = {fd_free_slot(0), -1};
    if (sv[0] < 0 || (sv[1] = fd_free_slot((uint32_t)sv[0] + 1)) < 0)
        return -EMFILE;
    if (copy_to_user(usv, sv, sizeof(sv)))
        return -EFAULT;
    struct file *a, *b;
    int err = check_args(domain, &type, protocol);
    if (!err && domain != AF_UNIX)
        err = -EOPNOTSUPP; /* sock_no_socketpair */
    if (err || (err = sock_create_pair(type, flags, &a, &b)))
        return err;
    fd_install(a, 0, flags & SOCK_CLOEXEC);
    fd_install(b, 0, flags & SOCK_CLOEXEC);
    return 0;
}

/* bind's and connect's: the socket, then the address. */
static int fd_and_addr(uint32_t fd, uaddr_t uaddr, uint32_t len, struct file **f,
                       struct sock_addr *a)
{
    int err = sock_fd(fd, f);
    return err ? err : sock_addr_from_user(uaddr, (int32_t)len, a);
}

sword_t sys_bind(uint32_t fd, uaddr_t uaddr, uint32_t len)
{
    struct sock_addr a;
    struct file *f;
    int err = fd_and_addr(fd, uaddr, len, &f, &a);
    if (err)
        return err;
    return sock_bind(sock_of(f), &a);
}

sword_t sys_connect(uint32_t fd, uaddr_t uaddr, uint32_t len)
{
    struct sock_addr a;
    struct file *f;
    int err = fd_and_addr(fd, uaddr, len, &f, &a);
    return err ? err : sock_connect(f, &a);
}

sword_t sys_listen(uint32_t fd, uint32_t backlog)
{
    struct file *f;
    int err = sock_fd(fd, &f);
    return err ? err : sock_listen(sock_of(f), (int32_t)backlog);
}

/* The flags first, then the descriptor, then one free for the new socket, as Linux's. If
   the peer's name cannot be written, the connection is closed. */
sword_t sys_accept4(uint32_t fd, uaddr_t uaddr, uaddr_t ulen, uint32_t flags)
{
    if (flags & ~(uint32_t)(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    struct file *f = fd_get(fd), *n;
    if (!f || (f->flags & O_PATH))
        return -EBADF;
    if (fd_free_slot(0) < 0)
        return -EMFILE;
    if (!f->sock)
        return -ENOTSOCK;
    struct sock_addr peer;
    int err = sock_accept(f, flags, &n, &peer);
    if (err)
        return err;
    if (uaddr && (err = sock_addr_to_user(&peer, uaddr, ulen))) {
        file_put(n);
        return err;
    }
    return fd_install(n, 0, flags & SOCK_CLOEXEC);
}

sword_t sys_accept(uint32_t fd, uaddr_t uaddr, uaddr_t ulen)
{
    return sys_accept4(fd, uaddr, ulen, 0);
}

static sword_t get_name(uint32_t fd, uaddr_t uaddr, uaddr_t ulen, bool peer)
{
    struct sock_addr a;
    struct file *f;
    int err = sock_fd(fd, &f);
    if (!err)
        err = sock_name(sock_of(f), peer, &a);
    return err ? err : sock_addr_to_user(&a, uaddr, ulen);
}

sword_t sys_getsockname(uint32_t fd, uaddr_t uaddr, uaddr_t ulen)
{
    return get_name(fd, uaddr, ulen, false);
}

sword_t sys_getpeername(uint32_t fd, uaddr_t uaddr, uaddr_t ulen)
{
    return get_name(fd, uaddr, ulen, true);
}

sword_t sys_shutdown(uint32_t fd, uint32_t how)
{
    struct file *f;
    int err = sock_fd(fd, &f);
    return err ? err : sock_shutdown(sock_of(f), how);
}

/* i386's socketcall: call 1..20 (SYS_SOCKET .. SYS_SENDMMSG), its arguments an array of 4-byte
   longs, as many as the call takes (Linux's nargs). Each handler is called with six, those past
   its own ignored, as the x86_64 tables call theirs (ia32.c); those the array leaves out are 0,
   so that accept is accept4 without flags, and send and recv are sendto and recvfrom without an
   address: a table of 20 pointers, not a switch that loads each call's arguments. */
typedef sword_t socketcall_fn(word_t, word_t, word_t, word_t, word_t, word_t);
#define CALL(f) (socketcall_fn *)(void (*)(void))(f)

sword_t sys_socketcall(uint32_t call, uaddr_t uargs)
{
    /* clang-format off */
    static const uint8_t nargs[20] = {3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4};
    static socketcall_fn *const calls[20] = {
        CALL(sys_socket), CALL(sys_bind), CALL(sys_connect), CALL(sys_listen), CALL(sys_accept4),
        CALL(sys_getsockname), CALL(sys_getpeername), CALL(sys_socketpair), CALL(sys_sendto),
        CALL(sys_recvfrom), CALL(sys_sendto), CALL(sys_recvfrom), CALL(sys_shutdown),
        CALL(sys_setsockopt), CALL(sys_getsockopt), CALL(sys_sendmsg), CALL(sys_recvmsg),
        CALL(sys_accept4), CALL(sys_recvmmsg), CALL(sys_sendmmsg)};
    /* clang-format on */
    uint32_t a[6] = {0};
    if (call - 1 >= 20)
        return -EINVAL;
    if (copy_from_user(a, uargs, nargs[call - 1] * sizeof(a[0])))
        return -EFAULT;
    return calls[call - 1](a[0], a[1], a[2], a[3], a[4], a[5]);
}
