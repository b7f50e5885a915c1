/* The file tree's nodes and directories: creation, entries, and freeing once unreferenced. */
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/vfs.h"

struct vnode *vfs_root;
static uint32_t next_ino = 1;

static struct vtime now(void)
{
    uint64_t ns = time_realtime_ns();
    return (struct vtime){(int64_t)(ns / 1000000000u), (uint32_t)(ns % 1000000000u)};
}

void vfs_touch(struct vnode *n, bool modified)
{
    n->ctime = now();
    if (modified)
        n->mtime = n->ctime;
}

struct vnode *vfs_new(uint32_t mode)
{
    struct vnode *n = kmalloc(sizeof(*n));
    if (!n)
        return NULL;
    n->mode = mode;
    n->ino = ++next_ino;
    n->nlink = S_ISDIR(mode) ? 2 : 1;
    n->size = S_ISDIR(mode) ? 2 * TMPFS_DIRENT_SIZE : 0;
    n->atime = n->mtime = n->ctime = now();
    return n;
}

void vfs_get(struct vnode *n)
{
    n->refs++;
}

void vfs_put(struct vnode *n)
{
    if (n->refs)
        n->refs--;
    if (n->refs || n->parent || n == vfs_root)
        return;
    if (!S_ISDIR(n->mode))
        vfs_truncate(n, 0);
    if (n->name)
        kfree(n->name, strlen(n->name) + 1);
    kfree(n, sizeof(*n));
}

struct vnode *vfs_child(struct vnode *dir, const char *name, uint32_t len)
{
    for (struct vnode *c = dir->child; c; c = c->next)
        if (strlen(c->name) == len && memcmp(c->name, name, len) == 0)
            return c;
    return NULL;
}

/* Newest first, as tmpfs lists a directory. name is n's own copy. */
static void attach(struct vnode *dir, char *name, struct vnode *n)
{
    if (n->name)
        kfree(n->name, strlen(n->name) + 1);
    n->name = name;
    n->parent = dir;
    n->next = dir->child;
    dir->child = n;
    dir->size += TMPFS_DIRENT_SIZE;
    if (S_ISDIR(n->mode))
        dir->nlink++;
    if (!S_ISDIR(n->mode))
        n->nlink = 1;   /* no hard links: a node has one name */
    else if (!n->nlink) /* renamed: unlinking it counted it removed */
        for (struct vnode *c = n->child; c || (n->nlink += 2, 0); c = c->next)
            n->nlink += S_ISDIR(c->mode);
    vfs_touch(dir, true);
}

static char *copy_name(const char *name)
{
    size_t len = strlen(name);
    char *copy = kmalloc(len + 1);
    if (copy)
        memcpy(copy, name, len + 1);
    return copy;
}

int vfs_link(struct vnode *dir, const char *name, struct vnode *n)
{
    char *copy = copy_name(name);
    if (!copy)
        return -ENOMEM;
    attach(dir, copy, n);
    return 0;
}

/* The name is allocated first: when memory is short, nothing changes. */
int vfs_move(struct vnode *n, struct vnode *dir, const char *name, struct vnode *replaced)
{
    char *copy = copy_name(name);
    if (!copy)
        return -ENOMEM;
    if (replaced)
        vfs_unlink(replaced);
    vfs_get(n);
    vfs_unlink(n);
    attach(dir, copy, n);
    vfs_touch(n, false);
    vfs_put(n);
    return 0;
}

/* Take n out of its directory; it is freed when nothing references it any more. */
void vfs_unlink(struct vnode *n)
{
    struct vnode *dir = n->parent;
    for (struct vnode **p = &dir->child; *p; p = &(*p)->next)
        if (*p == n) {
            *p = n->next;
            break;
        }
    dir->size -= TMPFS_DIRENT_SIZE;
    if (S_ISDIR(n->mode)) {
        dir->nlink--;
        n->nlink = 0;
    } else {
        n->nlink--;
    }
    vfs_touch(dir, true);
    vfs_touch(n, false);
    n->parent = NULL;
    n->next = NULL;
    n->refs++;
    vfs_put(n);
}

bool vfs_is_empty(const struct vnode *dir)
{
    return !dir->child;
}

struct vnode *vfs_nth_child(struct vnode *dir, uint32_t i)
{
    struct vnode *c = dir->child;
    while (c && i--)
        c = c->next;
    return c;
}
