/* Linux's errno values (asm-generic/errno-base.h and errno.h): kernel functions return -errno. */
#pragma once

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define E2BIG 7
#define EBADF 9
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOTTY 25
#define ERANGE 34
#define ENOSYS 38
#define EOVERFLOW 75
