/* Opening and closing: open, openat, creat, close, dup, dup2, dup3, fcntl, pipe, pipe2. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/fs.h"
#include "kernel/mount.h"
#include "kernel/pipe.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_GETLK64 12
#define F_SETLK64 13
#define F_SETLKW64 14
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define F_DUPFD_CLOEXEC 1030
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC 1
/* The record-lock commands, each a bit: F_GETLK to F_SETLKW, their flock64 forms, the OFD
   ones (fcntl64's switch leaves them to one test of this mask). */
#define LOCK_CMDS (7ull << F_GETLK | 7ull << F_GETLK64 | 7ull << F_OFD_GETLK)
_Static_assert(F_SETLKW == F_GETLK + 2 && F_SETLKW64 == F_GETLK64 + 2 &&
                   F_OFD_SETLKW == F_OFD_GETLK + 2,
               "each family's three commands in a row");
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | 020000 /* O_ASYNC */)

/* The node to open: found, or created when O_CREAT allows (Linux's do_last/open_last_lookups)
   and the directory may be written (*created: no further permission check, as Linux's). */
static int open_node(uint32_t dirfd, uaddr_t upath, uint32_t flags, uint32_t mode,
                     struct vnode **out, uint8_t *via, bool *created)
{
    bool excl = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
    int follow = (flags & O_NOFOLLOW) || excl ? 0 : LOOKUP_FOLLOW;
    struct lookup lk, *l = &lk;
    int err = fs_lookup(dirfd, upath, follow, 0, l);
    struct vnode *n = err ? NULL : l->node;
    if (err) {
    } else if (!n && !(flags & O_CREAT)) {
        err = -ENOENT;
    } else if (l->trailing_slash && (flags & O_CREAT)) {
        err = -EISDIR; /* open_last_lookups': a name to create, found or not, is no folder's */
    } else if (!n && l->dir->proc) {
        err = mount_sysfs(l->dir) ? -EACCES  /* no create, as kernfs's */
                                  : -ENOENT; /* procfs's lookups make no names */
    } else if (!n) {
        /* mknod's checks and making (its trailing slash and procfs answers are open's, above) */
        err = fs_create(l, S_IFREG | (mode & 07777 & ~fs.umask), &n);
        *created = true;
    } else if (excl) {
        err = -EEXIST;
    } else if ((flags & O_CREAT) && S_ISDIR(n->mode)) {
        err = -EISDIR;
    } else if (l->trailing_slash && !S_ISDIR(n->mode)) {
        err = -ENOTDIR;
    }
    if (err)
        return err;
    *out = n;
    *via = *created ? l->dmnt : l->mnt;
    return 0;
}

/* O_TMPFILE, as Linux's build_open_flags and do_tmpfile: with O_DIRECTORY and without O_CREAT,
   for writing, in a directory; a file without a name (nlink 0) that linkat may give one
   unless O_EXCL. */
static int open_tmpfile(uint32_t dirfd, uaddr_t upath, uint32_t flags, uint32_t mode,
                        struct vnode **out, uint8_t *via)
{
    if ((flags & (O_TMPFILE | O_DIRECTORY | O_CREAT | O_PATH)) != (O_TMPFILE | O_DIRECTORY) ||
        (flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    struct vnode *dir, *n;
    int err = fs_node_via(dirfd, upath, LOOKUP_FOLLOW, 0, &dir, via);
    if (err)
        return err;
    if (!S_ISDIR(dir->mode))
        return -ENOTDIR;
    if ((err = mount_writable(dir, *via)) || (err = cred_permission(dir, MAY_WRITE | MAY_EXEC)))
        return err;
    if (dir->proc)
        return -EOPNOTSUPP; /* procfs has no tmpfile */
    if (!(n = fs_new_node(dir, S_IFREG | (mode & 07777 & ~fs.umask))))
        return -ENOSPC;
    n->nlink = 0;
    n->linkable = !(flags & O_EXCL);
    *out = n;
    return 0;
}

/* The file opened (*out), or -errno. */
static int open_file(uint32_t dirfd, uaddr_t upath, uint32_t flags, uint32_t mode,
                     struct file **out)
{
    struct vnode *n;
    uint8_t via;
    bool created = flags & O_TMPFILE;
    int err = flags & O_TMPFILE ? open_tmpfile(dirfd, upath, flags, mode, &n, &via)
                                : open_node(dirfd, upath, flags, mode, &n, &via, &created);
    if (err)
        return err;
    uint32_t acc = flags & O_ACCMODE;
    /* Linux's ACC_MODE: read, write, or both (O_RDWR and 3); O_TRUNC writes */
    uint32_t may = (acc == O_RDONLY   ? MAY_READ
                    : acc == O_WRONLY ? MAY_WRITE
                                      : MAY_READ | MAY_WRITE) |
                   (flags & O_TRUNC ? MAY_WRITE : 0);
    if (flags & O_PATH)
        flags &= O_PATH | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW;
    else if (S_ISLNK(n->mode))
        return -ELOOP; /* O_NOFOLLOW met a symlink */
    if ((flags & (O_DIRECTORY | O_TMPFILE)) == O_DIRECTORY && !S_ISDIR(n->mode))
        return -ENOTDIR; /* (O_TMPFILE's O_DIRECTORY named the directory it is in) */
    if (!(flags & O_PATH)) {
        if (S_ISDIR(n->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
            return -EISDIR;
        bool dev = S_ISCHR(n->mode) || S_ISBLK(n->mode);
        bool special = dev || S_ISFIFO(n->mode) || (n->mode & S_IFMT) == S_IFSOCK;
        if (!special && (may & MAY_WRITE) && (err = mount_writable(n, via)))
            return err; /* a read-only mount's files, folders and links */
        if (!created && (err = cred_permission(n, may)))
            return err;
        if (dev && (mount_flags(n, via) & MS_NODEV))
            return -EACCES;
        if ((acc == O_WRONLY || acc == O_RDWR) && !(n->mode & 0200) && n->proc && mount_sysfs(n))
            return -EACCES; /* kernfs's open: a file with no store takes no write */
        if ((flags & O_NOATIME) && !cred_owns(n))
            return -EPERM;
        if ((dev && !dev_known(n)) || (n->mode & S_IFMT) == S_IFSOCK ||
            !(n->mode & S_IFMT)) /* no type: anon.c's */
            return -ENXIO;
        if ((acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC)) && n == app.exe)
            return -ETXTBSY; /* the running program's file: Linux denies writes to it */
        if ((flags & O_TRUNC) && S_ISREG(n->mode) && !created) { /* O_RDONLY's too, as Linux's */
            cred_write_kills_suid(n);
            if ((err = vfs_truncate(n, 0)))
                return err;
            vfs_touch(n, true);
        }
    }
    struct file *f = file_new(n, flags);
    if (!f) {
        if (flags & O_TMPFILE)
            vfs_put(n); /* nothing else holds it */
        return -ENOMEM;
    }
    file_via(f, via);
    if ((S_ISFIFO(n->mode) && !(flags & O_PATH) && !dev_is_console(n) && /* the stdin pipe: */
         (err = pipe_open_fifo(f))) || /* the console's input, opened again through /proc */
        ((S_ISCHR(n->mode) || S_ISBLK(n->mode)) && (err = dev_open(f, flags)))) {
        file_put(f);
        return err;
    }
    *out = f;
    return 0;
}

static int32_t do_open(uint32_t dirfd, uaddr_t upath, uint32_t flags, uint32_t mode)
{
    if (abi_long_size() == 8)
        flags |= O_LARGEFILE; /* Linux's force_o_largefile(), which its compat open skips */
    if (fd_free_slot(0) < 0)
        return -EMFILE;
    struct file *f;
    int err = open_file(dirfd, upath, flags, mode, &f);
    return err ? err : fd_install(f, 0, flags & O_CLOEXEC);
}

sword_t sys_open(word_t upath, uint32_t flags, uint32_t mode)
{
    return do_open(AT_FDCWD, upath, flags, mode);
}

sword_t sys_openat(uint32_t dirfd, word_t upath, uint32_t flags, uint32_t mode)
{
    return do_open(dirfd, upath, flags, mode);
}

sword_t sys_creat(word_t upath, uint32_t mode)
{
    return do_open(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

sword_t sys_close(uint32_t fd)
{
    return fd_close(fd);
}

/* swapon and swapoff, as Linux's on a machine whose files are all tmpfs's and which has no
   block device: the checks up to the file's opening for reading and writing (which the open's
   own refusals end), then EINVAL: tmpfs's files cannot hold swap (they have no read_folio),
   and nothing is swap for swapoff to end. So /proc/swaps lists no area. */
#define SWAP_FLAGS_VALID 0x7ffffu /* the priority, PREFER and the DISCARD flags */
static int32_t swap_open(uaddr_t upath)
{
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    struct file *f;
    int err = open_file(AT_FDCWD, upath, O_RDWR | O_LARGEFILE, 0, &f);
    if (err)
        return err;
    file_put(f);
    return -EINVAL;
}

sword_t sys_swapon(uaddr_t upath, uint32_t flags)
{
    return flags & ~SWAP_FLAGS_VALID ? -EINVAL : swap_open(upath);
}

sword_t sys_swapoff(uaddr_t upath)
{
    return swap_open(upath);
}

static int32_t dup_from(uint32_t fd, word_t min, bool cloexec)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (min >= fd_limit())
        return -EINVAL;
    f->refs++;
    return fd_install(f, (uint32_t)min, cloexec);
}

sword_t sys_dup(uint32_t fd)
{
    return dup_from(fd, 0, false);
}

sword_t sys_dup3(uint32_t oldfd, uint32_t newfd, uint32_t flags)
{
    struct file *f = fd_get(oldfd);
    if (flags & ~(uint32_t)O_CLOEXEC)
        return -EINVAL;
    if (oldfd == newfd)
        return -EINVAL;
    if (!f || newfd >= fd_limit())
        return -EBADF;
    f->refs++;
    fd_install_at(newfd, f, flags & O_CLOEXEC);
    return (int32_t)newfd;
}

sword_t sys_dup2(uint32_t oldfd, uint32_t newfd)
{
    if (oldfd == newfd)
        return fd_get(oldfd) ? (int32_t)newfd : -EBADF;
    return sys_dup3(oldfd, newfd, 0);
}

/* Record locks: with one process no lock ever conflicts, so every lock is granted and
   F_GETLK reports the range unlocked. Only l_type (the first field of struct flock and
   flock64 alike) is read and written. */
static int32_t lock(struct file *f, uint32_t cmd, uaddr_t arg)
{
    int16_t type;
    if (copy_from_user(&type, arg, sizeof(type)))
        return -EFAULT;
    if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK)
        return -EINVAL;
    if (cmd == F_GETLK || cmd == F_GETLK64 || cmd == F_OFD_GETLK) {
        type = F_UNLCK;
        return copy_to_user(arg, &type, sizeof(type));
    }
    if ((type == F_RDLCK && !file_readable(f)) || (type == F_WRLCK && !file_writable(f)))
        return -EBADF;
    return 0;
}

sword_t sys_fcntl64(uint32_t fd, uint32_t cmd, word_t arg)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    if (abi_long_size() == 8 && cmd >= F_GETLK64 && cmd <= F_SETLKW64)
        return -EINVAL; /* a 64-bit call's flock is flock64: these are i386's alone */
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return dup_from(fd, arg, cmd == F_DUPFD_CLOEXEC);
    case F_GETFD:
        return fd_cloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
        fd_set_cloexec(fd, arg & FD_CLOEXEC);
        return 0;
    case F_GETFL:
        return (int32_t)f->flags;
    case F_SETFL:
        if (f->flags & O_PATH)
            return -EBADF;
        if ((arg & O_NOATIME) && !(f->flags & O_NOATIME) && !cred_owns(f->node))
            return -EPERM; /* as open's */
        f->flags = (f->flags & ~(uint32_t)SETFL_MASK) | (arg & SETFL_MASK);
        return 0;
    case F_GETPIPE_SZ:
        return f->pipe ? (int32_t)PIPE_SIZE : -EBADF;
    }
    if (cmd < 64 && (LOCK_CMDS >> cmd & 1))
        return f->flags & O_PATH ? -EBADF : lock(f, cmd, arg);
    return -EINVAL;
}

sword_t sys_pipe2(uaddr_t ufds, uint32_t flags)
{
    if (flags & ~(uint32_t)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
        return -EINVAL;
    struct file *rd, *wr;
    if (pipe_create(&rd, &wr, flags & (O_NONBLOCK | O_DIRECT)))
        return -ENOMEM;
    int fds[2] = {fd_install(rd, 0, flags & O_CLOEXEC), -1};
    if (fds[0] < 0) {
        file_put(wr);
        return fds[0];
    }
    if ((fds[1] = fd_install(wr, 0, flags & O_CLOEXEC)) < 0) {
        fd_close((uint32_t)fds[0]);
        return fds[1];
    }
    if (copy_to_user(ufds, fds, sizeof(fds))) {
        fd_close((uint32_t)fds[0]);
        fd_close((uint32_t)fds[1]);
        return -EFAULT;
    }
    return 0;
}

sword_t sys_pipe(uaddr_t ufds)
{
    return sys_pipe2(ufds, 0);
}
