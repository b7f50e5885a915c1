/* Sending and receiving on sockets: sendto, recvfrom, sendmsg, recvmsg, sendmmsg and recvmmsg,
   with their control messages (SCM_RIGHTS and SCM_CREDENTIALS), read and written as Linux's
   __scm_send, put_cmsg and scm_detach_fds do, in the calling ABI's cmsghdr. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/rlimit.h"
#include "kernel/string.h"
#include "kernel/sys_socket.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define SOL_SOCKET 1
#define SCM_RIGHTS 1
#define SCM_CREDENTIALS 2
#define UIO_MAXIOV 1024
#define MSG_CMSG_COMPAT 0x80000000u /* a 64-bit kernel's own: the app may not pass it */
#define MSG_WAITFORONE 0x10000
#define OPTMEM_MAX (2560 * sizeof(word_t)) /* net.core.optmem_max: control data stays below */

static word_t cmsg_align(word_t len)
{
    word_t a = abi_long_size();
    return (len + a - 1) & ~(a - 1);
}

/* SCM_RIGHTS: the descriptors, added to those of earlier ones in the message (io->fds has room
   for SCM_MAX_FD while the control messages are read). */
static int take_fds(uaddr_t data, word_t len, struct sock_io *io)
{
    word_t n = len / sizeof(int32_t);
    if (!n)
        return 0;
    if (io->nfds + n > SCM_MAX_FD) /* n is far from wrapping the sum */
        return -EINVAL;
    if (sock_inflight > rlimit_cur(RLIMIT_NOFILE) && !capable(CAP_SYS_RESOURCE) &&
        !capable(CAP_SYS_ADMIN))
        return -ETOOMANYREFS;
    sock_gc_sending();
    if (!io->fds && !(io->fds = kmalloc(SCM_MAX_FD * sizeof(*io->fds))))
        return -ENOMEM;
    for (word_t i = 0; i < n; i++) {
        int32_t fd;
        if (copy_from_user(&fd, data + i * sizeof(fd), sizeof(fd)))
            return -EFAULT;
        struct file *f = fd >= 0 ? fd_get((uint32_t)fd) : NULL;
        if (!f)
            return -EBADF;
        f->refs++;
        io->fds[io->nfds++] = f;
    }
    return 0;
}

/* SCM_CREDENTIALS: ids the sender has (real, effective or saved), else the capability to
   claim others, as scm_check_creds; the one process's pid. */
static int take_cred(uaddr_t data, struct sock_io *io)
{
    struct ucred_k c;
    if (copy_from_user(&c, data, sizeof(c)))
        return -EFAULT;
    if (c.uid == UINT32_MAX || c.gid == UINT32_MAX)
        return -EINVAL;
    bool uid_ok = c.uid == cred.uid || c.uid == cred.euid || c.uid == cred.suid;
    bool gid_ok = c.gid == cred.gid || c.gid == cred.egid || c.gid == cred.sgid;
    if ((c.pid != APP_PID && !capable(CAP_SYS_ADMIN)) || (!uid_ok && !capable(CAP_SETUID)) ||
        (!gid_ok && !capable(CAP_SETGID)))
        return -EPERM;
    if (c.pid != APP_PID)
        return -ESRCH;
    io->has_cred = true;
    io->cred = c;
    return 0;
}

/* A send's control messages: each header whole within the buffer, other levels skipped, an
   unknown type EINVAL. (An int $0x80 call's buffer must hold one header, as Linux's compat
   conversion wants.) On an error, what was taken goes back. */
static int control_from_user(uaddr_t at, word_t left, struct sock_io *io)
{
    word_t hdr = abi_cmsghdr_size();
    int err = left >= OPTMEM_MAX ? -ENOBUFS : (ABI_COMPAT && left && left < hdr) ? -EINVAL : 0;
    while (!err && left >= hdr) {
        struct cmsghdr_k c;
        if (abi_cmsghdr_from_user(at, &c))
            err = -EFAULT;
        else if (c.len < hdr || c.len > left)
            err = -EINVAL;
        else if (c.level != SOL_SOCKET)
            ;
        else if (c.type == SCM_RIGHTS)
            err = take_fds(at + hdr, c.len - hdr, io);
        else if (c.type == SCM_CREDENTIALS && c.len == hdr + sizeof(struct ucred_k))
            err = take_cred(at + hdr, io);
        else
            err = -EINVAL;
        word_t step = cmsg_align(c.len);
        if (err || step >= left)
            break;
        at += step, left -= step;
    }
    /* The array goes with its message, the size of what it holds. */
    struct file **all = io->fds, **fds = all && !err ? kmalloc(io->nfds * sizeof(*fds)) : NULL;
    if (fds)
        memcpy(fds, all, io->nfds * sizeof(*fds));
    else if (all && !err)
        err = -ENOMEM;
    if (err)
        sock_files_put(all, io->nfds);
    kfree(all, SCM_MAX_FD * sizeof(*all));
    io->fds = fds;
    io->nfds = fds ? io->nfds : 0;
    return err;
}

/* Where a receive's control messages go. */
struct control {
    uaddr_t at;
    word_t left;
    uint32_t flags; /* MSG_CTRUNC */
};

/* Past a control message of len bytes of data, its padding with it (CMSG_SPACE), if there is
   room for that. */
static void advance(struct control *ctl, word_t len)
{
    word_t space = abi_cmsghdr_size() + cmsg_align(len);
    space = space < ctl->left ? space : ctl->left;
    ctl->at += space, ctl->left -= space;
}

/* As put_cmsg: cut to what is left (MSG_CTRUNC), nothing without room for a header. */
static void put_cmsg(struct control *ctl, int32_t type, const void *data, word_t len)
{
    word_t hdr = abi_cmsghdr_size(), cmlen = hdr + len;
    if (!ctl->at || ctl->left < hdr) {
        ctl->flags |= MSG_CTRUNC;
        return;
    }
    if (ctl->left < cmlen) {
        ctl->flags |= MSG_CTRUNC;
        cmlen = ctl->left;
    }
    struct cmsghdr_k c = {.len = cmlen, .level = SOL_SOCKET, .type = type};
    if (!abi_cmsghdr_to_user(ctl->at, &c) && !copy_to_user(ctl->at + hdr, data, cmlen - hdr))
        advance(ctl, len);
}

/* As scm_detach_fds: as many descriptors as there is room for, each installed once its number
   is written; the rest are closed (MSG_CTRUNC). */
static void put_fds(struct control *ctl, struct file **fds, uint32_t n, bool cloexec)
{
    word_t hdr = abi_cmsghdr_size();
    word_t room = ctl->at && ctl->left > hdr ? (ctl->left - hdr) / sizeof(int32_t) : 0;
    uint32_t i = 0;
    for (; i < n && i < room; i++) {
        int fd = fd_free_slot(0);
        if (fd < 0 || copy_to_user(ctl->at + hdr + i * sizeof(int32_t), &fd, sizeof(fd)))
            break;
        fd_install(fds[i], 0, cloexec);
        fds[i] = NULL;
    }
    if (i) {
        struct cmsghdr_k c = {
            .len = hdr + i * sizeof(int32_t), .level = SOL_SOCKET, .type = SCM_RIGHTS};
        if (!abi_cmsghdr_to_user(ctl->at, &c))
            advance(ctl, i * sizeof(int32_t));
    }
    if (i < n)
        ctl->flags |= MSG_CTRUNC;
    sock_files_put(fds + i, n - i);
    kfree(fds, n * sizeof(*fds));
}

/* After a receive: the credentials (with SO_PASSCRED), then the descriptors. With no control
   buffer at all, either is MSG_CTRUNC (and the descriptors are closed), as each finds no room
   (a receive's descriptors are never none). */
static uint32_t control_to_user(struct control *ctl, struct sock_io *io)
{
    if (io->has_cred)
        put_cmsg(ctl, SCM_CREDENTIALS, &io->cred, sizeof(io->cred));
    if (io->fds)
        put_fds(ctl, io->fds, io->nfds, io->flags & MSG_CMSG_CLOEXEC);
    io->fds = NULL, io->nfds = 0;
    return ctl->flags;
}

/* The buffer's length cut to MAX_RW_COUNT, then checked, before the descriptor is looked at
   (Linux's import_single_range). */
static int one_buffer(uint32_t fd, uaddr_t buf, word_t len, struct sock_io *io, struct file **f)
{
    io->buf = buf, io->len = len > MAX_RW_COUNT ? MAX_RW_COUNT : (uint32_t)len;
    return user_access_ok(buf, io->len) ? sock_fd(fd, f) : -EFAULT;
}

sword_t sys_sendto(uint32_t fd, uaddr_t buf, word_t len, uint32_t flags, uaddr_t uaddr,
                   uint32_t addrlen)
{
    struct file *f;
    struct sock_addr a;
    struct sock_io io = {.flags = flags};
    int err = one_buffer(fd, buf, len, &io, &f);
    if (err || (uaddr && (err = sock_addr_from_user(uaddr, (int32_t)addrlen, &a))))
        return err;
    io.addr = uaddr && a.len ? &a : NULL;
    return sock_send(f, &io);
}

sword_t sys_recvfrom(uint32_t fd, uaddr_t buf, word_t len, uint32_t flags, uaddr_t uaddr,
                     uaddr_t ulen)
{
    struct file *f;
    struct sock_addr a; /* only its first len bytes are read: none until a sender is named */
    a.len = 0;
    struct sock_io io = {.flags = flags, .addr = uaddr ? &a : NULL};
    int err = one_buffer(fd, buf, len, &io, &f);
    if (err)
        return err;
    int32_t n = sock_recv(f, &io);
    if (io.fds)
        sock_fds_put(io.fds, io.nfds);
    if (n >= 0 && uaddr && (err = sock_addr_to_user(&a, uaddr, ulen)))
        return err;
    return n;
}

/* A msghdr's parts into io, checked as Linux's copy_msghdr_from_user: the name (a send's
   copied in), the iovecs, and (a send's) the control buffer's length. */
static int msghdr_in(uaddr_t umsg, struct msghdr_k *m, struct sock_io *io, struct sock_addr *a,
                     bool send)
{
    int err;
    if (abi_msghdr_from_user(umsg, m))
        return -EFAULT;
    if (!m->name)
        m->namelen = 0;
    if (m->namelen < 0)
        return -EINVAL;
    if (m->namelen > SOCKADDR_MAX)
        m->namelen = SOCKADDR_MAX;
    if (send && m->namelen && (err = sock_addr_from_user(m->name, m->namelen, a)))
        return err;
    io->addr = (send ? m->namelen != 0 : m->name != 0) ? a : NULL;
    if (m->iovlen > UIO_MAXIOV)
        return -EMSGSIZE;
    if ((err = iov_import(m->iov, m->iovlen, &io->len)))
        return err;
    io->iov = m->iov, io->iovcnt = m->iovlen;
    return send && m->controllen > INT32_MAX ? -ENOBUFS : 0;
}

/* One sendmsg; *all: was it all sent (sendmmsg stops after a short one)? */
static sword_t send_msg(struct file *f, uaddr_t umsg, uint32_t flags, bool *all)
{
    struct msghdr_k m;
    struct sock_addr a;
    struct sock_io io = {.flags = flags};
    int err = msghdr_in(umsg, &m, &io, &a, true);
    if (err || (err = control_from_user(m.control, m.controllen, &io)))
        return err;
    int32_t n = sock_rw(f, &io, true); /* which closes what was not sent */
    *all = n >= 0 && (uint32_t)n == io.len;
    return n;
}

static sword_t recv_msg(struct file *f, uaddr_t umsg, uint32_t flags)
{
    struct msghdr_k m;
    struct sock_addr a; /* as recvfrom's */
    a.len = 0;
    struct sock_io io = {.flags = flags};
    int err = msghdr_in(umsg, &m, &io, &a, false);
    if (err)
        return err;
    int32_t n = sock_recv(f, &io);
    struct control ctl = {.at = m.control, .left = m.controllen};
    uint32_t out = io.msg_flags | control_to_user(&ctl, &io);
    if (n < 0)
        return n;
    if (m.name && (err = sock_addr_to_user(&a, m.name, m.namelen_at)))
        return err;
    if (abi_msghdr_result_to_user(umsg, out, m.controllen - ctl.left))
        return -EFAULT;
    return n;
}

/* The *msg calls' socket; MSG_CMSG_COMPAT, a 64-bit app's mistake, goes from *flags. */
static int msg_call(uint32_t fd, uint32_t *flags, struct file **f)
{
    if (sizeof(word_t) == 8 && !ABI_COMPAT && (*flags & MSG_CMSG_COMPAT))
        return -EINVAL;
    *flags &= ~MSG_CMSG_COMPAT;
    return sock_fd(fd, f);
}

sword_t sys_sendmsg(uint32_t fd, uaddr_t umsg, uint32_t flags)
{
    struct file *f;
    int err = msg_call(fd, &flags, &f);
    bool all;
    return err ? err : send_msg(f, umsg, flags, &all);
}

sword_t sys_recvmsg(uint32_t fd, uaddr_t umsg, uint32_t flags)
{
    struct file *f;
    int err = msg_call(fd, &flags, &f);
    return err ? err : recv_msg(f, umsg, flags);
}

/* A message of sendmmsg or recvmmsg done: its count of bytes (n) in its msg_len, or its error
   (n), or -EFAULT. */
static int mmsg_len(uaddr_t vec, uint32_t i, sword_t n)
{
    return n < 0 ? (int)n : abi_mmsghdr_len_to_user(vec, i, (uint32_t)n) ? -EFAULT : 0;
}

/* sendmmsg: up to 1024 messages, stopping at the first that fails or goes short; what went,
   else that error. */
sword_t sys_sendmmsg(uint32_t fd, uaddr_t vec, uint32_t vlen, uint32_t flags)
{
    struct file *f;
    int err = msg_call(fd, &flags, &f);
    if (err)
        return err;
    vlen = vlen > UIO_MAXIOV ? UIO_MAXIOV : vlen;
    uint32_t i = 0;
    for (bool all = true; i < vlen && all; i++) {
        if ((err = mmsg_len(vec, i, send_msg(f, vec + i * abi_mmsghdr_size(), flags, &all))))
            break;
    }
    return i ? (sword_t)i : err;
}

/* recvmmsg: messages until vlen, an error, or the timeout (looked at after each); after the
   first, MSG_WAITFORONE waits no more. An error after some came is the socket's next
   (SO_ERROR), as Linux keeps it. */
static sword_t recv_mmsg(uint32_t fd, uaddr_t vec, uint32_t vlen, uint32_t flags, uaddr_t uts,
                         bool time64)
{
    struct file *f;
    int err = msg_call(fd, &flags, &f);
    uint64_t timeout = 0, end = 0;
    if (!err && uts && !(err = timespec_from_user(uts, time64, &timeout)))
        end = time_monotonic_ns() + timeout;
    if (!err)
        err = sock_take_error(sock_of(f)); /* a pending error first, as do_recvmmsg */
    if (err)
        return err;
    uint32_t i = 0;
    for (; i < vlen; i++) {
        if ((err = mmsg_len(vec, i, recv_msg(f, vec + i * abi_mmsghdr_size(), flags))))
            break;
        if (flags & MSG_WAITFORONE)
            flags |= MSG_DONTWAIT;
        if (uts && time_monotonic_ns() >= end)
            break;
    }
    if (!i)
        return err;
    uint64_t now = time_monotonic_ns();
    if (uts && timespec_to_user(uts, now < end ? end - now : 0, time64))
        return -EFAULT;
    if (err && err != -EAGAIN)
        sock_set_error(sock_of(f), -err);
    return (sword_t)i;
}

sword_t sys_recvmmsg(uint32_t fd, uaddr_t vec, uint32_t vlen, uint32_t flags, uaddr_t uts)
{
    return recv_mmsg(fd, vec, vlen, flags, uts, false);
}

sword_t sys_recvmmsg_time64(uint32_t fd, uaddr_t vec, uint32_t vlen, uint32_t flags, uaddr_t uts)
{
    return recv_mmsg(fd, vec, vlen, flags, uts, true);
}
