/* setsockopt and getsockopt: SOL_SOCKET's options, as Linux's sk_setsockopt and
   sk_getsockopt have them (AF_UNIX has no other level: EOPNOTSUPP; AF_INET's are inet.c's).
   Most only read back, as they do on Linux's unix sockets; the buffer sizes, SO_PASSCRED, the
   timeouts and the low-water mark act, and for AF_INET SO_REUSEADDR and SO_REUSEPORT. */
#include <stddef.h>

#include "kernel/abi.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/socket_impl.h"
#include "kernel/sys_socket.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define SOL_SOCKET 1
#define SOL_RAW 255
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_NO_CHECK 11
#define SO_PRIORITY 12
#define SO_LINGER 13
#define SO_BSDCOMPAT 14
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO_OLD 20
#define SO_SNDTIMEO_OLD 21
#define SO_ACCEPTCONN 30
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33
#define SO_PROTOCOL 38
#define SO_DOMAIN 39
#define SO_RCVTIMEO_NEW 66
#define SO_SNDTIMEO_NEW 67

/* The options that are flags, as bits of opts (most only read back). */
#define FLAG_OPTS                                                                                  \
    (1u << SO_DEBUG | 1u << SO_REUSEADDR | 1u << SO_DONTROUTE | 1u << SO_BROADCAST |               \
     1u << SO_KEEPALIVE | 1u << SO_OOBINLINE | 1u << SO_NO_CHECK | 1u << SO_REUSEPORT |            \
     1u << SO_PASSCRED)

static bool timeout_opt(int32_t name, bool *send)
{
    *send = name == SO_SNDTIMEO_OLD || name == SO_SNDTIMEO_NEW;
    return *send || name == SO_RCVTIMEO_OLD || name == SO_RCVTIMEO_NEW;
}

/* A timeout: the old options take the ABI's struct timeval (two longs), the new ones
   __kernel_sock_timeval (two 64-bit fields). usec outside a second is EDOM; a negative time, no
   wait at all. */
static int set_timeout(struct sock *s, int32_t name, uaddr_t uval, uint32_t len, bool send)
{
    bool old = name == SO_RCVTIMEO_OLD || name == SO_SNDTIMEO_OLD;
    uint32_t size = old ? 2 * abi_long_size() : 16;
    int64_t tv[2];
    if (len < size)
        return -EINVAL;
    if (copy_from_user(tv, uval, size))
        return -EFAULT;
    int64_t sec = tv[0], usec = tv[1];
    if (size == 8) { /* two 32-bit longs */
        int32_t t[2];
        __builtin_memcpy(t, tv, sizeof(t));
        sec = t[0], usec = t[1];
    }
    if (usec < 0 || usec >= 1000000)
        return -EDOM;
    if (sec < 0) /* Linux's 0: no wait at all (1 ns here: 0 is none) */
        s->timeo[send] = 1;
    else if ((uint64_t)sec >= UINT32_MAX) /* past what Linux's jiffies hold: forever */
        s->timeo[send] = 0;
    else
        s->timeo[send] = (uint64_t)sec * NSEC_PER_SEC + (uint64_t)usec * 1000;
    return 0;
}

sword_t sys_setsockopt(uint32_t fd, uint32_t level, uint32_t name, uaddr_t uval, uint32_t len)
{
    struct file *f;
    int err = sock_fd(fd, &f);
    if (err)
        return err;
    if ((int32_t)len < 0)
        return -EINVAL;
    struct sock *s = sock_of(f);
    int32_t v = 0;
    bool send;
    if (level != SOL_SOCKET) { /* IP's options take a byte as well as an int */
        if (s->family == AF_UNIX)
            return -EOPNOTSUPP;
        uint32_t n = len >= sizeof(v) ? sizeof(v) : 1;
        if (level == SOL_RAW && s->family == AF_INET) { /* ICMP_FILTER: len bytes over it */
            inet_getsockopt(s, level, name, &v);
            n = len < sizeof(v) ? len : n;
        }
        if (len && copy_from_user(&v, uval, n))
            return -EFAULT;
        return (s->family == AF_INET ? inet_setsockopt : netlink_setsockopt)(s, level, name, v,
                                                                             len);
    }
    if (len < sizeof(v))
        return -EINVAL;
    if (copy_from_user(&v, uval, sizeof(v)))
        return -EFAULT;
    if (name < 32 && (FLAG_OPTS >> name & 1)) {
        if (name == SO_DEBUG && v && !capable(CAP_NET_ADMIN))
            return -EACCES;
        s->opts = v ? s->opts | 1u << name : s->opts & ~(1u << name);
        return 0;
    }
    if (timeout_opt((int32_t)name, &send))
        return set_timeout(s, (int32_t)name, uval, len, send);
    switch (name) {
    case SO_SNDBUFFORCE:
    case SO_RCVBUFFORCE:
        if (!capable(CAP_NET_ADMIN))
            return -EPERM;
        __attribute__((fallthrough)); /* without the clamp */
    case SO_SNDBUF:
    case SO_RCVBUF: {
        uint32_t n = (uint32_t)v;
        if (name == SO_SNDBUF || name == SO_RCVBUF)
            n = n > SNDBUF_DEFAULT ? SNDBUF_DEFAULT : n;
        else if (v < 0)
            n = 0; /* the forced forms take no negative size */
        n = n > INT32_MAX / 2 ? INT32_MAX : n * 2;
        bool snd = name == SO_SNDBUF || name == SO_SNDBUFFORCE;
        uint32_t least = snd ? SOCK_MIN_SNDBUF : SOCK_MIN_RCVBUF;
        *(snd ? &s->sndbuf : &s->rcvbuf) = n < least ? least : n;
        return 0;
    }
    case SO_PRIORITY:
        if ((v < 0 || v > 6) && !capable(CAP_NET_RAW) && !capable(CAP_NET_ADMIN))
            return -EPERM;
        s->priority = v;
        return 0;
    case SO_LINGER: {
        int32_t l[2];
        if (len < sizeof(l))
            return -EINVAL;
        if (copy_from_user(l, uval, sizeof(l)))
            return -EFAULT;
        s->linger[0] = l[0] != 0;
        if (l[0])
            s->linger[1] = l[1];
        return 0;
    }
    case SO_RCVLOWAT:
        s->rcvlowat = v < 0 ? INT32_MAX : v ? v : 1;
        return 0;
    case SO_BSDCOMPAT:
        return 0;
    }
    return -ENOPROTOOPT;
}

/* An option's value, in *size bytes at most of buf: -ENOPROTOOPT for an unknown one. */
static int get_value(struct sock *s, int32_t name, uint8_t *buf, uint32_t *size)
{
    int32_t v;
    bool send;
    if (timeout_opt(name, &send)) {
        uint64_t t = s->timeo[send] == 1 ? 0 : s->timeo[send];
        int64_t sec = (int64_t)(t / NSEC_PER_SEC), usec = (int64_t)(t % NSEC_PER_SEC / 1000);
        if (name == SO_RCVTIMEO_NEW || name == SO_SNDTIMEO_NEW || abi_long_size() == 8) {
            int64_t tv[2] = {sec, usec};
            __builtin_memcpy(buf, tv, *size = sizeof(tv));
        } else {
            int32_t tv[2] = {(int32_t)sec, (int32_t)usec};
            __builtin_memcpy(buf, tv, *size = sizeof(tv));
        }
        return 0;
    }
    if (name == SO_PEERCRED) {
        __builtin_memcpy(buf, &s->peercred, *size = sizeof(s->peercred));
        return 0;
    }
    if (name == SO_LINGER) {
        __builtin_memcpy(buf, s->linger, *size = sizeof(s->linger));
        return 0;
    }
    /* The options that read back an int of the socket's as it is. */
    static const struct {
        uint8_t name, at;
    } plain[] = {{SO_SNDBUF, offsetof(struct sock, sndbuf)},
                 {SO_RCVBUF, offsetof(struct sock, rcvbuf)},
                 {SO_PRIORITY, offsetof(struct sock, priority)},
                 {SO_RCVLOWAT, offsetof(struct sock, rcvlowat)}};
    for (uint32_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
        if (plain[i].name == name) {
            __builtin_memcpy(buf, (const uint8_t *)s + plain[i].at, *size = sizeof(v));
            return 0;
        }
    if (name < 32 && (FLAG_OPTS >> name & 1)) {
        v = s->opts >> name & 1;
    } else {
        switch (name) {
        case SO_TYPE:
            v = s->family == AF_NETLINK ? (int32_t)netlink_type(s) : s->proto ? SOCK_RAW : s->type;
            break;
        case SO_ERROR:
            v = s->err;
            s->err = 0;
            break;
        case SO_SNDLOWAT:
            v = 1;
            break;
        case SO_ACCEPTCONN:
            v = s->state == SS_LISTEN;
            break;
        case SO_PROTOCOL:
            v = s->family != AF_INET     ? 0
                : s->proto               ? s->proto
                : s->type == SOCK_STREAM ? IPPROTO_TCP
                                         : IPPROTO_UDP;
            break;
        case SO_DOMAIN:
            v = s->family;
            break;
        case SO_BSDCOMPAT:
            v = 0;
            break;
        default:
            return -ENOPROTOOPT;
        }
    }
    __builtin_memcpy(buf, &v, *size = sizeof(v));
    return 0;
}

/* As much of the value as the app's length has room for, and that length back (Linux cuts, it
   does not refuse). */
sword_t sys_getsockopt(uint32_t fd, uint32_t level, uint32_t name, uaddr_t uval, uaddr_t ulen)
{
    struct file *f;
    int err = sock_fd(fd, &f);
    if (err)
        return err;
    struct sock *s = sock_of(f);
    if (level != SOL_SOCKET && s->family == AF_UNIX)
        return -EOPNOTSUPP;
    int32_t len;
    if (copy_from_user(&len, ulen, sizeof(len)))
        return -EFAULT;
    if (len < 0)
        return -EINVAL;
    union {
        uint8_t bytes[16];
        int32_t v; /* another level's: an int */
    } buf;
    uint32_t size = sizeof(int32_t);
    if (level == SOL_SOCKET)
        err = get_value(s, (int32_t)name, buf.bytes, &size);
    else
        err = (s->family == AF_INET ? inet_getsockopt : netlink_getsockopt)(s, level, name, &buf.v);
    if (err)
        return err;
    if ((uint32_t)len > size)
        len = (int32_t)size;
    if (copy_to_user(uval, buf.bytes, (uint32_t)len))
        return -EFAULT;
    return copy_to_user(ulen, &len, sizeof(len));
}
