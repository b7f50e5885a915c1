/* The file tree's nodes and directories: creation, entries, and freeing once unreferenced. */
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/mount.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/vfs.h"

struct vnode *vfs_root;
static uint32_t next_ino = 1;

/* The time now, the second's division done once a second (a 64-bit one, long on i386): the
   tree's times are set at every change, and /proc's 28 nodes at boot. */
static struct vtime now(void)
{
    static uint64_t second_ns = ~0ull;
    static int64_t second;
    uint64_t ns = time_realtime_ns();
    if (ns - second_ns >= 1000000000u) { /* another second, or the clock was set back */
        second = (int64_t)(ns / 1000000000u);
        second_ns = (uint64_t)second * 1000000000u;
    }
    return (struct vtime){second, (uint32_t)(ns - second_ns)};
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
    n->nlink = S_ISDIR(mode) ? 2 : 1; /* a node without a name (a pipe's) counts one */
    n->size = S_ISDIR(mode) ? 2 * TMPFS_DIRENT_SIZE : 0;
    n->atime = n->mtime = n->ctime = now();
    return n;
}

void vfs_get(struct vnode *n)
{
    n->refs++;
    mounts[n->mnt].refs++;
}

void vfs_put(struct vnode *n)
{
    if (n->refs) {
        n->refs--;
        mounts[n->mnt].refs--;
    }
    if (n->refs || n->names || n == vfs_root)
        return;
    if (!S_ISDIR(n->mode))
        vfs_truncate(n, 0);
    mounts[n->mnt].inodes -= mounts[n->mnt].type >= MNT_TMPFS; /* fs_new_node's count */
    kfree(n, sizeof(*n));
}

/* The link to dir's entry name (to the null at the list's end when there is none). */
static struct ventry **find(const struct vnode *dir, const char *name, uint32_t len)
{
    struct ventry **p = (struct ventry **)&dir->entries;
    for (; *p; p = &(*p)->next)
        if (strlen((*p)->name) == len && memcmp((*p)->name, name, len) == 0)
            break;
    return p;
}

struct vnode *vfs_child(struct vnode *dir, const char *name, uint32_t len)
{
    struct ventry *e = *find(dir, name, len);
    return e ? e->node : NULL;
}

static struct ventry *new_entry(const char *name)
{
    size_t len = strlen(name);
    struct ventry *e = kmalloc(sizeof(*e) + len + 1);
    if (e)
        memcpy(e->name, name, len + 1);
    return e;
}

static void entry_free(struct ventry *e)
{
    kfree(e, sizeof(*e) + strlen(e->name) + 1);
}

/* Newest first, as tmpfs lists a directory. The counts go with the entry: a directory's
   parent gains a link (its ".."), any other node one name. */
static void attach(struct vnode *dir, struct ventry *e, struct vnode *n)
{
    e->node = n;
    e->next = dir->entries;
    dir->entries = e;
    dir->size += TMPFS_DIRENT_SIZE;
    n->names++;
    if (S_ISDIR(n->mode)) {
        n->parent = dir;
        dir->nlink++;
    } else {
        n->nlink = n->names;
    }
    vfs_touch(dir, true);
}

/* Take dir's entry name (which must exist) out of it and free it; the caller puts the node. */
static struct vnode *detach(struct vnode *dir, const char *name)
{
    struct ventry **p = find(dir, name, (uint32_t)strlen(name)), *e = *p;
    struct vnode *n = e->node;
    *p = e->next;
    entry_free(e);
    dir->size -= TMPFS_DIRENT_SIZE;
    n->names--;
    if (S_ISDIR(n->mode)) {
        dir->nlink--;
        n->parent = NULL;
    } else {
        n->nlink = n->names;
    }
    vfs_touch(dir, true);
    vfs_touch(n, false);
    return n;
}

int vfs_link(struct vnode *dir, const char *name, struct vnode *n)
{
    if (!dir->nlink)
        return -ENOENT; /* a removed directory: nothing would free what it held */
    struct ventry *e = new_entry(name);
    if (!e)
        return -ENOMEM;
    attach(dir, e, n);
    return 0;
}

void vfs_unlink(struct vnode *dir, const char *name)
{
    struct vnode *n = detach(dir, name);
    if (S_ISDIR(n->mode))
        n->nlink = 0; /* removed: stat on an open one says so */
    vfs_get(n);
    vfs_put(n);
}

/* The new entry is allocated first: when memory is short, nothing changes. A directory moves
   with its own links (its entries' ".."), which stay its own. */
int vfs_move(struct vnode *from, const char *from_name, struct vnode *to, const char *to_name)
{
    struct ventry *e = new_entry(to_name);
    if (!e)
        return -ENOMEM;
    if (vfs_child(to, to_name, (uint32_t)strlen(to_name)))
        vfs_unlink(to, to_name);
    attach(to, e, detach(from, from_name));
    return 0;
}

bool vfs_is_empty(const struct vnode *dir)
{
    return !dir->entries;
}

const struct ventry *vfs_nth_child(const struct vnode *dir, uint32_t i)
{
    const struct ventry *e = dir->entries;
    while (e && i--)
        e = e->next;
    return e;
}
