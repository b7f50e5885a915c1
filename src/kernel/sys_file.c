/* The file calls, answered as Linux would on a system with no files: every path is ENOENT
   (the cwd is "/"), and the console's fds 0-2 stat as the serial terminal. */
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define PATH_MAX 4096u
#define ENAMETOOLONG 36
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000
#define S_IFCHR 0020000u
#define TTY_MAJOR 4
#define TTYS0_MINOR 64
#define NSEC_PER_SEC 1000000000ull

/* Read a path like Linux's getname: -EFAULT, -ENAMETOOLONG, or its length (0: empty). */
static int32_t path_len(uint32_t upath)
{
    for (uint32_t n = 0; n < PATH_MAX; n++) {
        char c;
        if (copy_from_user(&c, upath + n, 1))
            return -EFAULT;
        if (!c)
            return (int32_t)n;
    }
    return -ENAMETOOLONG;
}

/* What looking the path up gives: there is nothing to find. */
static int32_t lookup(uint32_t upath)
{
    int32_t n = path_len(upath);
    return n < 0 ? n : -ENOENT;
}

int32_t sys_open(uint32_t path)
{
    return lookup(path);
}

int32_t sys_openat(uint32_t dirfd, uint32_t path)
{
    return lookup(path);
}

int32_t sys_access(uint32_t path)
{
    return lookup(path);
}

int32_t sys_readlink(uint32_t path)
{
    return lookup(path);
}

int32_t sys_readlinkat(uint32_t dirfd, uint32_t path)
{
    return lookup(path);
}

int32_t sys_getcwd(uint32_t buf, uint32_t size)
{
    if (size < 2)
        return -ERANGE;
    return copy_to_user(buf, "/", 2) ? -EFAULT : 2; /* the length with its NUL, as Linux */
}

/* struct stat64 (i386) for the console: a character device, the first serial port. */
static int32_t stat64_console(uint32_t buf)
{
    struct {
        uint64_t dev;
        uint32_t pad1, ino32, mode, nlink, uid, gid;
        uint64_t rdev;
        uint32_t pad2;
        int64_t size;
        uint32_t blksize;
        uint64_t blocks;
        uint32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
        uint64_t ino;
    } __attribute__((packed)) st;
    _Static_assert(sizeof(st) == 96, "struct stat64 layout");
    memset(&st, 0, sizeof(st));
    st.dev = 5; /* devtmpfs's, as anonymous as any */
    st.ino = st.ino32 = 3;
    st.mode = S_IFCHR | 0620;
    st.nlink = 1;
    st.rdev = TTY_MAJOR << 8 | TTYS0_MINOR;
    st.blksize = 1024;
    return copy_to_user(buf, &st, sizeof(st));
}

int32_t sys_fstat64(uint32_t fd, uint32_t buf)
{
    return fd <= 2 ? stat64_console(buf) : -EBADF;
}

int32_t sys_stat64(uint32_t path, uint32_t buf)
{
    return lookup(path);
}

int32_t sys_fstatat64(uint32_t dirfd, uint32_t path, uint32_t buf, uint32_t flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
        return -EINVAL;
    int32_t n = path_len(path);
    if (n < 0)
        return n;
    if (n == 0 && (flags & AT_EMPTY_PATH)) /* the fd itself */
        return (int32_t)dirfd == AT_FDCWD ? -ENOENT : sys_fstat64(dirfd, buf);
    return -ENOENT;
}

int32_t sys_statx(uint32_t dirfd, uint32_t path, uint32_t flags, uint32_t mask, uint32_t buf)
{
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) ||
        (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & 0x80000000u))
        return -EINVAL;
    int32_t n = path_len(path);
    if (n < 0)
        return n;
    if (n || !(flags & AT_EMPTY_PATH) || (int32_t)dirfd == AT_FDCWD)
        return -ENOENT;
    if (dirfd > 2)
        return -EBADF;
    struct {
        uint32_t mask, blksize;
        uint64_t attributes;
        uint32_t nlink, uid, gid;
        uint16_t mode, pad1;
        uint64_t ino, size, blocks, attributes_mask;
        struct {
            int64_t sec;
            uint32_t nsec, pad;
        } atime, btime, ctime, mtime;
        uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
        uint64_t mnt_id;
        uint32_t dio_mem_align, dio_offset_align;
        uint64_t spare[12];
    } stx;
    _Static_assert(sizeof(stx) == 256, "struct statx layout");
    memset(&stx, 0, sizeof(stx));
    stx.mask = 0x7ff; /* STATX_BASIC_STATS */
    stx.blksize = 1024;
    stx.nlink = 1;
    stx.mode = S_IFCHR | 0620;
    stx.ino = 3;
    stx.rdev_major = TTY_MAJOR, stx.rdev_minor = TTYS0_MINOR;
    stx.dev_minor = 5;
    return copy_to_user(buf, &stx, sizeof(stx));
}

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define O_RDWR 2
#define EMFILE 24

/* fcntl on the console's fds: no close-on-exec flag to keep (nothing is ever executed), opened
   for reading and writing; nothing new can be opened, so a duplicate is EMFILE. */
int32_t sys_fcntl64(uint32_t fd, uint32_t cmd, uint32_t arg)
{
    if (fd > 2)
        return -EBADF;
    switch (cmd) {
    case F_GETFD:
    case F_SETFD:
    case F_SETFL:
        return 0;
    case F_GETFL:
        return O_RDWR;
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return -EMFILE;
    default:
        return -EINVAL;
    }
}
