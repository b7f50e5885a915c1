/* What the socket calls' files share: a descriptor's socket, and addresses to and from the
   app's memory. */
#pragma once

#include "kernel/socket.h"

/* The open file of a socket descriptor: -EBADF, -ENOTSOCK. */
int sock_fd(uint32_t fd, struct file **out);
/* As Linux's move_addr_to_kernel: len bytes (at most SOCKADDR_MAX, else -EINVAL). */
int sock_addr_from_user(uaddr_t uaddr, int32_t len, struct sock_addr *a);
/* As Linux's move_addr_to_user: as much as *ulen has room for, and the whole length in *ulen. */
int sock_addr_to_user(const struct sock_addr *a, uaddr_t uaddr, uaddr_t ulen);
