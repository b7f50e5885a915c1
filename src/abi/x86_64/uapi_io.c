/* The I/O calls' structures, between the kernel's forms and Linux x86_64's: iovec, pollfd,
   pselect6's argument block (and the old select's, which x86_64 lacks), termios and winsize. */
#include "abi/x86_64/ia32.h"
#include "abi/x86_64/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

int abi_iovec_from_user(uaddr_t iov, word_t i, struct iovec_k *v)
{
    IA32_CONVERT(iovec_from_user, iov, i, v);
    struct iovec_64 e;
    if (copy_from_user(&e, iov + i * sizeof(e), sizeof(e)))
        return -EFAULT;
    *v = (struct iovec_k){.base = e.base, .len = e.len};
    return 0;
}

int abi_pollfd_from_user(uaddr_t ufds, word_t i, struct pollfd_k *p)
{
    IA32_CONVERT(pollfd_from_user, ufds, i, p);
    struct pollfd_64 e;
    if (copy_from_user(&e, ufds + i * sizeof(e), sizeof(e)))
        return -EFAULT;
    *p = (struct pollfd_k){.fd = e.fd, .events = (uint16_t)e.events};
    return 0;
}

int abi_pollfd_revents_to_user(uaddr_t ufds, word_t i, uint16_t revents)
{
    IA32_CONVERT(pollfd_revents_to_user, ufds, i, revents);
    uaddr_t at = ufds + i * sizeof(struct pollfd_64) + offsetof(struct pollfd_64, revents);
    return copy_to_user(at, &revents, sizeof(revents));
}

/* Only the old select (sys_old_select) asks, and x86_64's table does not name it: this reads
   the block as a 64-bit Linux lays it out, for completeness. */
int abi_sel_args_from_user(uaddr_t uargs, struct sel_args_k *a)
{
    IA32_CONVERT(sel_args_from_user, uargs, a);
    struct sel_arg_struct_64 s;
    if (copy_from_user(&s, uargs, sizeof(s)))
        return -EFAULT;
    *a = (struct sel_args_k){.n = s.n, .in = s.inp, .out = s.outp, .ex = s.exp, .tvp = s.tvp};
    return 0;
}

int abi_sigset_argpack_from_user(uaddr_t upack, struct sigset_argpack_k *a)
{
    IA32_CONVERT(sigset_argpack_from_user, upack, a);
    struct sigset_argpack_64 s;
    if (copy_from_user(&s, upack, sizeof(s)))
        return -EFAULT;
    *a = (struct sigset_argpack_k){.set = s.p, .size = s.size};
    return 0;
}

_Static_assert(sizeof(struct termios_64) == sizeof(struct termios_k), "the same layout");

int abi_termios_to_user(uaddr_t ut, const struct termios_k *t)
{
    IA32_CONVERT(termios_to_user, ut, t);
    return copy_to_user(ut, t, sizeof(*t));
}

int abi_termios_from_user(uaddr_t ut, struct termios_k *t)
{
    IA32_CONVERT(termios_from_user, ut, t);
    return copy_from_user(t, ut, sizeof(*t));
}

int abi_winsize_to_user(uaddr_t uws, const struct winsize_k *ws)
{
    IA32_CONVERT(winsize_to_user, uws, ws);
    struct winsize_64 e = {.row = ws->rows, .col = ws->cols};
    return copy_to_user(uws, &e, sizeof(e));
}

int abi_msghdr_from_user(uaddr_t umsg, struct msghdr_k *m)
{
    IA32_CONVERT(msghdr_from_user, umsg, m);
    struct msghdr_64 h;
    if (copy_from_user(&h, umsg, sizeof(h)))
        return -EFAULT;
    *m = (struct msghdr_k){.name = h.name,
                           .namelen_at = umsg + offsetof(struct msghdr_64, namelen),
                           .namelen = h.namelen,
                           .iov = h.iov,
                           .iovlen = h.iovlen,
                           .control = h.control,
                           .controllen = h.controllen};
    return 0;
}

int abi_msghdr_result_to_user(uaddr_t umsg, uint32_t flags, word_t controllen)
{
    IA32_CONVERT(msghdr_result_to_user, umsg, flags, controllen);
    struct msghdr_64 h = {.flags = flags, .controllen = controllen};
    if (copy_to_user(umsg + offsetof(struct msghdr_64, flags), &h.flags, sizeof(h.flags)))
        return -EFAULT;
    return copy_to_user(umsg + offsetof(struct msghdr_64, controllen), &h.controllen,
                        sizeof(h.controllen));
}

word_t abi_cmsghdr_size(void)
{
    IA32_CONVERT(cmsghdr_size);
    return sizeof(struct cmsghdr_64);
}

int abi_cmsghdr_from_user(uaddr_t u, struct cmsghdr_k *c)
{
    IA32_CONVERT(cmsghdr_from_user, u, c);
    struct cmsghdr_64 h;
    if (copy_from_user(&h, u, sizeof(h)))
        return -EFAULT;
    *c = (struct cmsghdr_k){.len = h.len, .level = h.level, .type = h.type};
    return 0;
}

int abi_cmsghdr_to_user(uaddr_t u, const struct cmsghdr_k *c)
{
    IA32_CONVERT(cmsghdr_to_user, u, c);
    struct cmsghdr_64 h = {.len = (uint64_t)c->len, .level = c->level, .type = c->type};
    return copy_to_user(u, &h, sizeof(h));
}

/* struct mmsghdr: a msghdr, then msg_len */
struct mmsghdr_64 {
    struct msghdr_64 hdr;
    uint32_t len;
};

word_t abi_mmsghdr_size(void)
{
    IA32_CONVERT(mmsghdr_size);
    return sizeof(struct mmsghdr_64);
}

int abi_mmsghdr_len_to_user(uaddr_t vec, word_t i, uint32_t len)
{
    IA32_CONVERT(mmsghdr_len_to_user, vec, i, len);
    return copy_to_user(vec + i * sizeof(struct mmsghdr_64) + offsetof(struct mmsghdr_64, len),
                        &len, sizeof(len));
}

_Static_assert(sizeof(struct rtc_time_64) == sizeof(struct rtc_time_k), "the same layout");

int abi_rtc_time_to_user(uaddr_t ut, const struct rtc_time_k *t)
{
    IA32_CONVERT(rtc_time_to_user, ut, t);
    return copy_to_user(ut, t, sizeof(*t));
}

int abi_rtc_time_from_user(uaddr_t ut, struct rtc_time_k *t)
{
    IA32_CONVERT(rtc_time_from_user, ut, t);
    return copy_from_user(t, ut, sizeof(*t));
}
