/* The working directory, the root, the umask, and the path helpers of the *at() system calls,
   with the copy of a user string that they start from. */
#include "kernel/fs.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/mount.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"

struct fs fs = {.umask = 022}; /* Linux's init_fs */

/* uaccess.h's, here with the paths that read it, built for size: it was cold in uaccess.c,
   built for speed (16 bytes off each kernel). */
int32_t copy_string_from_user(char *dst, uaddr_t src, uint32_t max)
{
    for (uint32_t done = 0; done < max;) {
        uint32_t n = PAGE_SIZE - ((src + done) % PAGE_SIZE);
        if (n > 256)
            n = 256;
        if (n > max - done)
            n = max - done;
        if (copy_from_user(dst + done, src + done, n))
            return -EFAULT;
        for (uint32_t i = 0; i < n; i++)
            if (!dst[done + i])
                return (int32_t)(done + i);
        done += n;
    }
    return -ENAMETOOLONG;
}

int fs_start(void)
{
    struct vnode *console = dev_console();
    struct file *f = console ? file_new(console, O_RDWR) : NULL;
    if (!f)
        return -ENOMEM;
    f->refs = 3; /* one open file, as Linux's init gets: fd 0 opened, then dup'ed twice */
    for (uint32_t fd = 0; fd < 3; fd++)
        fd_install_at(fd, f, false);
    if (console_input_is_pipe()) { /* as `app < pipe` starts: fd 0 a pipe's read end */
        struct vnode *in = dev_stdin_pipe();
        struct file *rd = in ? file_new(in, O_RDONLY) : NULL;
        if (!rd)
            return -ENOMEM;
        fd_install_at(0, rd, false);
    }
    fs.cwd = vfs_app_root = vfs_root; /* (cwd_mnt 0: the rootfs) */
    vfs_get(vfs_root);
    vfs_get(vfs_root);
    return 0;
}

struct vnode *fs_new_node(struct vnode *dir, uint32_t mode)
{
    struct mount *m = &mounts[dir->mnt];
    struct vnode *n = !m->max_inodes || m->inodes < m->max_inodes ? vfs_new(mode) : NULL;
    if (n) {
        cred_init_owner(n, dir);
        n->mnt = dir->mnt;
        m->inodes += m->type >= MNT_TMPFS; /* (vfs_put takes it back) */
    }
    return n;
}

/* Path buffers are kept aside, not allocated: a full RAM must not keep unlink from freeing
   it. Two are ever in use at once (symlink's target and its path). */
static char path_bufs[2][PATH_MAX];
static bool path_used[2];

static char *path_buf(void)
{
    for (int i = 0; i < 2; i++)
        if (!path_used[i]) {
            path_used[i] = true;
            return path_bufs[i];
        }
    return NULL;
}

int fs_get_path(uaddr_t upath, char **out)
{
    char *p = path_buf();
    if (!p)
        return -ENOMEM;
    int32_t len = copy_string_from_user(p, upath, PATH_MAX);
    if (len < 0) {
        fs_put_path(p);
        return len;
    }
    *out = p;
    return 0;
}

void fs_put_path(char *path)
{
    for (int i = 0; i < 2; i++)
        if (path == path_bufs[i])
            path_used[i] = false;
}

static int start_of(uint32_t dirfd, const char *path, struct vnode **start, uint8_t *via)
{
    if (path[0] == '/' || dirfd == AT_FDCWD) {
        *start = fs.cwd, *via = fs.cwd_mnt;
        return 0;
    }
    struct file *f = fd_get(dirfd);
    if (!f)
        return -EBADF;
    *start = f->node, *via = f->mnt;
    return path[0] && !S_ISDIR(f->node->mode) ? -ENOTDIR : 0;
}

static int lookup_at(uint32_t dirfd, char *path, int follow, uint32_t at_flags, struct lookup *out)
{
    struct vnode *start;
    uint8_t via;
    int err = start_of(dirfd, path, &start, &via);
    if (!err && !path[0]) {
        if (at_flags & AT_EMPTY_PATH)
            *out =
                (struct lookup){.dir = start, .node = start, .dmnt = via, .mnt = via, .dot = true};
        else
            err = -ENOENT;
    } else if (!err) {
        err = vfs_resolve(start, via, path, follow, out);
    }
    return err;
}

int fs_lookup(uint32_t dirfd, uaddr_t upath, int follow, uint32_t at_flags, struct lookup *out)
{
    char *path;
    int err = fs_get_path(upath, &path);
    if (err)
        return err;
    err = lookup_at(dirfd, path, follow, at_flags, out);
    fs_put_path(path);
    return err;
}

int fs_lookup_kernel(const char *kpath, int follow, struct lookup *out)
{
    char *path = path_buf();
    if (!path)
        return -ENOMEM;
    strlcpy(path, kpath, PATH_MAX);
    int err = lookup_at(AT_FDCWD, path, follow, 0, out);
    fs_put_path(path);
    return err;
}

/* A node that must exist: -ENOENT, and -ENOTDIR for "file/". */
static int must_exist(int err, const struct lookup *l, struct vnode **out, uint8_t *via)
{
    if (!err && !l->node)
        err = -ENOENT;
    if (!err && l->trailing_slash && !S_ISDIR(l->node->mode))
        err = -ENOTDIR;
    if (!err)
        *out = l->node;
    if (!err && via)
        *via = l->mnt;
    return err;
}

int fs_node_via(uint32_t dirfd, uaddr_t upath, int follow, uint32_t at_flags, struct vnode **out,
                uint8_t *via)
{
    struct lookup l;
    return must_exist(fs_lookup(dirfd, upath, follow, at_flags, &l), &l, out, via);
}

int fs_node(uint32_t dirfd, uaddr_t upath, int follow, uint32_t at_flags, struct vnode **out)
{
    return fs_node_via(dirfd, upath, follow, at_flags, out, NULL);
}

int fs_node_kernel(const char *kpath, struct vnode **out, uint8_t *via)
{
    struct lookup l;
    return must_exist(fs_lookup_kernel(kpath, LOOKUP_FOLLOW, &l), &l, out, via);
}

sword_t sys_umask(uint32_t mask)
{
    uint32_t old = fs.umask;
    fs.umask = mask & 0777;
    return (int32_t)old;
}

/* n (reached through via) becomes the working directory, or with root the app's root: as Linux's,
   a directory the app may search, then for a root CAP_SYS_CHROOT (EPERM). */
static int32_t set_place(struct vnode *n, uint8_t via, bool root)
{
    int err = S_ISDIR(n->mode) ? cred_permission(n, MAY_EXEC) : -ENOTDIR;
    if (!err && root && !capable(CAP_SYS_CHROOT))
        err = -EPERM;
    if (!err)
        fs_set_place(root ? &vfs_app_root : &fs.cwd, root ? &vfs_app_root_mnt : &fs.cwd_mnt, n,
                     via);
    return err;
}

/* The same for a path's node (chdir's and chroot's). */
static int32_t set_place_path(word_t upath, bool root)
{
    struct vnode *n;
    uint8_t via;
    int err = fs_node_via(AT_FDCWD, upath, LOOKUP_FOLLOW, 0, &n, &via);
    return err ? err : set_place(n, via, root);
}

void fs_set_place(struct vnode **place, uint8_t *place_via, struct vnode *n, uint8_t via)
{
    vfs_get(n);
    mount_hold(n, via, 1, false);
    mount_hold(*place, *place_via, -1, false);
    vfs_put(*place);
    *place = n, *place_via = via;
}

/* chroot: the app's absolute paths start at the directory from now on, and its ".." stops
   there; the working directory stays where it is (outside, getcwd says "(unreachable)"). */
sword_t sys_chroot(word_t upath)
{
    return set_place_path(upath, true);
}

sword_t sys_chdir(word_t upath)
{
    return set_place_path(upath, false);
}

sword_t sys_fchdir(uint32_t fd)
{
    struct file *f = fd_get(fd);
    return f ? set_place(f->node, f->mnt, false) : -EBADF;
}

sword_t sys_getcwd(word_t ubuf, word_t size)
{
    char *buf = path_buf();
    if (!buf)
        return -ENOMEM;
    int len = vfs_path_of(fs.cwd, fs.cwd_mnt, NULL, buf, true);
    if (len > 0 && (uint32_t)len > size)
        len = -ERANGE;
    if (len > 0 && copy_to_user(ubuf, buf, (size_t)len))
        len = -EFAULT;
    fs_put_path(buf);
    return len;
}
