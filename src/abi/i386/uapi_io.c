/* The I/O calls' structures, between the kernel's forms and Linux i386's: iovec, pollfd, the
   old select's and pselect6's argument blocks, termios and winsize. */
#include "abi/i386/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

int abi_iovec_from_user(uaddr_t iov, word_t i, struct iovec_k *v)
{
    struct iovec_32 e;
    if (copy_from_user(&e, iov + i * sizeof(e), sizeof(e)))
        return -EFAULT;
    *v = (struct iovec_k){.base = e.base, .len = e.len};
    return 0;
}

int abi_pollfd_from_user(uaddr_t ufds, word_t i, struct pollfd_k *p)
{
    struct pollfd_32 e;
    if (copy_from_user(&e, ufds + i * sizeof(e), sizeof(e)))
        return -EFAULT;
    *p = (struct pollfd_k){.fd = e.fd, .events = (uint16_t)e.events};
    return 0;
}

int abi_pollfd_revents_to_user(uaddr_t ufds, word_t i, uint16_t revents)
{
    uaddr_t at = ufds + i * sizeof(struct pollfd_32) + offsetof(struct pollfd_32, revents);
    return copy_to_user(at, &revents, sizeof(revents));
}

int abi_sel_args_from_user(uaddr_t uargs, struct sel_args_k *a)
{
    struct sel_arg_struct_32 s;
    if (copy_from_user(&s, uargs, sizeof(s)))
        return -EFAULT;
    *a = (struct sel_args_k){.n = s.n, .in = s.inp, .out = s.outp, .ex = s.exp, .tvp = s.tvp};
    return 0;
}

int abi_sigset_argpack_from_user(uaddr_t upack, struct sigset_argpack_k *a)
{
    struct sigset_argpack_32 s;
    if (copy_from_user(&s, upack, sizeof(s)))
        return -EFAULT;
    *a = (struct sigset_argpack_k){.set = s.p, .size = s.size};
    return 0;
}

_Static_assert(sizeof(struct termios_32) == sizeof(struct termios_k), "the same layout");

int abi_termios_to_user(uaddr_t ut, const struct termios_k *t)
{
    return copy_to_user(ut, t, sizeof(*t));
}

int abi_termios_from_user(uaddr_t ut, struct termios_k *t)
{
    return copy_from_user(t, ut, sizeof(*t));
}

int abi_winsize_to_user(uaddr_t uws, const struct winsize_k *ws)
{
    struct winsize_32 e = {.row = ws->rows, .col = ws->cols};
    return copy_to_user(uws, &e, sizeof(e));
}

int abi_msghdr_from_user(uaddr_t umsg, struct msghdr_k *m)
{
    struct msghdr_32 h;
    if (copy_from_user(&h, umsg, sizeof(h)))
        return -EFAULT;
    *m = (struct msghdr_k){.name = h.name,
                           .namelen_at = umsg + offsetof(struct msghdr_32, namelen),
                           .namelen = h.namelen,
                           .iov = h.iov,
                           .iovlen = h.iovlen,
                           .control = h.control,
                           .controllen = h.controllen};
    return 0;
}

int abi_msghdr_result_to_user(uaddr_t umsg, uint32_t flags, word_t controllen)
{
    struct msghdr_32 h = {.flags = flags, .controllen = (uint32_t)controllen};
    if (copy_to_user(umsg + offsetof(struct msghdr_32, flags), &h.flags, sizeof(h.flags)))
        return -EFAULT;
    return copy_to_user(umsg + offsetof(struct msghdr_32, controllen), &h.controllen,
                        sizeof(h.controllen));
}

word_t abi_cmsghdr_size(void)
{
    return sizeof(struct cmsghdr_32);
}

int abi_cmsghdr_from_user(uaddr_t u, struct cmsghdr_k *c)
{
    struct cmsghdr_32 h;
    if (copy_from_user(&h, u, sizeof(h)))
        return -EFAULT;
    *c = (struct cmsghdr_k){.len = h.len, .level = h.level, .type = h.type};
    return 0;
}

int abi_cmsghdr_to_user(uaddr_t u, const struct cmsghdr_k *c)
{
    struct cmsghdr_32 h = {.len = (uint32_t)c->len, .level = c->level, .type = c->type};
    return copy_to_user(u, &h, sizeof(h));
}

/* struct mmsghdr: a msghdr, then msg_len */
struct mmsghdr_32 {
    struct msghdr_32 hdr;
    uint32_t len;
};

word_t abi_mmsghdr_size(void)
{
    return sizeof(struct mmsghdr_32);
}

int abi_mmsghdr_len_to_user(uaddr_t vec, word_t i, uint32_t len)
{
    return copy_to_user(vec + i * sizeof(struct mmsghdr_32) + offsetof(struct mmsghdr_32, len),
                        &len, sizeof(len));
}

_Static_assert(sizeof(struct rtc_time_32) == sizeof(struct rtc_time_k), "the same layout");

int abi_rtc_time_to_user(uaddr_t ut, const struct rtc_time_k *t)
{
    return copy_to_user(ut, t, sizeof(*t));
}

int abi_rtc_time_from_user(uaddr_t ut, struct rtc_time_k *t)
{
    return copy_from_user(t, ut, sizeof(*t));
}
