/* How the Linux-semantics test programs print a call and its result, the same on moat and on
 * Linux: T(call) prints the call's text and its value, or -1 and errno's name (the libcs'
 * texts differ between versions); TF(call) prints "fd" for a new descriptor, whose number
 * depends on what the runner left open. */
#pragma once

#include <errno.h>
#include <stdio.h>

static const char *errname(int e)
{
    static const char *const names[] = {
        [EPERM] = "EPERM",
        [ENOENT] = "ENOENT",
        [ESRCH] = "ESRCH",
        [EINTR] = "EINTR",
        [ENXIO] = "ENXIO",
        [E2BIG] = "E2BIG",
        [ENOEXEC] = "ENOEXEC",
        [EBADF] = "EBADF",
        [ECHILD] = "ECHILD",
        [EAGAIN] = "EAGAIN",
        [EFAULT] = "EFAULT",
        [EEXIST] = "EEXIST",
        [ENODEV] = "ENODEV",
        [ENOTDIR] = "ENOTDIR",
        [EISDIR] = "EISDIR",
        [EINVAL] = "EINVAL",
        [EACCES] = "EACCES",
        [EFBIG] = "EFBIG",
        [ESPIPE] = "ESPIPE",
        [ELOOP] = "ELOOP",
        [EOPNOTSUPP] = "EOPNOTSUPP",
        [EIO] = "EIO",
        [EBUSY] = "EBUSY",
        [EROFS] = "EROFS",
        [EXDEV] = "EXDEV",
        [EMFILE] = "EMFILE",
        [ENOTTY] = "ENOTTY",
        [ENOSPC] = "ENOSPC",
        [EPIPE] = "EPIPE",
        [ERANGE] = "ERANGE",
        [ENAMETOOLONG] = "ENAMETOOLONG",
        [ENOMEM] = "ENOMEM",
        [ETXTBSY] = "ETXTBSY",
        [ENOTEMPTY] = "ENOTEMPTY",
        [EOVERFLOW] = "EOVERFLOW",
        [EDOM] = "EDOM",
        [ENOMSG] = "ENOMSG",
        [EIDRM] = "EIDRM",
        [ENOTSOCK] = "ENOTSOCK",
        [EMSGSIZE] = "EMSGSIZE",
        [EPROTOTYPE] = "EPROTOTYPE",
        [ENOPROTOOPT] = "ENOPROTOOPT",
        [EPROTONOSUPPORT] = "EPROTONOSUPPORT",
        [ESOCKTNOSUPPORT] = "ESOCKTNOSUPPORT",
        [EAFNOSUPPORT] = "EAFNOSUPPORT",
        [EADDRINUSE] = "EADDRINUSE",
        [ECONNRESET] = "ECONNRESET",
        [ENOBUFS] = "ENOBUFS",
        [EISCONN] = "EISCONN",
        [ENOTCONN] = "ENOTCONN",
        [ECONNREFUSED] = "ECONNREFUSED",
        [EDESTADDRREQ] = "EDESTADDRREQ",
        [ETOOMANYREFS] = "ETOOMANYREFS",
        [EADDRNOTAVAIL] = "EADDRNOTAVAIL",
        [ENETUNREACH] = "ENETUNREACH",
        [ECONNABORTED] = "ECONNABORTED",
        [EINPROGRESS] = "EINPROGRESS",
        [EALREADY] = "EALREADY",
        [ECANCELED] = "ECANCELED",
        [ENODATA] = "ENODATA",
        [ENOSYS] = "ENOSYS",
        [ENOTBLK] = "ENOTBLK",
        [EUCLEAN] = "EUCLEAN",
    };
    return e > 0 && e < (int)(sizeof(names) / sizeof(names[0])) && names[e] ? names[e] : "?";
}

#define T(call) show(#call, (long)(call), 0)
#define TF(call) show(#call, (long)(call), 1)
static inline long show(const char *what, long r, int fd)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, errname(errno));
    else if (fd)
        printf("%s = fd\n", what);
    else
        printf("%s = %ld\n", what, r);
    errno = 0;
    return r;
}
