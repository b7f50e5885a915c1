/* The working directory, the umask, and the path helpers of the *at() system calls. */
#include "kernel/fs.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/kmalloc.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"

struct fs fs = {.umask = 022}; /* Linux's init_fs */

int fs_start(void)
{
    struct vnode *console = dev_console();
    struct file *f = console ? file_new(console, O_RDWR) : NULL;
    if (!f)
        return -ENOMEM;
    f->refs = 3; /* one open file, as Linux's init gets: fd 0 opened, then dup'ed twice */
    for (uint32_t fd = 0; fd < 3; fd++)
        fd_install_at(fd, f, false);
    fs.cwd = vfs_root;
    vfs_get(vfs_root);
    return 0;
}

int fs_get_path(uint32_t upath, char **out)
{
    char *p = kmalloc(PATH_MAX);
    if (!p)
        return -ENOMEM;
    for (uint32_t done = 0; done < PATH_MAX;) {
        uint32_t n = PAGE_SIZE - ((upath + done) % PAGE_SIZE);
        if (n > PATH_MAX - done)
            n = PATH_MAX - done;
        if (copy_from_user(p + done, upath + done, n)) {
            /* the string may end before the fault: retry byte by byte */
            for (uint32_t i = 0; i < n; i++, done++) {
                if (copy_from_user(p + done, upath + done, 1)) {
                    kfree(p, PATH_MAX);
                    return -EFAULT;
                }
                if (!p[done]) {
                    *out = p;
                    return 0;
                }
            }
            continue;
        }
        for (uint32_t i = 0; i < n; i++)
            if (!p[done + i]) {
                *out = p;
                return 0;
            }
        done += n;
    }
    kfree(p, PATH_MAX);
    return -ENAMETOOLONG;
}

void fs_put_path(char *path)
{
    kfree(path, PATH_MAX);
}

static int start_of(uint32_t dirfd, const char *path, struct vnode **start)
{
    if (path[0] == '/' || dirfd == AT_FDCWD) {
        *start = fs.cwd;
        return 0;
    }
    struct file *f = fd_get(dirfd);
    if (!f)
        return -EBADF;
    *start = f->node;
    return path[0] && !S_ISDIR(f->node->mode) ? -ENOTDIR : 0;
}

int fs_lookup(uint32_t dirfd, uint32_t upath, int follow, uint32_t at_flags, struct lookup *out)
{
    char *path;
    int err = fs_get_path(upath, &path);
    if (err)
        return err;
    struct vnode *start;
    err = start_of(dirfd, path, &start);
    if (!err && !path[0]) {
        if (at_flags & AT_EMPTY_PATH)
            *out = (struct lookup){.dir = start, .node = start, .dot = true};
        else
            err = -ENOENT;
    } else if (!err) {
        err = vfs_resolve(start, path, follow, out);
    }
    fs_put_path(path);
    return err;
}

int fs_node(uint32_t dirfd, uint32_t upath, int follow, uint32_t at_flags, struct vnode **out)
{
    struct lookup *l = kmalloc(sizeof(*l));
    if (!l)
        return -ENOMEM;
    int err = fs_lookup(dirfd, upath, follow, at_flags, l);
    if (!err && !l->node)
        err = -ENOENT;
    if (!err && l->trailing_slash && !S_ISDIR(l->node->mode))
        err = -ENOTDIR;
    if (!err)
        *out = l->node;
    kfree(l, sizeof(*l));
    return err;
}

int32_t sys_umask(uint32_t mask)
{
    uint32_t old = fs.umask;
    fs.umask = mask & 0777;
    return (int32_t)old;
}

static int32_t set_cwd(struct vnode *n)
{
    if (!S_ISDIR(n->mode))
        return -ENOTDIR;
    vfs_get(n);
    vfs_put(fs.cwd);
    fs.cwd = n;
    return 0;
}

int32_t sys_chdir(uint32_t upath)
{
    struct vnode *n;
    int err = fs_node(AT_FDCWD, upath, LOOKUP_FOLLOW, 0, &n);
    return err ? err : set_cwd(n);
}

int32_t sys_fchdir(uint32_t fd)
{
    struct file *f = fd_get(fd);
    return f ? set_cwd(f->node) : -EBADF;
}

int32_t sys_getcwd(uint32_t ubuf, uint32_t size)
{
    char *buf = kmalloc(PATH_MAX);
    if (!buf)
        return -ENOMEM;
    int len = vfs_path_of(fs.cwd, buf, size < PATH_MAX ? size : PATH_MAX);
    if (len > 0 && copy_to_user(ubuf, buf, (size_t)len))
        len = -EFAULT;
    kfree(buf, PATH_MAX);
    return len;
}
