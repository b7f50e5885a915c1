/* What the tree says about its nodes: the stat family, statx, getdents64 and statfs64, in
   Linux i386's layouts. */
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/fs.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include <stddef.h>

#define ROOT_DEV_MINOR 2 /* 0:2, the device number of an early tmpfs (rootfs) */

/* arch/x86/include/uapi/asm/stat.h: struct stat64 */
struct stat64 {
    uint64_t dev;
    uint32_t pad0, ino32, mode, nlink, uid, gid;
    uint64_t rdev;
    uint32_t pad3;
    int64_t size;
    uint32_t blksize;
    uint64_t blocks;
    uint32_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    uint64_t ino;
} __attribute__((packed));
_Static_assert(sizeof(struct stat64) == 96, "stat64 layout");
_Static_assert(offsetof(struct stat64, size) == 44, "stat64 layout");

static uint64_t encode_dev(uint32_t major, uint32_t minor) /* Linux's new_encode_dev */
{
    return (minor & 0xFF) | (major << 8) | ((uint64_t)(minor & ~0xFFu) << 12);
}

static void fill_stat64(const struct vnode *n, struct stat64 *st)
{
    *st = (struct stat64){.dev = encode_dev(0, ROOT_DEV_MINOR),
                          .ino32 = n->ino,
                          .mode = n->mode,
                          .nlink = n->nlink,
                          .uid = n->uid,
                          .gid = n->gid,
                          .rdev = encode_dev(n->rdev_major, n->rdev_minor),
                          .size = S_ISCHR(n->mode) || (n->mode & S_IFMT) == S_IFIFO ? 0 : n->size,
                          .blksize = 4096,
                          .blocks = vfs_blocks(n),
                          .atime = (uint32_t)n->atime.sec,
                          .atime_nsec = n->atime.nsec,
                          .mtime = (uint32_t)n->mtime.sec,
                          .mtime_nsec = n->mtime.nsec,
                          .ctime = (uint32_t)n->ctime.sec,
                          .ctime_nsec = n->ctime.nsec,
                          .ino = n->ino};
}

static int32_t put_stat64(const struct vnode *n, uint32_t ubuf)
{
    struct stat64 st;
    fill_stat64(n, &st);
    return copy_to_user(ubuf, &st, sizeof(st));
}

sword_t sys_fstatat64(word_t dirfd, word_t upath, word_t ubuf, word_t flags)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
        return -EINVAL;
    struct vnode *n;
    int follow = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
    int err = fs_node(dirfd, upath, follow, flags & AT_EMPTY_PATH, &n);
    return err ? err : put_stat64(n, ubuf);
}

sword_t sys_stat64(word_t upath, word_t ubuf)
{
    return sys_fstatat64(AT_FDCWD, upath, ubuf, 0);
}

sword_t sys_lstat64(word_t upath, word_t ubuf)
{
    return sys_fstatat64(AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

sword_t sys_fstat64(word_t fd, word_t ubuf)
{
    struct file *f = fd_get(fd);
    return f ? put_stat64(f->node, ubuf) : -EBADF;
}

/* include/uapi/linux/stat.h: struct statx */
struct statx_ts {
    int64_t sec;
    uint32_t nsec;
    int32_t reserved;
};
struct statx {
    uint32_t mask, blksize;
    uint64_t attributes;
    uint32_t nlink, uid, gid;
    uint16_t mode, spare0;
    uint64_t ino, size, blocks, attributes_mask;
    struct statx_ts atime, btime, ctime, mtime;
    uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
    uint64_t spare2[14];
};
_Static_assert(sizeof(struct statx) == 256, "statx layout");
_Static_assert(offsetof(struct statx, rdev_major) == 128, "statx layout");

#define STATX_BASIC_STATS 0x7ffu
#define AT_STATX_SYNC_TYPE 0x6000

sword_t sys_statx(word_t dirfd, word_t upath, word_t flags, word_t mask, word_t ubuf)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
                            AT_STATX_SYNC_TYPE) ||
        (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
        return -EINVAL;
    if (mask & 0x80000000u) /* STATX__RESERVED */
        return -EINVAL;
    struct vnode *n;
    int follow = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
    int err = fs_node(dirfd, upath, follow, flags & AT_EMPTY_PATH, &n);
    if (err)
        return err;
    struct stat64 st;
    fill_stat64(n, &st);
    struct statx sx = {.mask = STATX_BASIC_STATS,
                       .blksize = st.blksize,
                       .nlink = st.nlink,
                       .uid = st.uid,
                       .gid = st.gid,
                       .mode = (uint16_t)st.mode,
                       .ino = st.ino,
                       .size = (uint64_t)st.size,
                       .blocks = st.blocks,
                       .atime = {n->atime.sec, n->atime.nsec, 0},
                       .ctime = {n->ctime.sec, n->ctime.nsec, 0},
                       .mtime = {n->mtime.sec, n->mtime.nsec, 0},
                       .rdev_major = n->rdev_major,
                       .rdev_minor = n->rdev_minor,
                       .dev_minor = ROOT_DEV_MINOR};
    return copy_to_user(ubuf, &sx, sizeof(sx));
}

/* A directory's entries: ".", "..", then its children newest first; the position is the
   index of the next entry. */
static uint8_t dtype(uint32_t mode)
{
    return (uint8_t)((mode & S_IFMT) >> 12); /* DT_* are the S_IF* type bits shifted */
}

sword_t sys_getdents64(word_t fd, word_t ubuf, word_t count)
{
    struct file *f = fd_get(fd);
    if (!f || (f->flags & O_PATH))
        return -EBADF;
    if (!S_ISDIR(f->node->mode))
        return -ENOTDIR;
    struct vnode *dir = f->node;
    uint32_t done = 0;
    struct vnode *c = f->pos >= 2 ? vfs_nth_child(dir, (uint32_t)f->pos - 2) : dir->child;
    if (!dir->parent && dir != vfs_root)
        return 0; /* a removed directory lists nothing, not even "." */
    for (;;) {
        const struct vnode *n = f->pos == 0   ? dir
                                : f->pos == 1 ? (dir->parent ? dir->parent : dir)
                                              : c;
        if (!n)
            break;
        const char *name = f->pos == 0 ? "." : f->pos == 1 ? ".." : c->name;
        uint32_t len = (uint32_t)strlen(name), reclen = (19 + len + 1 + 7) & ~7u;
        if (done + reclen > count)
            return done ? (int32_t)done : -EINVAL;
        struct {
            uint64_t ino;
            int64_t off;
            uint16_t reclen;
            uint8_t type;
            char name[NAME_MAX + 1 + 5 + 7];
        } __attribute__((packed)) d;
        memset(&d, 0, sizeof(d));
        d.ino = n->ino;
        d.off = (int64_t)f->pos + 1;
        d.reclen = (uint16_t)reclen;
        d.type = dtype(n->mode);
        memcpy(d.name, name, len);
        if (copy_to_user(ubuf + done, &d, reclen))
            return done ? (int32_t)done : -EFAULT;
        done += reclen;
        if (f->pos++ >= 2)
            c = c->next;
    }
    return (int32_t)done;
}

/* asm-generic/statfs.h: struct statfs64, as i386 has it (84 bytes) */
struct statfs64 {
    uint32_t type, bsize;
    uint64_t blocks, bfree, bavail, files, ffree;
    uint32_t fsid[2], namelen, frsize, flags, spare[4];
} __attribute__((packed));
_Static_assert(sizeof(struct statfs64) == 84, "statfs64 layout");

#define TMPFS_MAGIC 0x01021994u
#define ST_VALID 0x20

static int32_t put_statfs(uint32_t size, uint32_t ubuf)
{
    if (size != sizeof(struct statfs64))
        return -EINVAL;
    uint32_t used, limit, free = pmm_free_count();
    vfs_usage(&used, &limit);
    uint32_t left = limit - used < free ? limit - used : free;
    struct statfs64 s = {.type = TMPFS_MAGIC,
                         .bsize = 4096,
                         .blocks = limit,
                         .bfree = left,
                         .bavail = left,
                         .files = free,
                         .ffree = free,
                         .namelen = NAME_MAX,
                         .frsize = 4096,
                         .flags = ST_VALID};
    return copy_to_user(ubuf, &s, sizeof(s));
}

sword_t sys_statfs64(word_t upath, word_t size, word_t ubuf)
{
    struct vnode *n;
    int err = fs_node(AT_FDCWD, upath, LOOKUP_FOLLOW, 0, &n);
    return err ? err : put_statfs(size, ubuf);
}

sword_t sys_fstatfs64(word_t fd, word_t size, word_t ubuf)
{
    return fd_get(fd) ? put_statfs(size, ubuf) : -EBADF;
}
