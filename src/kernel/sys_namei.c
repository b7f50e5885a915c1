/* Changing the tree: mkdir, mknod, rmdir, unlink, rename, link, symlink (and their *at
   forms), readlink and access. */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/fs.h"
#include "kernel/mount.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

/* Look up a path whose last component is to be created or removed: never follows it. */
static int parent_lookup(uint32_t dirfd, uaddr_t upath, struct lookup *out)
{
    return fs_lookup(dirfd, upath, 0, 0, out);
}

/* Create a node of the given mode where l found none, in a directory the app may write (and a
   device with CAP_MKNOD, but for a whiteout, 0:0); symlinks get their target as data, device
   nodes their numbers (dev, as Linux's new_encode_dev() packs them). */
static int create_at(struct lookup *l, uint32_t mode, const char *target, uint32_t dev,
                     struct vnode **out)
{
    int err = 0;
    if (l->node)
        err = -EEXIST;
    else if (l->trailing_slash && !S_ISDIR(mode))
        err = -ENOENT;
    else if (l->dir->proc) /* procfs's lookups make no new names; kernfs has no such calls */
        err = mount_sysfs(l->dir) ? -EPERM : -ENOENT;
    else if ((err = mount_writable(l->dir, l->dmnt)) ||
             (err = cred_permission(l->dir, MAY_WRITE | MAY_EXEC)))
        ;
    else if ((S_ISCHR(mode) || (mode & S_IFMT) == S_IFBLK) && !(S_ISCHR(mode) && !dev) &&
             !capable(CAP_MKNOD))
        err = -EPERM;
    struct vnode *n = err ? NULL : fs_new_node(l->dir, mode);
    if (!err && !n)
        err = -ENOSPC;
    if (!err && target) {
        n->size = (uint32_t)strlen(target); /* first: vfs_data.c's charged() reads it */
        if (vfs_write(n, 0, target, n->size) < 0)
            err = -ENOSPC;
    }
    if (n) {
        n->rdev_major = (dev & 0xFFF00) >> 8;
        n->rdev_minor = (dev & 0xFF) | ((dev >> 12) & 0xFFF00);
    }
    if (!err && vfs_link(l->dir, l->name, n))
        err = -ENOSPC;
    if (err && n)
        vfs_put(n);
    if (!err && out)
        *out = n;
    return err;
}

static int32_t create(uint32_t dirfd, uaddr_t upath, uint32_t mode, const char *target,
                      uint32_t dev)
{
    struct lookup l;
    int err = parent_lookup(dirfd, upath, &l);
    return err ? err : create_at(&l, mode, target, dev, NULL);
}

int fs_create(struct lookup *l, uint32_t mode, struct vnode **out)
{
    return create_at(l, mode, NULL, 0, out);
}

sword_t sys_mkdirat(uint32_t dirfd, word_t upath, uint32_t mode)
{
    return create(dirfd, upath, S_IFDIR | (mode & 01777 & ~fs.umask), NULL, 0);
}

sword_t sys_mkdir(word_t upath, uint32_t mode)
{
    return sys_mkdirat(AT_FDCWD, upath, mode);
}

/* As Linux's do_mknodat: the type first (none is a regular file; a directory is mkdir's), then
   the path. Devices keep their numbers (an unknown one then opens with ENXIO); FIFOs open as
   pipes (kernel/pipe.c); a socket's node has nothing to open. */
sword_t sys_mknodat(uint32_t dirfd, word_t upath, uint32_t mode, uint32_t dev)
{
    /* the types mknod makes, each a bit by its number (S_IF* >> 12); none is a regular file */
    enum {
        MAKES = 1 | 1 << (S_IFREG >> 12) | 1 << (S_IFCHR >> 12) | 1 << (S_IFBLK >> 12) |
                1 << (S_IFIFO >> 12) | 1 << (S_IFSOCK >> 12)
    };
    uint32_t type = mode & S_IFMT;
    if (type == S_IFDIR)
        return -EPERM;
    if (!(MAKES >> (type >> 12) & 1))
        return -EINVAL;
    if (!type)
        type = S_IFREG;
    bool device = type == S_IFCHR || type == S_IFBLK;
    return create(dirfd, upath, type | (mode & 07777 & ~fs.umask), NULL, device ? dev : 0);
}

sword_t sys_mknod(word_t upath, uint32_t mode, uint32_t dev)
{
    return sys_mknodat(AT_FDCWD, upath, mode, dev);
}

sword_t sys_symlinkat(word_t utarget, uint32_t dirfd, word_t upath)
{
    char *target;
    int err = fs_get_path(utarget, &target);
    if (err)
        return err;
    err = target[0] ? create(dirfd, upath, S_IFLNK | 0777, target, 0) : -ENOENT;
    fs_put_path(target);
    return err;
}

sword_t sys_symlink(word_t utarget, word_t upath)
{
    return sys_symlinkat(utarget, AT_FDCWD, upath);
}

/* May the app take n's name out of dir: write and search dir, and in a sticky one (S_ISVTX)
   own n or dir or have CAP_FOWNER (Linux's check_sticky). */
#define S_ISVTX 01000
static int may_delete(const struct vnode *dir, const struct vnode *n)
{
    int err = cred_permission(dir, MAY_WRITE | MAY_EXEC);
    if (!err && (dir->mode & S_ISVTX) && cred.fsuid != n->uid && cred.fsuid != dir->uid &&
        !capable(CAP_FOWNER))
        err = -EPERM;
    return err;
}

/* Why a node may not be removed (as Linux's do_rmdir and do_unlinkat: ".", ".." and a
   read-only mount first, then may_delete's checks, then procfs, which removes nothing, and a
   mount point), or 0. */
static int removable(const struct lookup *l, bool dir)
{
    const struct vnode *n = l->node;
    int err;
    if (l->dot && n) /* unlink's "." and "..": EISDIR, as any name but an ordinary one */
        return !dir                             ? -EISDIR
               : strcmp(l->name, ".") == 0      ? -EINVAL
               : mount_reaches(vfs_app_root, n) ? -EBUSY
                                                : -ENOTEMPTY;
    if ((err = mount_writable(l->dir, l->dmnt)))
        return err;
    if (!n)
        return -ENOENT;
    if (!dir && l->trailing_slash)
        return S_ISDIR(n->mode) ? -EISDIR : -ENOTDIR;
    if ((err = may_delete(l->dir, n)))
        return err;
    if (dir != S_ISDIR(n->mode))
        return dir ? -ENOTDIR : -EISDIR;
    if (l->dir->proc || n->proc)
        return l->dir->proc ? -EPERM : -EBUSY;
    if (mount_is_root(n, l->mnt) || n->covered) /* a mount's point, through any mount */
        return -EBUSY;
    return dir && !vfs_is_empty(n) ? -ENOTEMPTY : 0;
}

sword_t sys_unlinkat(uint32_t dirfd, word_t upath, uint32_t flags)
{
    if (flags & ~(uint32_t)AT_REMOVEDIR)
        return -EINVAL;
    struct lookup l;
    int err = parent_lookup(dirfd, upath, &l);
    if (err)
        return err;
    if (!(err = removable(&l, flags & AT_REMOVEDIR)))
        vfs_unlink(l.dir, l.name);
    return err;
}

sword_t sys_unlink(word_t upath)
{
    return sys_unlinkat(AT_FDCWD, upath, 0);
}

sword_t sys_rmdir(word_t upath)
{
    return sys_unlinkat(AT_FDCWD, upath, AT_REMOVEDIR);
}

#define RENAME_NOREPLACE 1

/* Is n the directory d or one of its ancestors? */
static bool encloses(const struct vnode *n, const struct vnode *d)
{
    for (; d; d = d->parent)
        if (d == n)
            return true;
    return false;
}

static int rename_check(const struct lookup *from, const struct lookup *to, uint32_t flags)
{
    const struct vnode *n = from->node, *old = to->node;
    if (!n)
        return -ENOENT;
    if (from->dot || to->dot)
        return -EBUSY;
    if (old && (flags & RENAME_NOREPLACE))
        return -EEXIST; /* even another name of the same node */
    if ((from->trailing_slash || to->trailing_slash) && !S_ISDIR(n->mode))
        return -ENOTDIR;
    if (from->dmnt != to->dmnt) /* another mount: procfs, or one of mount(2)'s */
        return -EXDEV;
    int err = mount_writable(from->dir, from->dmnt);
    if (err)
        return err;
    /* procfs renames nothing, and its lookups make no names; kernfs renames nothing */
    if (from->dir->proc || n->proc || (old && old->proc))
        return !from->dir->proc ? -EBUSY : old || mount_sysfs(from->dir) ? -EPERM : -ENOENT;
    if (old == n)
        return 0;
    if (S_ISDIR(n->mode) && encloses(n, to->dir))
        return -EINVAL; /* into its own subtree */
    err = may_delete(from->dir, n);
    if (err ||
        (err = old ? may_delete(to->dir, old) : cred_permission(to->dir, MAY_WRITE | MAY_EXEC)))
        return err;
    if (old && S_ISDIR(n->mode) != S_ISDIR(old->mode))
        return S_ISDIR(n->mode) ? -ENOTDIR : -EISDIR;
    if (S_ISDIR(n->mode) && to->dir != from->dir && (err = cred_permission(n, MAY_WRITE)))
        return err; /* its ".." changes */
    if (mount_is_root(n, from->mnt) || n->covered ||
        (old && (mount_is_root(old, to->mnt) || old->covered)))
        return -EBUSY;
    if (old && S_ISDIR(old->mode) && !vfs_is_empty(old))
        return -ENOTEMPTY;
    return 0;
}

sword_t sys_renameat2(uint32_t olddirfd, word_t uold, uint32_t newdirfd, word_t unew,
                      uint32_t flags)
{
    if (flags & ~(uint32_t)RENAME_NOREPLACE)
        return -EINVAL; /* RENAME_EXCHANGE and RENAME_WHITEOUT are not implemented */
    struct lookup lfrom, lto, *from = &lfrom, *to = &lto;
    int err = parent_lookup(olddirfd, uold, from);
    if (err || (err = parent_lookup(newdirfd, unew, to)))
        return err;
    struct vnode *n = from->node;
    if (!(err = rename_check(from, to, flags)) && to->node != n)
        err = vfs_move(from->dir, from->name, to->dir, to->name) ? -ENOSPC : 0;
    return err;
}

sword_t sys_renameat(uint32_t olddirfd, word_t uold, uint32_t newdirfd, word_t unew)
{
    return sys_renameat2(olddirfd, uold, newdirfd, unew, 0);
}

sword_t sys_rename(word_t uold, word_t unew)
{
    return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* As Linux's do_linkat: the flags; the old path, followed only with AT_SYMLINK_FOLLOW, or with
   AT_EMPTY_PATH olddirfd's own node (with CAP_DAC_READ_SEARCH, else ENOENT); then the new name
   in a directory the app may write,
   which must not exist. A directory has one name only (EPERM), and a node that lost its last
   name (a file still open) gets none again (ENOENT), unless it is an O_TMPFILE one. */
sword_t sys_linkat(uint32_t olddirfd, word_t uold, uint32_t newdirfd, word_t unew, uint32_t flags)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    if ((flags & AT_EMPTY_PATH) && !capable(CAP_DAC_READ_SEARCH))
        return -ENOENT;
    struct vnode *n;
    uint8_t via;
    int follow = flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0;
    int err = fs_node_via(olddirfd, uold, follow, flags & AT_EMPTY_PATH, &n, &via);
    if (err)
        return err;
    struct lookup l;
    if ((err = parent_lookup(newdirfd, unew, &l)))
        return err;
    if (l.node || l.dot)
        return -EEXIST;
    if (l.trailing_slash)
        return -ENOENT;
    if ((err = mount_writable(l.dir, l.dmnt)))
        return err;
    if (via != l.dmnt) /* another mount: procfs, or one of mount(2)'s */
        return -EXDEV;
    if (n->proc) /* procfs links nothing */
        return -EPERM;
    if ((err = cred_permission(l.dir, MAY_WRITE | MAY_EXEC)))
        return err;
    if (S_ISDIR(n->mode))
        return -EPERM;
    if (!n->names && !n->linkable)
        return -ENOENT;
    if (vfs_link(l.dir, l.name, n))
        return -ENOSPC;
    n->linkable = false;
    vfs_touch(n, false);
    return 0;
}

sword_t sys_link(word_t uold, word_t unew)
{
    return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

sword_t sys_readlinkat(uint32_t dirfd, word_t upath, word_t ubuf, word_t size)
{
    struct vnode *n;
    if ((int32_t)size <= 0)
        return -EINVAL;
    int err = fs_node(dirfd, upath, 0, AT_EMPTY_PATH, &n);
    if (err)
        return err;
    if (!S_ISLNK(n->mode))
        return -EINVAL;
    uint32_t len = vfs_size(n);
    if (n->proc && !len)
        return -ENOENT; /* /proc/self/exe without a file (a bare ELF module's) */
    return vfs_read_user(n, 0, ubuf, (uint32_t)(size < len ? size : len));
}

sword_t sys_readlink(word_t upath, word_t ubuf, word_t size)
{
    return sys_readlinkat(AT_FDCWD, upath, ubuf, size);
}

/* As Linux's do_faccessat: the walk and the check with the real ids, and capabilities only
   for real uid 0 (access_override_creds), unless AT_EACCESS. */
sword_t sys_faccessat2(uint32_t dirfd, word_t upath, uint32_t mode, uint32_t flags)
{
    if (mode & ~7u)
        return -EINVAL;
    if (flags & ~(uint32_t)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct cred saved = cred;
    if (!(flags & AT_EACCESS)) {
        cred.fsuid = cred.uid, cred.fsgid = cred.gid;
        cred.eff = cred.uid ? 0 : cred.prm;
    }
    struct vnode *n;
    uint8_t via;
    int follow = flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW;
    int err = fs_node_via(dirfd, upath, follow, flags & AT_EMPTY_PATH, &n, &via);
    /* a read-only mount's files, folders and links ("SuS v2 requires") */
    if (!err && (mode & 2) && (S_ISREG(n->mode) || S_ISDIR(n->mode) || S_ISLNK(n->mode)))
        err = mount_writable(n, via);
    if (!err)
        err = cred_permission(n, mode);
    cred = saved;
    return err;
}

sword_t sys_faccessat(uint32_t dirfd, word_t upath, uint32_t mode)
{
    return sys_faccessat2(dirfd, upath, mode, 0);
}

sword_t sys_access(word_t upath, uint32_t mode)
{
    return sys_faccessat2(AT_FDCWD, upath, mode, 0);
}
