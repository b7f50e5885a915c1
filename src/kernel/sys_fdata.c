/* A file's position, size, times and owner: lseek, _llseek, truncate, ftruncate (and their
   64-bit forms), fsync, fdatasync, utimensat, chmod and chown (and their f- and -at forms). */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/fs.h"
#include "kernel/loop.h"
#include "kernel/mount.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

static int64_t seek(uint32_t fd, int64_t off, uint32_t whence)
{
    struct file *f = fd_get_nopath(fd);
    if (!f)
        return -EBADF;
    if (whence > SEEK_HOLE) /* before any file's own lseek, as Linux's ksys_lseek */
        return -EINVAL;
    if (f->anon) /* noop_llseek: where it is, 0 */
        return 0;
    if (file_stream(f))
        return -ESPIPE;
    if (S_ISCHR(f->node->mode)) /* the devices' lseek: null, zero, ... stay at 0 */
        return 0;
    bool blk = S_ISBLK(f->node->mode);
    int64_t size = blk ? (int64_t)loop_size(f->node) : S_ISREG(f->node->mode) ? f->node->size : 0;
    int64_t pos;
    switch (whence) {
    default: /* SEEK_SET: the rest are out above */
        pos = off;
        break;
    case SEEK_CUR:
        pos = (int64_t)f->pos + off;
        break;
    case SEEK_END:
        pos = size + off;
        break;
    case SEEK_DATA:
    case SEEK_HOLE: /* all of a file is data, as tmpfs sees it without holes */
        if (off < 0 || off >= size)
            return -ENXIO;
        pos = whence == SEEK_DATA ? off : size;
        break;
    }
    if (pos < 0 || (blk && pos > size)) /* a disk ends where it ends (fixed_size_llseek) */
        return -EINVAL;
    f->pos = (uint64_t)pos;
    return pos;
}

sword_t sys_lseek(uint32_t fd, word_t off, uint32_t whence)
{
    struct file *f = fd_get(fd);
    uint64_t old = f ? f->pos : 0;
    int64_t pos = seek(fd, abi_long_arg(off), whence);
    /* beyond the kernel's off_t (Linux's compat lseek too returns a 64-bit one) */
    if (pos > (int64_t)((word_t)-1 >> 1)) {
        f->pos = old; /* Linux's lseek leaves it where it was */
        return -EOVERFLOW;
    }
    return (sword_t)pos;
}

sword_t sys_llseek(uint32_t fd, word_t hi, word_t lo, uaddr_t result, uint32_t whence)
{
    int64_t pos = seek(fd, (int64_t)(((uint64_t)hi << 32) | lo), whence);
    if (pos < 0)
        return (int32_t)pos;
    return copy_to_user(result, &pos, sizeof(pos));
}

/* by_path: truncate's, which needs write permission (ftruncate's descriptor is writable). */
static int32_t truncate_node(struct vnode *n, uint8_t via, int64_t len, bool by_path)
{
    int err;
    if (len < 0)
        return -EINVAL;
    if (S_ISDIR(n->mode))
        return -EISDIR;
    if (!S_ISREG(n->mode))
        return -EINVAL;
    if (by_path && ((err = mount_writable(n, via)) || (err = cred_permission(n, MAY_WRITE))))
        return err;
    if (n == app.exe)
        return -ETXTBSY; /* the running program's file, as Linux's get_write_access */
    cred_write_kills_suid(n);
    err = vfs_truncate(n, (uint64_t)len);
    if (!err)
        vfs_touch(n, true);
    return err;
}

sword_t sys_truncate64(word_t upath, word_t lo, word_t hi)
{
    struct vnode *n;
    uint8_t via;
    int err = fs_node_via(AT_FDCWD, upath, LOOKUP_FOLLOW, 0, &n, &via);
    return err ? err : truncate_node(n, via, (int64_t)(((uint64_t)hi << 32) | lo), true);
}

sword_t sys_truncate(word_t upath, word_t len)
{
    return sys_truncate64(upath, len, abi_long_arg(len) < 0 ? ~(word_t)0 : 0);
}

sword_t sys_ftruncate64(uint32_t fd, word_t lo, word_t hi)
{
    struct file *f = fd_get_nopath(fd);
    if (!f)
        return -EBADF;
    if (!S_ISREG(f->node->mode) || !file_writable(f))
        return -EINVAL;
    return truncate_node(f->node, f->mnt, (int64_t)(((uint64_t)hi << 32) | lo), false);
}

sword_t sys_ftruncate(uint32_t fd, word_t len)
{
    return sys_ftruncate64(fd, len, abi_long_arg(len) < 0 ? ~(word_t)0 : 0);
}

/* fallocate, as Linux's vfs_fallocate checks it and tmpfs's shmem_fallocate does it: the
   mode's flags first, then the file (open for writing; ESPIPE for a pipe, ENODEV for what is
   not a regular file), then the range; tmpfs has only KEEP_SIZE and PUNCH_HOLE. */
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE 0x10
#define FALLOC_FL_INSERT_RANGE 0x20
#define FALLOC_FL_UNSHARE_RANGE 0x40
#define FALLOC_FL_SUPPORTED                                                                        \
    (FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE |                       \
     FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

static bool only(uint32_t mode, uint32_t flag, uint32_t allowed)
{
    return !(mode & flag) || !(mode & ~(flag | allowed));
}

sword_t sys_fallocate(uint32_t fd, uint32_t mode, word_t off_lo, word_t off_hi, word_t len_lo,
                      word_t len_hi)
{
    struct file *f = fd_get_nopath(fd);
    int64_t off = (int64_t)(((uint64_t)off_hi << 32) | off_lo);
    int64_t len = (int64_t)(((uint64_t)len_hi << 32) | len_lo);
    if (!f)
        return -EBADF;
    if (off < 0 || len <= 0)
        return -EINVAL;
    if ((mode & ~(uint32_t)FALLOC_FL_SUPPORTED) ||
        (mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ==
            (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE) ||
        (mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE)) == FALLOC_FL_PUNCH_HOLE)
        return -EOPNOTSUPP;
    if (!only(mode, FALLOC_FL_COLLAPSE_RANGE, 0) || !only(mode, FALLOC_FL_INSERT_RANGE, 0) ||
        !only(mode, FALLOC_FL_UNSHARE_RANGE, FALLOC_FL_KEEP_SIZE))
        return -EINVAL;
    if (!file_writable(f))
        return -EBADF;
    struct vnode *n = f->node;
    if (S_ISFIFO(n->mode))
        return -ESPIPE;
    if (S_ISDIR(n->mode))
        return -EISDIR;
    if (!S_ISREG(n->mode))
        return -ENODEV;
    if ((uint64_t)off + (uint64_t)len > INT64_MAX) /* past the largest offset */
        return -EFBIG;
    if ((mode & ~(uint32_t)(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) || n->proc)
        return -EOPNOTSUPP; /* (procfs has no fallocate) */
    int err = mode & FALLOC_FL_PUNCH_HOLE
                  ? vfs_punch(n, (uint64_t)off, (uint64_t)len)
                  : vfs_allocate(n, (uint64_t)off, (uint64_t)len, mode & FALLOC_FL_KEEP_SIZE);
    if (!err)
        vfs_touch(n, mode & FALLOC_FL_PUNCH_HOLE);
    return err;
}

/* Nothing is ever written back: the tree lives in RAM. */
sword_t sys_sync(void)
{
    return 0;
}

/* fsync and fdatasync: only files, folders and the loop devices have it (Linux's noop_fsync and
   blkdev_fsync); a pipe, the console or another device does not (EINVAL). syncfs takes any file. */
sword_t sys_fsync(uint32_t fd)
{
    struct file *f = fd_get_nopath(fd);
    if (!f)
        return -EBADF;
    uint32_t mode = f->node->mode;
    return S_ISREG(mode) || S_ISDIR(mode) || S_ISBLK(mode) ? 0 : -EINVAL;
}

sword_t sys_syncfs(uint32_t fd)
{
    struct file *f = fd_get_nopath(fd);
    return f ? 0 : -EBADF;
}

#define UTIME_NOW ((1u << 30) - 1)
#define UTIME_OMIT ((1u << 30) - 2)

static void set_time(struct vtime *t, int64_t sec, uint32_t nsec, struct vtime now)
{
    if (nsec == UTIME_NOW)
        *t = now;
    else if (nsec != UTIME_OMIT)
        *t = (struct vtime){sec, nsec};
}

/* times: two timespecs, 32-bit (utimensat) or 64-bit seconds (utimensat_time64). */
static int32_t utimens(uint32_t dirfd, uaddr_t upath, uaddr_t times, uint32_t flags, bool t64)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    int64_t sec[2] = {0, 0};
    uint32_t nsec[2] = {UTIME_NOW, UTIME_NOW};
    for (word_t i = 0; times && i < 2; i++) {
        struct timespec_k t;
        if (abi_timespec_from_user(times, i, t64, &t))
            return -EFAULT;
        sec[i] = t.sec;
        /* a time64 nsec's high half is ignored in a 32-bit call, as Linux i386's and its
           compat calls; a 64-bit one checks the whole long */
        if (abi_long_size() == 8 && (uint64_t)t.nsec >> 32)
            return -EINVAL;
        nsec[i] = (uint32_t)t.nsec;
        if (nsec[i] != UTIME_NOW && nsec[i] != UTIME_OMIT && nsec[i] >= 1000000000u)
            return -EINVAL;
    }
    struct vnode *n;
    uint8_t via;
    const struct file *f = upath ? NULL : fd_get(dirfd);
    int err = upath ? fs_node_via(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
                                  flags & AT_EMPTY_PATH, &n, &via)
              : f   ? (n = f->node, via = f->mnt, 0)
                    : -EBADF;
    if (err)
        return err;
    if (nsec[0] == UTIME_OMIT && nsec[1] == UTIME_OMIT)
        return 0;
    if ((err = mount_writable(n, via)))
        return err;
    /* Linux's may_setattr: "now" takes ownership or write permission; any other time
       ownership (CAP_FOWNER stands for both) */
    if (!cred_owns(n) && (nsec[0] != UTIME_NOW || nsec[1] != UTIME_NOW))
        return -EPERM;
    if (!cred_owns(n) && (err = cred_permission(n, MAY_WRITE)))
        return err;
    vfs_touch(n, false);
    set_time(&n->atime, sec[0], nsec[0], n->ctime);
    set_time(&n->mtime, sec[1], nsec[1], n->ctime);
    return 0;
}

sword_t sys_utimensat(uint32_t dirfd, word_t upath, uaddr_t times, uint32_t flags)
{
    return utimens(dirfd, upath, times, flags, false);
}

sword_t sys_utimensat_time64(uint32_t dirfd, word_t upath, uaddr_t times, uint32_t flags)
{
    return utimens(dirfd, upath, times, flags, true);
}

#define S_ISUID 04000
#define S_ISGID 02000

/* As Linux's setattr_prepare: the owner (or CAP_FOWNER) only; set-group-ID goes unless the
   file's group is the app's or it has CAP_FSETID. */
static int32_t chmod_node(struct vnode *n, uint8_t via, uint32_t mode)
{
    int err = mount_writable(n, via);
    if (err)
        return err;
    if (!cred_owns(n))
        return -EPERM;
    if (!in_group(n->gid) && !capable(CAP_FSETID))
        mode &= ~(uint32_t)S_ISGID;
    n->mode = (n->mode & S_IFMT) | (mode & 07777);
    vfs_touch(n, false);
    return 0;
}

sword_t sys_fchmodat(uint32_t dirfd, word_t upath, uint32_t mode)
{
    struct vnode *n;
    uint8_t via;
    int err = fs_node_via(dirfd, upath, LOOKUP_FOLLOW, 0, &n, &via);
    return err ? err : chmod_node(n, via, mode);
}

sword_t sys_chmod(word_t upath, uint32_t mode)
{
    return sys_fchmodat(AT_FDCWD, upath, mode);
}

sword_t sys_fchmod(uint32_t fd, uint32_t mode)
{
    struct file *f = fd_get_nopath(fd);
    return f ? chmod_node(f->node, f->mnt, mode) : -EBADF;
}

/* -1 leaves an id as it is; a change clears set-user-ID (and set-group-ID with group x),
   as Linux does even for root. Without CAP_CHOWN, the owner may only give the file to a group
   of its own (Linux's chown_ok and chgrp_ok). */
static int32_t chown_node(struct vnode *n, uint8_t via, uint32_t uid, uint32_t gid)
{
    int err = mount_writable(n, via);
    if (err)
        return err;
    bool own = cred.fsuid == n->uid;
    if (!capable(CAP_CHOWN) && ((uid != 0xFFFFFFFFu && !(own && uid == n->uid)) ||
                                (gid != 0xFFFFFFFFu && !(own && (gid == n->gid || in_group(gid))))))
        return -EPERM;
    if (uid != 0xFFFFFFFFu)
        n->uid = uid;
    if (gid != 0xFFFFFFFFu)
        n->gid = gid;
    if (!S_ISDIR(n->mode) && (uid != 0xFFFFFFFFu || gid != 0xFFFFFFFFu))
        n->mode &= ~(uint32_t)(S_ISUID | (n->mode & 010 ? S_ISGID : 0));
    vfs_touch(n, false);
    return 0;
}

sword_t sys_fchownat(uint32_t dirfd, word_t upath, uint32_t uid, uint32_t gid, uint32_t flags)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct vnode *n;
    int follow = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
    uint8_t via;
    int err = fs_node_via(dirfd, upath, follow, flags & AT_EMPTY_PATH, &n, &via);
    return err ? err : chown_node(n, via, uid, gid);
}

sword_t sys_chown32(word_t upath, uint32_t uid, uint32_t gid)
{
    return sys_fchownat(AT_FDCWD, upath, uid, gid, 0);
}

sword_t sys_lchown32(word_t upath, uint32_t uid, uint32_t gid)
{
    return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

sword_t sys_fchown32(uint32_t fd, uint32_t uid, uint32_t gid)
{
    struct file *f = fd_get_nopath(fd);
    return f ? chown_node(f->node, f->mnt, uid, gid) : -EBADF;
}
