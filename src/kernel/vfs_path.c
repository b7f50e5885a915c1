/* Path resolution, the one place that walks paths: "." and "..", symlinks (at most 40, then
   ELOOP), NAME_MAX and PATH_MAX (ENAMETOOLONG), ENOTDIR for a file used as a directory, and
   EACCES for a directory the app may not search. */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mount.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/vfs.h"

struct vnode *vfs_app_root;
uint8_t vfs_app_root_mnt;

/* Is dir (reached through via) a root (the app's, or the tree's), or a mount over one? (Booting
   unpacks the archive before the app has a root.) */
static bool is_root(const struct vnode *dir, uint8_t via)
{
    return (vfs_app_root && mount_stacked(vfs_app_root, vfs_app_root_mnt, dir, via)) ||
           mount_stacked(vfs_root, 0, dir, via);
}

/* dir's parent, out of the mounts whose root it is. */
static struct vnode *up(struct vnode *dir, uint8_t *via)
{
    return mount_parent(mount_leave(dir, via), via);
}

/* One step from dir (reached through *via, which follows the step); ".." of a root is itself,
   and of a removed directory nothing; ".." of a mount's root is its point's parent. A name with
   a mount over it leads into the mount. */
static struct vnode *step(struct vnode *dir, uint8_t *via, const char *name, uint32_t len)
{
    if (len == 1 && name[0] == '.')
        return dir;
    if (len == 2 && name[0] == '.' && name[1] == '.')
        return is_root(dir, *via) ? dir : up(dir, via);
    if (dir->proc)
        proc_refresh(dir);
    struct vnode *n = vfs_child(dir, name, len);
    if (n && n->proc && !n->entries) /* a /proc folder is filled when reached: its nlink */
        proc_refresh(n);
    if (n && n->mnt != dir->mnt) /* the boot's /proc, a file system of its own at its place */
        *via = n->mnt;
    return n ? mount_cross(n, via) : NULL;
}

/* Replace the path up to rest with the symlink's target: target + "/" + rest. */
static int splice(char *path, char *rest, bool slash, const struct vnode *link)
{
    uint32_t tlen = vfs_size(link), rlen = (uint32_t)strlen(rest);
    if (tlen == 0)
        return -ENOENT;
    if (tlen >= PATH_MAX || tlen + 1 + rlen >= PATH_MAX) /* (a target of 4 GiB would wrap) */
        return -ENAMETOOLONG;
    memmove(path + tlen + 1, rest, rlen + 1);
    vfs_read((struct vnode *)link, 0, path, tlen);
    path[tlen] = slash ? '/' : 0;
    if (!slash)
        path[tlen + 1] = 0;
    return 0;
}

int vfs_resolve(struct vnode *cur, uint8_t via, char *path, int flags, struct lookup *out)
{
    int links = 0;
    char *p = path;
    if (!*p)
        return -ENOENT;
    if (*p == '/') /* the root itself, whatever is mounted over it (Linux's nd->root) */
        cur = vfs_app_root, via = vfs_app_root_mnt;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p) { /* "/" or a path that ends on a directory already walked */
            *out = (struct lookup){.dir = cur,
                                   .node = cur,
                                   .dmnt = via,
                                   .mnt = via,
                                   .dot = true,
                                   .trailing_slash = true};
            return 0;
        }
        char *end = p;
        while (*end && *end != '/')
            end++;
        uint32_t len = (uint32_t)(end - p);
        if (len > NAME_MAX)
            return -ENAMETOOLONG;
        char *rest = end;
        while (*rest == '/')
            rest++;
        bool last = !*rest, slash = end != rest;
        if (!S_ISDIR(cur->mode))
            return -ENOTDIR;
        int err = cred_permission(cur, MAY_EXEC);
        if (err)
            return err;
        uint8_t nv = via;
        struct vnode *n = step(cur, &nv, p, len);
        bool follow = n && S_ISLNK(n->mode) && (!last || slash || (flags & LOOKUP_FOLLOW));
        bool magic = false;
        struct vnode *to = follow && n->proc ? proc_link_node(n, &magic, &nv) : NULL;
        if (magic) { /* the node itself, as Linux's nd_jump_link: on from it, or the result */
            if (!to)
                return -ENOENT;
            if (++links > MAXSYMLINKS)
                return -ELOOP;
            n = to, follow = false;
        }
        if (last && !follow) {
            *out = (struct lookup){.dir = cur,
                                   .node = n,
                                   .dmnt = via,
                                   .mnt = nv,
                                   .trailing_slash = slash,
                                   .dot = p[0] == '.' && (len == 1 || (len == 2 && p[1] == '.'))};
            memcpy(out->name, p, len);
            out->name[len] = 0;
            if (!n && !cur->parent && !is_root(cur, via))
                return -ENOENT; /* nothing can be created in a removed directory */
            return 0;
        }
        if (!n)
            return -ENOENT;
        if (follow) {
            if (++links > MAXSYMLINKS)
                return -ELOOP;
            err = splice(path, rest, !last || slash, n);
            if (err)
                return err;
            p = path;
            if (*p == '/')
                cur = vfs_app_root, via = vfs_app_root_mnt;
            continue;
        }
        cur = n, via = nv;
        p = rest;
    }
}

/* n's entry in dir: its own, or for a mount's root the one of the directory it covers. */
static const struct ventry *entry_of(const struct vnode *dir, const struct vnode *n)
{
    const struct ventry *e = dir->entries;
    while (e && !mount_reaches(e->node, n))
        e = e->next;
    return e;
}

/* Built backwards from the directory up to the root, at the end of buf, then moved. */
int vfs_path_of(struct vnode *dir, uint8_t via, const struct vnode *top, char *buf,
                bool mark_unreachable)
{
    uint32_t at = PATH_MAX - 1;
    buf[at] = 0;
    struct vnode *n = dir;
    while (n != top && !is_root(n, via)) {
        struct vnode *point = mount_leave(n, &via);
        if (point != n) { /* on from the point, which may be a root */
            n = point;
            continue;
        }
        const struct ventry *e = n->parent ? entry_of(n->parent, n) : NULL;
        if (!e) /* removed, or a mount moved or gone */
            return -ENOENT;
        uint32_t nl = (uint32_t)strlen(e->name);
        if (nl + 1 > at)
            return -ENAMETOOLONG;
        at -= nl;
        memcpy(buf + at, e->name, nl);
        buf[--at] = '/';
        n = mount_parent(n, &via); /* (out of the mounts already) */
    }
    if (at == PATH_MAX - 1)
        buf[--at] = '/';
    static const char unreachable[] = "(unreachable)";
    uint32_t un = (uint32_t)sizeof(unreachable) - 1;
    /* the app's root, or a directory under the mount its root is (switch_root's old "/") */
    if (!mount_reaches(vfs_app_root, n) && !mount_reaches(n, vfs_app_root) && mark_unreachable) {
        if (at < un)
            return -ENAMETOOLONG;
        at -= un;
        memcpy(buf + at, unreachable, un);
    }
    memmove(buf, buf + at, PATH_MAX - at);
    return (int)(PATH_MAX - at); /* with the NUL */
}

/* n's entry in the tree under top, in *dirp's entries, found depth first, the tree under skip
   left out; NULL if none. */
static const struct ventry *find_entry(struct vnode *top, const struct vnode *n,
                                       struct vnode **dirp, const struct vnode *skip)
{
    struct vnode *dir = top;
    const struct ventry *e = dir->entries;
    for (;;) {
        if (!e) { /* dir is done: on after its entry in its parent */
            if (dir == top)
                return NULL;
            const struct vnode *done = dir;
            if (!(dir = dir->parent))
                return NULL;
            for (e = dir->entries; e; e = e->next) {
                uint8_t v = e->node->mnt;
                const struct vnode *o = mount_cross(e->node, &v);
                if (o == done && o->mnt == v)
                    break;
            }
            if (!e)
                return NULL;
            e = e->next;
        } else if (e->node == n) {
            *dirp = dir;
            return e;
        } else {
            uint8_t via = e->node->mnt;
            struct vnode *o = mount_cross(e->node, &via);
            /* not into a bind mount: its node's own place is elsewhere in the tree */
            if (S_ISDIR(o->mode) && o->entries && o->mnt == via && e->node != skip && o != skip)
                dir = o, e = dir->entries;
            else
                e = e->next;
        }
    }
}

/* Under the app's root first, as Linux's d_path, whose root it is (after "pivot_root . ." a
   mount stacked on that root hides it from a search down from the top), then from the tree's
   own top. */
int vfs_path_of_file(const struct vnode *n, struct vnode *top, char *buf)
{
    struct vnode *dir, *over = vfs_over(vfs_root);
    const struct ventry *e = find_entry(top ? top : vfs_app_root, n, &dir, NULL);
    if (!e && (top || over == vfs_app_root || !(e = find_entry(over, n, &dir, vfs_app_root))))
        return -ENOENT;
    int len = vfs_path_of(dir, dir->mnt, top, buf, false);
    if (len < 0)
        return len;
    uint32_t at = (uint32_t)len - 1, nl = (uint32_t)strlen(e->name);
    bool slash = buf[at - 1] != '/';
    if (at + slash + nl >= PATH_MAX)
        return -ENAMETOOLONG;
    buf[at] = '/';
    memcpy(buf + at + slash, e->name, nl + 1);
    return (int)(at + slash + nl + 1);
}
