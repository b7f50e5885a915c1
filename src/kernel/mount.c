/* mount(2) and umount2, as Linux's fs/namespace.c for one mount namespace: new tmpfs, ramfs,
   devtmpfs (a tmpfs holding the kernel's device nodes) and procfs mounts over a directory
   (stacked where one is there already), remounts (their flags, read-only only without
   writers), moves, the propagation types (one namespace: nothing to propagate to), and
   unmounting what nothing uses (EBUSY), or lazily (MNT_DETACH). A tmpfs mount shares the tree's
   frames and their limit; an unmounted one's names go at once (a lazily unmounted tree is a
   removed directory, where Linux keeps it usable) and its nodes as a removed file's do, once
   nothing holds them. pivot_root swaps the root's mount for another. A bind mount shows a
   directory or file of another mount at its point (with MS_REC the mounts under it too,
   copied), with flags of its own; it holds that node and leaves its names, and a file system
   unmounted lazily keeps them while a bind shows it. */
#include "kernel/mount.h"
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/fs.h"
#include "kernel/loop.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include <stddef.h>

#define MS_REMOUNT 32u
#define MS_BIND 4096u
#define MS_MOVE 8192u
#define MS_REC 16384u
#define MS_SILENT 32768u
#define MS_UNBINDABLE (1u << 17)
#define MS_PRIVATE (1u << 18)
#define MS_SLAVE (1u << 19)
#define MS_SHARED (1u << 20)
#define MS_NOUSER (1u << 31)
#define MS_MGC_VAL 0xC0ED0000u
#define MS_MGC_MSK 0xFFFF0000u
#define MS_PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)
/* what a mount keeps of mount(2)'s flags */
#define MS_KEPT                                                                                    \
    (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME)
#define MNT_FORCE 1u
#define MNT_DETACH 2u
#define MNT_EXPIRE 4u
#define UMOUNT_NOFOLLOW 8u

struct mount mounts[MOUNTS_MAX];
/* The file systems' names, by type (MNT_*). */
static const char types[][9] = {"rootfs", "proc", "sysfs", "ext2", "tmpfs", "devtmpfs", "ramfs"};

void mount_init(void)
{
    mounts[0] = (struct mount){
        .root = vfs_root, .type = MNT_ROOTFS, .minor = ROOT_DEV_MINOR, .source = "rootfs"};
}

/* The mount over point reached through via, or NULL. */
static struct mount *mount_on(const struct vnode *point, uint8_t via)
{
    for (struct mount *m = mounts; point->covered && m < mounts + MOUNTS_MAX; m++)
        if (m->root && m->point == point && m->up == via)
            return m;
    return NULL;
}

struct vnode *mount_cross(struct vnode *n, uint8_t *via)
{
    for (const struct mount *m; (m = mount_on(n, *via)); n = m->root)
        *via = (uint8_t)(m - mounts);
    return n;
}

struct vnode *vfs_over(struct vnode *n)
{
    uint8_t via = n->mnt;
    return mount_cross(n, &via);
}

struct vnode *mount_leave(struct vnode *n, uint8_t *via)
{
    for (const struct mount *m; (m = &mounts[*via])->root == n && m->point; n = m->point)
        *via = m->up;
    return n;
}

struct vnode *mount_parent(const struct vnode *n, uint8_t *via)
{
    struct vnode *p = n->parent;
    if (p && p->mnt != n->mnt)
        *via = p->mnt;
    return p;
}

bool mount_stacked(const struct vnode *under, uint8_t via, const struct vnode *n, int nvia)
{
    for (const struct mount *m;; under = m->root, via = (uint8_t)(m - mounts))
        if (under == n && (nvia < 0 || via == nvia))
            return true;
        else if (!(m = mount_on(under, via)))
            return false;
}

bool mount_reaches(const struct vnode *under, const struct vnode *n)
{
    return mount_stacked(under, under->mnt, n, -1);
}

bool mount_is_root(const struct vnode *n, uint8_t via)
{
    return mounts[via].root == n;
}

uint32_t mount_minor(const struct vnode *n)
{
    return mounts[n->mnt].minor;
}

uint32_t mount_flags(const struct vnode *n, uint8_t via)
{
    return mounts[via].flags | (mounts[n->mnt].sb_ro ? MS_RDONLY : 0);
}

int mount_writable(const struct vnode *n, uint8_t via)
{
    return mount_flags(n, via) & MS_RDONLY ? -EROFS : 0;
}

void mount_hold(const struct vnode *n, uint8_t via, int d, bool writer)
{
    if (via != n->mnt)
        mounts[via].refs += (uint32_t)d, mounts[via].writers += writer ? (uint32_t)d : 0;
}

/* Is m a bind mount (its root another mount's node)? */
static bool is_bind(const struct mount *m)
{
    return m->root->mnt != (uint8_t)(m - mounts);
}

/* Every name in the tree under top goes (what nothing holds is freed), deepest first and
   without recursion: the app may nest directories as deep as it likes. */
static void unlink_tree(struct vnode *top)
{
    struct vnode *dir = top;
    while (top->entries) {
        const struct ventry *e = dir->entries;
        if (!e) /* emptied: its own entry goes next, from its parent */
            dir = dir->parent;
        else if (S_ISDIR(e->node->mode) && e->node->entries)
            dir = e->node;
        else
            vfs_unlink(dir, e->name);
    }
}

/* m's point, reached through m->up, held and covered (d 1), or let go (d -1). */
static void pin(struct mount *m, int d)
{
    m->point->covered += (uint8_t)d;
    mount_hold(m->point, m->up, d, false);
    if (d > 0)
        vfs_get(m->point);
    else
        vfs_put(m->point);
}

/* Does a bind mount outside m show a node of m's file system? */
static bool shown(const struct mount *m)
{
    for (const struct mount *c = mounts; c < mounts + MOUNTS_MAX; c++) {
        const struct mount *a = c;
        while (c->root && a != m && a->point) /* c, and the live mounts it hangs on */
            a = &mounts[a->up];
        if (c->root && a != m && c->root->mnt == (uint8_t)(m - mounts))
            return true;
    }
    return false;
}

/* A file system's names go (what nothing holds is freed), its root a removed directory. Out of
   line: detach's two calls share one copy. */
static __attribute__((noinline)) void let_go(struct vnode *root)
{
    unlink_tree(root);
    root->nlink = 0;
    root->parent = NULL; /* ".." and new names lead nowhere */
    vfs_put(root);
}

/* Take m out of the tree (the mounts within it first) and let its nodes go (a bind's are its
   file system's); its slot stays taken while anything still holds one (mount.refs). A file
   system a bind still shows keeps its names until the last such bind goes, as Linux keeps it. */
static void detach(struct mount *m)
{
    for (struct mount *c = mounts; c < mounts + MOUNTS_MAX; c++)
        if (c->root && c->point && c->up == (uint8_t)(m - mounts))
            detach(c);
    struct vnode *root = m->root;
    struct mount *sb = &mounts[root->mnt];
    bool bind = is_bind(m);
    pin(m, -1);
    m->root = NULL;
    if (bind) {
        m->refs--; /* graft's */
        vfs_put(root);
        if (sb->kept && !shown(sb))
            let_go(sb->kept), sb->kept = NULL;
    } else if (shown(m)) {
        m->kept = root;
    } else {
        let_go(root);
    }
}

/* The mount whose root the app named (reached through via), or NULL. */
static struct mount *mount_at(const struct vnode *n, uint8_t via)
{
    return mount_is_root(n, via) ? &mounts[via] : NULL;
}

/* A directory removed, or in a tree taken away (Linux: it can be no mount point). */
static bool removed(const struct vnode *d)
{
    return !d->parent && d != vfs_root && !mount_is_root(d, d->mnt);
}

static bool slot_free(const struct mount *m)
{
    return !m->root && !m->refs && !m->writers;
}

/* A free slot, or NULL. */
static struct mount *free_slot(void)
{
    for (struct mount *m = mounts; m < mounts + MOUNTS_MAX; m++)
        if (slot_free(m))
            return m;
    return NULL;
}

static int new_minor(void)
{
    for (uint32_t minor = MOUNT_FIRST_MINOR;; minor++) {
        bool used = false;
        for (struct mount *m = mounts; m < mounts + MOUNTS_MAX; m++)
            used |= !slot_free(m) && m->minor == minor;
        if (!used)
            return (int)minor;
    }
}

/* A number in base 8 or 10 (digits only, as tmpfs's mode=, uid= and gid= take them), or -1. */
static int64_t number(const char *v, size_t len, int base)
{
    int64_t n = 0;
    for (size_t i = 0; i < len && n >= 0; i++)
        n = v[i] < '0' || v[i] >= '0' + base || n > UINT32_MAX ? -1 : n * base + (v[i] - '0');
    return len && n <= UINT32_MAX ? n : -1;
}

static bool is(const char *o, size_t len, const char *word)
{
    return strlen(word) == len && !memcmp(o, word, len);
}

/* A count for tmpfs's options, as Linux's memparse reads the number (0x for hex, 0 for octal,
   a K, M, G, T, P or E after): size= (bytes, or with bytes a % of the RAM) in pages, rounded
   up, nr_blocks= and nr_inodes= as they are; -1 if ill-formed. One past 32 bits is no limit at
   all (0). */
static int64_t count_of(const char *v, size_t len, bool bytes)
{
    size_t i = len > 1 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') ? 2 : 0, first = i;
    uint32_t base = i ? 16 : len && v[0] == '0' ? 8 : 10;
    uint64_t n = 0; /* wrapping, as Linux's */
    for (; i < len; i++) {
        char c = v[i], l = (char)(c | 0x20);
        uint32_t d = c >= '0' && c <= '9'   ? (uint32_t)(c - '0')
                     : l >= 'a' && l <= 'f' ? (uint32_t)(l - 'a' + 10)
                                            : 99;
        if (d >= base)
            break;
        n = n * base + d;
    }
    if (i == first)
        return -1;                         /* no digits: an empty value, "0x", or a suffix alone */
    static const char shifts[] = "kmgtpe"; /* each 10 bits more, wrapping as Linux's */
    for (uint32_t k = 0; i < len && k < sizeof(shifts) - 1; k++)
        if ((v[i] | 0x20) == shifts[k]) {
            n <<= (k + 1) * 10;
            i++;
            break;
        }
    if (bytes && i < len && v[i] == '%') {
        n = n * PAGE_SIZE * app.pages_at_start / 100; /* bytes, then rounded up as any size */
        i++;
    }
    if (i != len)
        return -1;
    n = bytes ? n / PAGE_SIZE + (n % PAGE_SIZE != 0) : n;
    return n > UINT32_MAX ? 0 : (int64_t)n;
}

/* tmpfs's (the rootfs's too) and procfs's options, as their parsers take them, into m: the ones
   each knows (sysfs none), else EINVAL; an ill-formed value is EINVAL. tmpfs's mode=, uid=, gid=,
   size=, nr_blocks= and nr_inodes= are kept; the others are taken and dropped. */
static int options(uint8_t type, const char *opts, struct mount *m)
{
    /* Each list's names one after another, an empty one last (no pointer to each); tmpfs's
       first six in the order of fields below. */
    static const char tmpfs[] = "size\0nr_blocks\0nr_inodes\0mode\0uid\0gid\0huge\0mpol\0inode32\0"
                                "inode64\0";
    static const char proc[] = "hidepid\0gid\0subset\0";
    enum { SIZE, NR_BLOCKS, NR_INODES, MODE, UID, GID };
    /* where in the mount each of those six is kept (each a uint32_t) */
    static const uint8_t fields[] = {
        offsetof(struct mount, max_pages),  offsetof(struct mount, max_pages),
        offsetof(struct mount, max_inodes), offsetof(struct mount, mode),
        offsetof(struct mount, uid),        offsetof(struct mount, gid)};
    _Static_assert(sizeof(m->max_pages) == 4 && sizeof(m->max_inodes) == 4 &&
                       sizeof(m->mode) == 4 && sizeof(m->uid) == 4 && sizeof(m->gid) == 4,
                   "options' fields are uint32_t");
    for (const char *o = opts; *o;) {
        size_t len = 0, name = 0;
        while (o[len] && o[len] != ',')
            len++;
        while (name < len && o[name] != '=')
            name++;
        int known = -1, i = 0; /* the name's place in its list */
        for (const char *k = type == MNT_PROC    ? proc
                             : type == MNT_SYSFS ? ""
                                                 : tmpfs;
             *k; k += strlen(k) + 1, i++)
            if (is(o, name, k))
                known = i;
        if (len && known < 0 && type != MNT_RAMFS) /* ramfs takes mode= and ignores the rest */
            return -EINVAL;
        const char *v = o + name + 1;
        size_t vlen = name < len ? len - name - 1 : 0;
        int kept = type == MNT_PROC || (type == MNT_RAMFS && known != MODE) ? -1 : known;
        if (kept >= SIZE && kept <= GID) { /* a count, or from MODE on digits, into its field */
            int64_t n = kept < MODE ? count_of(v, vlen, kept == SIZE)
                                    : number(v, vlen, kept == MODE ? 8 : 10);
            if (n < 0)
                return -EINVAL;
            *(uint32_t *)((char *)m + fields[kept]) = (uint32_t)n & (kept == MODE ? 07777 : ~0u);
        }
        o += len + (o[len] == ',');
    }
    return 0;
}

/* Where a mount at at (reached through *via) goes: over the top of what is mounted there
   already (*via its mount), or NULL where that mount is gone (unmounted lazily, MNT_DETACH). */
static struct vnode *point_at(struct vnode *at, uint8_t *via)
{
    struct vnode *point = mount_cross(at, via);
    return mounts[*via].root ? point : NULL;
}

static int new_mount(struct vnode *at, uint8_t via, const char *type, const char *source,
                     uint32_t flags, const char *opts)
{
    uint8_t t = MNT_PROC;
    while (t <= MNT_RAMFS && strcmp(type, types[t]))
        t++;
    struct vnode *dev = NULL;
    if (t > MNT_RAMFS)
        return -ENODEV;
    if (t == MNT_EXT2) { /* its source, a loop device; no options */
        int err = fs_node_kernel(source, &dev, NULL);
        if (err)
            return err;
        if (!S_ISBLK(dev->mode))
            return -ENOTBLK;
        if (!loop_known(dev))
            return -ENXIO;
        if (opts[0])
            return -EINVAL;
    }
    struct mount made = {.type = t,
                         .flags = flags,
                         .sb_ro = flags & MS_RDONLY,
                         .inodes = t >= MNT_TMPFS, /* its root */
                         .mode = t == MNT_TMPFS  ? 01777
                                 : t > MNT_TMPFS ? 0755
                                                 : 0555};
    if (t == MNT_DEVTMPFS) { /* Linux's tmpfs defaults: half the RAM, an inode a page */
        uint32_t used;
        vfs_usage(&used, &made.max_pages);
        made.max_inodes = made.max_pages;
    }
    struct vnode *point = point_at(at, &via);
    if (!point)
        return -EINVAL;
    int err = options(t, opts, &made);
    if (!err && !S_ISDIR(point->mode))
        err = -ENOTDIR;
    if (!err && removed(point))
        err = -ENOENT;
    if (err)
        return err;
    struct mount *m = free_slot();
    struct vnode *root = m ? vfs_new(S_IFDIR | made.mode) : NULL;
    if (!root)
        return -ENOMEM;
    root->uid = made.uid, root->gid = made.gid;
    made.point = point, made.up = via, made.root = root, made.minor = (uint32_t)new_minor();
    *m = made;
    strlcpy(m->source, source, sizeof(m->source));
    if (t == MNT_PROC)
        strlcpy(m->opts, opts, sizeof(m->opts));
    root->mnt = (uint8_t)(m - mounts);
    root->parent = point->parent; /* ".." leaves the mount */
    vfs_get(root);
    err = t < MNT_EXT2        ? (proc_fill(root, t == MNT_SYSFS) ? -ENOMEM : 0)
          : t == MNT_EXT2     ? ext2_fill(root, dev, m)
          : t == MNT_DEVTMPFS ? dev_fill(root)
                              : 0;
    if (err) {
        unlink_tree(root);
        m->root = NULL;
        vfs_put(root);
        return err;
    }
    pin(m, 1);
    return 0;
}

/* Does p lie under n (or is it n), up through its parents? */
static bool within(const struct vnode *p, const struct vnode *n)
{
    while (p && p != n)
        p = p->parent;
    return p;
}

/* A bind mount of n (reached through from) over point (reached through via), with from's
   flags; with rec, copies of the mounts under n in from too, and of those on them. */
static int graft(struct vnode *n, uint8_t from, struct vnode *point, uint8_t via, bool rec)
{
    struct mount *m = free_slot();
    if (!m)
        return -ENOMEM;
    *m = (struct mount){
        .point = point, .root = n, .up = via, .flags = mounts[from].flags, .refs = 1};
    vfs_get(n);
    pin(m, 1);
    for (struct mount *c = mounts; rec && c < mounts + MOUNTS_MAX; c++)
        if (c != m && c->root && c->point && c->up == from && within(c->point, n)) {
            int err = graft(c->root, (uint8_t)(c - mounts), c->point, (uint8_t)(m - mounts), rec);
            if (err)
                return err;
        }
    return 0;
}

/* MS_BIND, as Linux's do_loopback: the source's node shown at the point (ENOTDIR unless both
   are directories or neither is), the mounts under it too with MS_REC. */
static int bind(struct vnode *at, uint8_t via, const char *source, bool rec)
{
    struct vnode *n;
    uint8_t from;
    if (!source[0])
        return -EINVAL;
    int err = fs_node_kernel(source, &n, &from);
    if (err)
        return err;
    struct vnode *point = point_at(at, &via);
    if (!point)
        return -EINVAL;
    if (S_ISDIR(point->mode) != S_ISDIR(n->mode))
        return -ENOTDIR;
    if (removed(point) && S_ISDIR(point->mode))
        return -ENOENT;
    struct mount *first = free_slot();
    if ((err = graft(n, from, point, via, rec)) && first && first->root)
        detach(first);
    return err;
}

/* MS_REMOUNT: the mount's flags, and (without MS_BIND) its file system's read-only mark and a
   tmpfs's size (EINVAL below what it holds). Going read-only is EBUSY while a file open for
   writing is there: through the mount, or in the file system. */
static int remount(struct vnode *at, uint8_t via, uint32_t flags, const char *opts, bool bind)
{
    struct mount *m = mount_at(at, via), *sb;
    if (!m)
        return -EINVAL;
    sb = bind ? m : &mounts[at->mnt]; /* with MS_BIND, the mount alone: its limits unchanged */
    struct mount made = *sb;
    if (!bind && sb->type == MNT_EXT2 && (opts[0] || !(flags & MS_RDONLY)))
        return opts[0] ? -EINVAL : -EROFS; /* a copy of a disk, read-only for good */
    int err = bind ? 0 : options(sb->type, opts, &made);
    if (err)
        return err;
    if (sb->type < MNT_TMPFS || sb->type == MNT_RAMFS) /* the rootfs keeps no limit: System V
                                                          segments are its files */
        made.max_pages = made.max_inodes = 0;
    if ((flags & MS_RDONLY) && !(bind ? m->flags & MS_RDONLY : sb->sb_ro) && sb->writers)
        return -EBUSY;
    if ((made.max_pages && made.max_pages < sb->pages) ||
        (made.max_inodes && made.max_inodes < sb->inodes))
        return -EINVAL;
    m->flags = flags;
    if (!bind) {
        sb->sb_ro = flags & MS_RDONLY;
        sb->max_pages = made.max_pages;
        sb->max_inodes = made.max_inodes;
    }
    return 0;
}

/* m hangs over point (reached through via) now; its roots (its own and those stacked on it, but
   a bind's node) have ".." leave for point's parent. */
static void hang(struct mount *m, struct vnode *point, uint8_t via)
{
    m->point = point, m->up = via;
    pin(m, 1);
    for (const struct mount *o = m; o; o = mount_on(o->root, (uint8_t)(o - mounts)))
        if (!is_bind(o))
            o->root->parent = point->parent;
}

/* Whether n (reached through via) is top or lies under it, up through the mounts' points (a
   mount stacked on top lies under it), as Linux's is_path_reachable. */
static bool under(const struct vnode *n, uint8_t via, const struct vnode *top, uint8_t tv)
{
    while (n != top || via != tv) {
        const struct mount *m = &mounts[via];
        if (m->root == n && m->point)
            n = m->point, via = m->up;
        else if (!(n = mount_parent(n, &via)))
            return false;
    }
    return true;
}

/* MS_MOVE, as Linux's do_move_mount: from names a mount's root; to is a directory neither
   removed nor within the mount itself (ELOOP), followed up through the mounts it lies in. The
   roots stacked over the moved one move with it. */
static int move(struct vnode *to, uint8_t via, const char *from)
{
    struct vnode *n;
    uint8_t nv;
    if (!from || !*from)
        return -EINVAL;
    int err = fs_node_kernel(from, &n, &nv);
    struct mount *m = err ? NULL : mount_at(n, nv);
    if (err)
        return err;
    struct vnode *point = point_at(to, &via);
    if (!m || !m->point || !point || !S_ISDIR(point->mode))
        return -EINVAL;
    if (removed(point))
        return -ENOENT;
    for (const struct mount *p = &mounts[via]; p->root; p = &mounts[p->up]) {
        if (p == m)
            return -ELOOP;
        if (!p->point)
            break;
    }
    /* nor under one of its roots through a bind: ".." of a root is its point's parent */
    for (const struct mount *o = m; o; o = mount_on(o->root, (uint8_t)(o - mounts)))
        if (!is_bind(o) && within(point, o->root))
            return -ELOOP;
    pin(m, -1);
    hang(m, point, via);
    return 0;
}

/* pivot_root, as Linux's: new_root, a mount's root under the app's root, becomes the mount at
   the root's place, and the root's mount (which must be a mount's root with a parent: an
   initramfs's rootfs has none, EINVAL, which is why switch_root exists) moves to put_old, a
   directory under new_root; the app's root and working directory follow the old root to the
   new one. Linux's errors in Linux's order. */
sword_t sys_pivot_root(uaddr_t unew, uaddr_t uold)
{
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    struct vnode *nw, *old;
    uint8_t nv, ov;
    int err = fs_node_via(AT_FDCWD, unew, LOOKUP_FOLLOW, 0, &nw, &nv);
    if (!err && !S_ISDIR(nw->mode))
        err = -ENOTDIR;
    if (err || (err = fs_node_via(AT_FDCWD, uold, LOOKUP_FOLLOW, 0, &old, &ov)))
        return err;
    if (!S_ISDIR(old->mode))
        return -ENOTDIR;
    old = mount_cross(old, &ov);
    if (removed(old) || removed(nw))
        return -ENOENT;
    struct vnode *top = vfs_app_root;
    uint8_t tv = vfs_app_root_mnt;
    struct mount *root = &mounts[tv], *nm = &mounts[nv];
    if (nv == tv || ov == tv)
        return -EBUSY;
    if (!mounts[ov].root || root->root != top || !root->point || nm->root != nw || !nm->point ||
        !under(old, ov, nw, nv) || !under(nw, nv, top, tv))
        return -EINVAL;
    pin(nm, -1);
    hang(nm, root->point, root->up);
    pin(root, -1);
    hang(root, old, ov);
    if (fs.cwd == top && fs.cwd_mnt == tv)
        fs_set_place(&fs.cwd, &fs.cwd_mnt, nw, nv);
    fs_set_place(&vfs_app_root, &vfs_app_root_mnt, nw, nv);
    return 0;
}

/* A string argument into buf: 0, -EFAULT, or -EINVAL when it does not fit (where moat's room
   is smaller than Linux's page, rather than cut an option short). */
static int get_string(uaddr_t u, char *buf, uint32_t size)
{
    for (uint32_t i = 0; i < size; i++)
        if (copy_from_user(&buf[i], u + i, 1))
            return -EFAULT;
        else if (!buf[i])
            return 0;
    buf[size - 1] = 0;
    return -EINVAL;
}

sword_t sys_mount(uaddr_t usource, uaddr_t utarget, uaddr_t utype, word_t flags_arg, uaddr_t udata)
{
    static char source[PATH_MAX];
    char type[32], data[256]; /* nothing past their ends is read */
    uint32_t flags = (uint32_t)flags_arg;
    type[0] = data[0] = 0;
    int err = utype ? get_string(utype, type, sizeof(type)) : 0;
    if (err == -EFAULT || (usource && (err = get_string(usource, source, sizeof(source)))) ||
        (udata && (err = get_string(udata, data, sizeof(data)))))
        return err;
    if (!usource)
        source[0] = 0;
    struct vnode *at;
    uint8_t via;
    if ((err = fs_node_via(AT_FDCWD, utarget, LOOKUP_FOLLOW, 0, &at, &via)))
        return err;
    if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
        flags &= ~MS_MGC_MSK;
    if (flags & MS_NOUSER)
        return -EINVAL;
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    uint32_t kept = (flags & MS_KEPT) | (flags & (MS_NOATIME | MS_STRICTATIME) ? 0 : MS_RELATIME);
    if (flags & MS_REMOUNT)
        return remount(at, via, kept, data, flags & MS_BIND);
    if (flags & MS_BIND)
        return bind(at, via, source, flags & MS_REC);
    if (flags & MS_PROPAGATION) {
        uint32_t p = flags & MS_PROPAGATION;
        return !mount_at(at, via) || (p & (p - 1)) ||
                       (flags & ~(MS_PROPAGATION | MS_REC | MS_SILENT))
                   ? -EINVAL
                   : 0;
    }
    if (flags & MS_MOVE)
        return move(at, via, usource ? source : NULL);
    if (!utype)
        return -EINVAL;
    return new_mount(at, via, type, source, kept, data);
}

sword_t sys_umount2(uaddr_t utarget, uint32_t flags)
{
    if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
        return -EINVAL;
    struct vnode *at;
    uint8_t via;
    int err =
        fs_node_via(AT_FDCWD, utarget, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, 0, &at, &via);
    if (err)
        return err;
    /* the mounts on the last component followed, "." too (LOOKUP_MOUNTPOINT) */
    at = mount_cross(at, &via);
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    struct mount *m = mount_at(at, via);
    if (!m)
        return -EINVAL;
    bool root = at == vfs_app_root && via == vfs_app_root_mnt;
    if ((flags & MNT_EXPIRE) && (root || (flags & (MNT_FORCE | MNT_DETACH))))
        return -EINVAL;
    if (root && !(flags & MNT_DETACH)) /* as Linux: the root is remounted read-only */
        return remount(at, via, m->flags | MS_RDONLY, "", false);
    if (!(flags & MNT_DETACH) && m->refs > 1) /* more than its root's own: in use */
        return -EBUSY;
    if ((flags & MNT_EXPIRE) && !m->expire) {
        m->expire = true;
        return -EAGAIN;
    }
    detach(m);
    return 0;
}

__attribute__((cold, noinline)) bool mount_sysfs(const struct vnode *n)
{
    return mounts[n->mnt].type == MNT_SYSFS;
}

int mount_boot(struct vnode *point, bool sysfs)
{
    const char *type = types[sysfs ? MNT_SYSFS : MNT_PROC];
    return new_mount(point, 0, type, type, MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME, "");
}

sword_t sys_umount(uaddr_t utarget)
{
    return sys_umount2(utarget, 0);
}

/* A field of /proc/mounts, its blanks and backslashes as Linux's mangle writes them (\ooo),
   and the blank after it (each field here has one). */
static void put_field(const char *s)
{
    for (; *s; s++)
        proc_put(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\' ? "\\%03o" : "%c", *s);
    proc_put(" ");
}

/* A mount's flags, as mount(8) names them: each name after its flag's bit number (MS_*). */
static void put_flags(uint32_t f)
{
    static const char names[] = "\1nosuid\0\2nodev\0\3noexec\0\12noatime\0\13nodiratime\0"
                                "\25relatime\0"; /* an empty name ends them */
    _Static_assert(MS_NOSUID == 1u << 1 && MS_NODEV == 1u << 2 && MS_NOEXEC == 1u << 3 &&
                       MS_NOATIME == 1u << 10 && MS_NODIRATIME == 1u << 11 &&
                       MS_RELATIME == 1u << 21,
                   "names' bit numbers");
    proc_put(f & MS_RDONLY ? "ro" : "rw");
    for (const char *p = names; *p; p += strlen(p) + 1)
        if (f >> *p & 1)
            proc_put(",%s", p + 1);
}

/* A file system's options after its "rw" or "ro" (a tmpfs's as Linux's shmem_show_options). */
static void put_opts(const struct mount *sb)
{
    if (sb->type != MNT_TMPFS && sb->opts[0])
        proc_put(",%s", sb->opts);
    if (sb->max_pages)
        proc_put(",size=%lluk", sb->max_pages * (PAGE_SIZE / 1024ull));
    if (sb->max_inodes)
        proc_put(",nr_inodes=%u", sb->max_inodes);
    if (sb->type >= MNT_TMPFS && sb->mode != (sb->type == MNT_RAMFS ? 0755 : 01777))
        proc_put(sb->type == MNT_RAMFS ? ",mode=%o" : ",mode=%03o", sb->mode);
    if (sb->uid)
        proc_put(",uid=%u", sb->uid);
    if (sb->gid)
        proc_put(",gid=%u", sb->gid);
}

/* n's path (a directory's reached through via) from top (NULL: the app's root) into buf. */
static int path_of(struct vnode *n, uint8_t via, struct vnode *top, char *buf)
{
    return S_ISDIR(n->mode) ? vfs_path_of(n, via, top, buf, !top) : vfs_path_of_file(n, top, buf);
}

void mount_text(bool info)
{
    static char path[PATH_MAX], root[PATH_MAX];
    for (const struct mount *m = mounts; m < mounts + MOUNTS_MAX; m++) {
        uint8_t id = (uint8_t)(m - mounts);
        if (!m->root ||
            (S_ISDIR(m->root->mode) && !under(m->root, id, vfs_app_root, vfs_app_root_mnt)))
            continue; /* gone, or outside the app's root (a chroot's, or the rootfs below a new
                         root), as Linux's paths go */
        if (m->root == vfs_app_root && id == vfs_app_root_mnt)
            memcpy(path, "/", 2);
        else if (path_of(m->point ? m->point : m->root, m->point ? m->up : id, NULL, path) < 0 ||
                 path[0] != '/')
            continue;
        /* the file system's: a bind mount's is its node's */
        const struct mount *sb = &mounts[m->root->mnt];
        const char *source = sb->source[0] ? sb->source : "none";
        if (!info) { /* source, point, type, options */
            put_field(source);
            put_field(path);
            proc_put("%s ", types[sb->type]);
            put_flags(m->flags | (sb->sb_ro ? MS_RDONLY : 0));
            put_opts(sb);
            proc_put(" 0 0");
        } else {
            /* mountinfo: id (its slot's, as fdinfo's mnt_id), its parent's (the rootfs is its own),
               device, the root within its file system (a bind's node's path there), point, the
               mount's flags, no propagation (one namespace), then the file system's type,
               source and read-only mark and options. */
            const struct vnode *on = m->root->parent;
            uint32_t parent = m->point ? m->up + 1u : on ? on->mnt + 1u : id + 1u;
            if (path_of(m->root, m->root->mnt, sb->root ? sb->root : sb->kept, root) < 0)
                memcpy(root, "/", 2);
            proc_put("%u %u 0:%u ", id + 1u, parent, sb->minor);
            put_field(root);
            put_field(path);
            put_flags(m->flags);
            proc_put(" - %s ", types[sb->type]);
            put_field(source);
            proc_put(sb->sb_ro ? "ro" : "rw");
            put_opts(sb);
        }
        proc_pad(0); /* the line's end: a line that does not fit is left out */
    }
}
