/* sys/uio.h: scatter/gather output. */
#pragma once

#include <sys/types.h>

struct iovec {
    void *iov_base;
    size_t iov_len;
};

ssize_t writev(int fd, const struct iovec *iov, int count);
