/* What the tree says about its nodes: the stat family, statx, getdents64 and statfs64 (the
   app's layouts are the ABI's: kernel/abi.h). */
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/fs.h"
#include "kernel/mount.h"
#include "kernel/pmm.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"

/* A node's attributes: a character device or a pipe has no size. */
static void stat_fill(const struct vnode *n, struct kstat *st)
{
    *st = (struct kstat){.ino = n->ino,
                         .dev_minor = mount_minor(n),
                         .rdev_major = n->rdev_major,
                         .rdev_minor = n->rdev_minor,
                         .mode = n->mode,
                         .nlink = n->nlink,
                         .uid = n->uid,
                         .gid = n->gid,
                         .size = S_ISCHR(n->mode) || (n->mode & S_IFMT) == S_IFIFO ? 0 : n->size,
                         .blocks = vfs_blocks(n),
                         .blksize = 4096,
                         .atime = n->atime,
                         .mtime = n->mtime,
                         .ctime = n->ctime};
}

static int32_t put_stat64(const struct vnode *n, uaddr_t ubuf)
{
    struct kstat st;
    stat_fill(n, &st);
    return abi_stat64_to_user(ubuf, &st);
}

/* The node fstatat and statx name, by their flags' AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH. */
__attribute__((noinline)) static int stat_node(uint32_t dirfd, word_t upath, uint32_t flags,
                                               struct vnode **n)
{
    int follow = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
    return fs_node(dirfd, upath, follow, flags & AT_EMPTY_PATH, n);
}

sword_t sys_fstatat64(uint32_t dirfd, word_t upath, word_t ubuf, uint32_t flags)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
        return -EINVAL;
    struct vnode *n;
    int err = stat_node(dirfd, upath, flags, &n);
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

sword_t sys_fstat64(uint32_t fd, word_t ubuf)
{
    struct file *f = fd_get(fd);
    return f ? put_stat64(f->node, ubuf) : -EBADF;
}

#define STATX_BASIC_STATS 0x7ffu
#define AT_STATX_SYNC_TYPE 0x6000

sword_t sys_statx(uint32_t dirfd, word_t upath, uint32_t flags, uint32_t mask, word_t ubuf)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
                            AT_STATX_SYNC_TYPE) ||
        (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
        return -EINVAL;
    if (mask & 0x80000000u) /* STATX__RESERVED */
        return -EINVAL;
    struct vnode *n;
    int err = stat_node(dirfd, upath, flags, &n);
    if (err)
        return err;
    struct kstat st;
    stat_fill(n, &st);
    return abi_statx_to_user(ubuf, &st, STATX_BASIC_STATS);
}

/* A directory's entries: ".", "..", then its children newest first; the position is the
   index of the next entry. */
static uint8_t dtype(uint32_t mode)
{
    return (uint8_t)((mode & S_IFMT) >> 12); /* DT_* are the S_IF* type bits shifted */
}

sword_t sys_getdents64(uint32_t fd, word_t ubuf, word_t count)
{
    struct file *f = fd_get_nopath(fd);
    if (!f)
        return -EBADF;
    if (!S_ISDIR(f->node->mode))
        return -ENOTDIR;
    struct vnode *dir = f->node;
    uint32_t done = 0;
    if (f->pos == 0 && dir->proc)
        proc_refresh(dir); /* a listing from the start sees what is now */
    const struct ventry *c = vfs_nth_child(dir, f->pos >= 2 ? (uint32_t)f->pos - 2 : 0);
    if (!dir->parent && dir != vfs_root && !mount_is_root(dir, f->mnt))
        return 0; /* a removed directory lists nothing, not even "." (a mount over "/" has no
                     parent either) */
    for (;;) {
        const struct vnode *n;
        const char *name;
        if (f->pos == 0)
            n = dir, name = ".";
        else if (f->pos == 1)
            n = dir->parent ? dir->parent : dir, name = "..";
        else if (c)
            n = c->node, name = c->name;
        else
            break;
        struct dirent_k d = {.ino = n->ino,
                             .off = (int64_t)f->pos + 1,
                             .type = dtype(n->mode),
                             .name = name,
                             .namelen = (word_t)strlen(name)};
        sword_t reclen = abi_dirent64_to_user(ubuf + done, count - done, &d);
        if (reclen <= 0) /* 0: it does not fit */
            return done ? (int32_t)done : reclen ? reclen : -EINVAL;
        done += (uint32_t)reclen;
        if (f->pos++ >= 2)
            c = c->next;
    }
    return (int32_t)done;
}

#define TMPFS_MAGIC 0x01021994u
#define PROC_SUPER_MAGIC 0x9FA0u
#define RAMFS_MAGIC 0x858458F6u
#define SYSFS_MAGIC 0x62656572u
#define ST_VALID 0x20
#define ST_RELATIME 0x1000

/* The tree and its tmpfs and devtmpfs mounts are tmpfs (one pool of frames, and a mount's size=);
   procfs, sysfs and ramfs have no blocks and no inodes to count. f_flags: the mount's (ST_RDONLY to
   ST_NOEXEC, ST_NOATIME and ST_NODIRATIME are MS_*'s values). */
static int32_t put_statfs(const struct vnode *n, uint8_t via, word_t size, uaddr_t ubuf)
{
    uint32_t mf = mount_flags(n, via);
    uint32_t flags =
        ST_VALID |
        (mf & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME)) |
        (mf & MS_RELATIME ? ST_RELATIME : 0);
    const struct mount *m = &mounts[n->mnt];
    struct kstatfs s = {
        .type = TMPFS_MAGIC, .bsize = 4096, .namelen = NAME_MAX, .frsize = 4096, .flags = flags};
    if (m->type == MNT_EXT2) { /* the superblock's counts (Linux's take its overhead off) */
        s.type = EXT2_SUPER_MAGIC, s.bsize = s.frsize = m->disk.bsize;
        s.blocks = m->disk.blocks, s.bfree = m->disk.bfree, s.bavail = m->disk.bavail;
        s.files = m->disk.files, s.ffree = m->disk.ffree;
    } else if (n->proc) {
        s.type = m->type == MNT_SYSFS ? SYSFS_MAGIC : PROC_SUPER_MAGIC;
    } else if (m->type == MNT_RAMFS) { /* no counts, as Linux's simple_statfs */
        s.type = RAMFS_MAGIC;
    } else {
        uint32_t used, limit, free = pmm_free_count();
        vfs_usage(&used, &limit);
        uint32_t left = limit - used < free ? limit - used : free;
        s.files = s.ffree = free;
        if (m->max_pages) /* size=: its own, as Linux's shmem_statfs, whatever the RAM holds */
            limit = m->max_pages, left = m->max_pages - m->pages;
        if (m->max_inodes) /* nr_inodes= */
            s.files = m->max_inodes, s.ffree = m->max_inodes - m->inodes;
        s.blocks = limit, s.bfree = s.bavail = left;
    }
    return abi_statfs64_to_user(ubuf, size, &s);
}

sword_t sys_statfs64(word_t upath, word_t size, word_t ubuf)
{
    struct vnode *n;
    uint8_t via;
    int err = fs_node_via(AT_FDCWD, upath, LOOKUP_FOLLOW, 0, &n, &via);
    return err ? err : put_statfs(n, via, size, ubuf);
}

sword_t sys_fstatfs64(uint32_t fd, word_t size, word_t ubuf)
{
    struct file *f = fd_get(fd);
    return f ? put_statfs(f->node, f->mnt, size, ubuf) : -EBADF;
}
