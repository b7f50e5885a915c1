/* mount(2) and umount2, as Linux's fs/namespace.c for one mount namespace: new tmpfs and
   procfs mounts over a directory (stacked where one is there already), remounts (their flags,
   read-only only without writers), moves, the propagation types (one namespace: nothing to
   propagate to), and unmounting what nothing uses (EBUSY), or lazily (MNT_DETACH). A tmpfs
   mount shares the tree's frames and their limit; an unmounted one's names go at once (a lazily
   unmounted tree is a removed directory, where Linux keeps it usable) and its nodes as a
   removed file's do, once nothing holds them. pivot_root swaps the root's mount for another.
   Bind mounts are not there (EINVAL). */
#include "kernel/mount.h"
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/fs.h"
#include "kernel/loop.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#include <stdarg.h>

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

void mount_init(struct vnode *proc_top)
{
    mounts[0] = (struct mount){
        .root = vfs_root, .type = MNT_ROOTFS, .minor = ROOT_DEV_MINOR, .source = "rootfs"};
    if (proc_top)
        mounts[1] = (struct mount){.root = proc_top,
                                   .type = MNT_PROC,
                                   .minor = PROC_DEV_MINOR,
                                   .flags = MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME,
                                   .source = "proc"};
}

static struct mount *mount_on(const struct vnode *point)
{
    for (struct mount *m = mounts; m < mounts + MOUNTS_MAX; m++)
        if (m->root && m->point == point)
            return m;
    return NULL;
}

struct vnode *vfs_over(struct vnode *n)
{
    while (n->covered)
        n = mount_on(n)->root;
    return n;
}

bool mount_reaches(const struct vnode *under, const struct vnode *n)
{
    for (;; under = mount_on(under)->root)
        if (under == n || !under->covered)
            return under == n;
}

bool mount_is_root(const struct vnode *n)
{
    return mounts[n->mnt].root == n;
}

uint32_t mount_minor(const struct vnode *n)
{
    return mounts[n->mnt].minor;
}

uint32_t mount_flags(const struct vnode *n)
{
    return mounts[n->mnt].flags;
}

int mount_writable(const struct vnode *n)
{
    return mounts[n->mnt].flags & MS_RDONLY ? -EROFS : 0;
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

/* Take m out of the tree (the mounts within it first) and let its nodes go; its slot stays
   taken while anything still holds one (mount.refs). */
static void detach(struct mount *m)
{
    for (struct mount *c = mounts; c < mounts + MOUNTS_MAX; c++)
        if (c->root && c->point && c->point->mnt == (uint8_t)(m - mounts))
            detach(c);
    unlink_tree(m->root);
    m->point->covered = false;
    vfs_put(m->point);
    struct vnode *root = m->root;
    m->root = NULL;
    root->nlink = 0;
    root->parent = NULL; /* a removed directory now: ".." and new names lead nowhere */
    vfs_put(root);
}

/* The mount whose root the app named, or NULL. */
static struct mount *mount_at(const struct vnode *n)
{
    return mount_is_root(n) ? &mounts[n->mnt] : NULL;
}

/* A directory removed, or in a tree taken away (Linux: it can be no mount point). */
static bool removed(const struct vnode *d)
{
    return !d->parent && d != vfs_root && !mount_is_root(d);
}

static bool slot_free(const struct mount *m)
{
    return !m->root && !m->refs && !m->writers;
}

static int new_minor(void)
{
    for (uint32_t minor = 4;; minor++) {
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
   each knows, else EINVAL; an ill-formed value is EINVAL. tmpfs's mode=, uid=, gid=, size=,
   nr_blocks= and nr_inodes= are kept; the others are taken and dropped. */
static int options(uint8_t type, const char *opts, struct mount *m)
{
    /* Each list's names one after another, an empty one last (no pointer to each). */
    static const char tmpfs[] = "size\0nr_blocks\0nr_inodes\0mode\0uid\0gid\0huge\0mpol\0inode32\0"
                                "inode64\0";
    static const char proc[] = "hidepid\0gid\0subset\0";
    for (const char *o = opts; *o;) {
        size_t len = 0, name = 0;
        while (o[len] && o[len] != ',')
            len++;
        while (name < len && o[name] != '=')
            name++;
        bool known = false;
        for (const char *k = type == MNT_PROC ? proc : tmpfs; *k; k += strlen(k) + 1)
            known |= is(o, name, k);
        if (len && !known)
            return -EINVAL;
        const char *v = o + name + 1;
        size_t vlen = name < len ? len - name - 1 : 0;
        int64_t n = 0;
        bool size = is(o, name, "size");
        if (type == MNT_PROC) {
        } else if ((size || is(o, name, "nr_blocks")) && (n = count_of(v, vlen, size)) >= 0) {
            m->max_pages = (uint32_t)n;
        } else if (is(o, name, "nr_inodes") && (n = count_of(v, vlen, false)) >= 0) {
            m->max_inodes = (uint32_t)n;
        } else if (is(o, name, "mode") && (n = number(v, vlen, 8)) >= 0) {
            m->mode = (uint32_t)n & 07777;
        } else if (is(o, name, "uid") && (n = number(v, vlen, 10)) >= 0) {
            m->uid = (uint32_t)n;
        } else if (is(o, name, "gid") && (n = number(v, vlen, 10)) >= 0) {
            m->gid = (uint32_t)n;
        }
        if (n < 0)
            return -EINVAL;
        o += len + (o[len] == ',');
    }
    return 0;
}

static int new_mount(struct vnode *at, const char *type, const char *source, uint32_t flags,
                     const char *opts)
{
    uint8_t t = !strcmp(type, "tmpfs")  ? MNT_TMPFS
                : !strcmp(type, "proc") ? MNT_PROC
                : !strcmp(type, "ext2") ? MNT_EXT2
                                        : 0xFF;
    struct vnode *dev = NULL;
    if (t == 0xFF)
        return -ENODEV;
    if (t == MNT_EXT2) { /* its source, a loop device; no options */
        int err = fs_node_kernel(source, &dev);
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
                         .inodes = t == MNT_TMPFS, /* its root */
                         .mode = t == MNT_TMPFS ? 01777 : 0555};
    struct vnode *point = vfs_over(at);
    int err = options(t, opts, &made);
    if (!err && !S_ISDIR(point->mode))
        err = -ENOTDIR;
    if (!err && removed(point))
        err = -ENOENT;
    if (err)
        return err;
    struct mount *m = mounts;
    while (m < mounts + MOUNTS_MAX && !slot_free(m))
        m++;
    struct vnode *root = m < mounts + MOUNTS_MAX ? vfs_new(S_IFDIR | made.mode) : NULL;
    if (!root)
        return -ENOMEM;
    root->uid = made.uid, root->gid = made.gid;
    made.point = point, made.root = root, made.minor = (uint32_t)new_minor();
    *m = made;
    strlcpy(m->source, source, sizeof(m->source));
    if (t == MNT_PROC)
        strlcpy(m->opts, opts, sizeof(m->opts));
    root->mnt = (uint8_t)(m - mounts);
    root->parent = point->parent; /* ".." leaves the mount */
    vfs_get(root);
    err = t == MNT_PROC   ? (proc_fill(root) ? -ENOMEM : 0)
          : t == MNT_EXT2 ? ext2_fill(root, dev, m)
                          : 0;
    if (err) {
        unlink_tree(root);
        m->root = NULL;
        vfs_put(root);
        return err;
    }
    vfs_get(point);
    point->covered = true;
    return 0;
}

/* MS_REMOUNT: the flags, and a tmpfs's size (EINVAL below what it holds). */
static int remount(struct vnode *at, uint32_t flags, const char *opts)
{
    struct mount *m = mount_at(at);
    if (!m)
        return -EINVAL;
    struct mount made = *m;
    if (m->type == MNT_EXT2 && (opts[0] || !(flags & MS_RDONLY)))
        return opts[0] ? -EINVAL : -EROFS; /* a copy of a disk, read-only for good */
    int err = options(m->type, opts, &made);
    if (err)
        return err;
    if (m->type != MNT_TMPFS) /* the rootfs keeps no limit: System V segments are its files */
        made.max_pages = made.max_inodes = 0;
    if ((flags & MS_RDONLY) && !(m->flags & MS_RDONLY) && m->writers)
        return -EBUSY;
    if ((made.max_pages && made.max_pages < m->pages) ||
        (made.max_inodes && made.max_inodes < m->inodes))
        return -EINVAL;
    m->flags = flags;
    m->max_pages = made.max_pages;
    m->max_inodes = made.max_inodes;
    return 0;
}

/* m's roots (its own and those stacked on it) hang under point now: ".." leaves for its
   parent. */
static void hang(struct mount *m, struct vnode *point)
{
    m->point = point;
    point->covered = true;
    for (struct vnode *r = m->root;; r = mount_on(r)->root) {
        r->parent = point->parent;
        if (!r->covered)
            break;
    }
}

/* Whether n is top or lies under it, up through the mounts' points (a mount stacked on top lies
   under it), as Linux's is_path_reachable. */
static bool under(const struct vnode *n, const struct vnode *top)
{
    while (n != top) {
        const struct mount *m = &mounts[n->mnt];
        if (!(n = m->root == n && m->point ? m->point : n->parent))
            return false;
    }
    return true;
}

/* MS_MOVE, as Linux's do_move_mount: from names a mount's root; to is a directory neither
   removed nor within the mount itself (ELOOP), followed up through the mounts it lies in. The
   roots stacked over the moved one move with it. */
static int move(struct vnode *to, const char *from)
{
    struct vnode *n;
    if (!from || !*from)
        return -EINVAL;
    int err = fs_node_kernel(from, &n);
    struct mount *m = err ? NULL : mount_at(n);
    if (err)
        return err;
    struct vnode *point = vfs_over(to);
    if (!m || !m->point || !S_ISDIR(point->mode))
        return -EINVAL;
    if (removed(point))
        return -ENOENT;
    for (const struct mount *p = &mounts[point->mnt]; p->root; p = &mounts[p->point->mnt]) {
        if (p == m)
            return -ELOOP;
        if (!p->point)
            break;
    }
    m->point->covered = false;
    vfs_put(m->point);
    vfs_get(point);
    hang(m, point);
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
    int err = fs_node(AT_FDCWD, unew, LOOKUP_FOLLOW, 0, &nw);
    if (!err && !S_ISDIR(nw->mode))
        err = -ENOTDIR;
    if (err || (err = fs_node(AT_FDCWD, uold, LOOKUP_FOLLOW, 0, &old)))
        return err;
    if (!S_ISDIR(old->mode))
        return -ENOTDIR;
    old = vfs_over(old);
    if (removed(old) || removed(nw))
        return -ENOENT;
    struct vnode *top = vfs_app_root;
    struct mount *root = &mounts[top->mnt], *nm = &mounts[nw->mnt];
    if (nm == root || &mounts[old->mnt] == root)
        return -EBUSY;
    if (root->root != top || !root->point || nm->root != nw || !nm->point || !under(old, nw) ||
        !under(nw, top))
        return -EINVAL;
    struct vnode *place = root->point; /* its reference passes to nm */
    nm->point->covered = false;
    vfs_put(nm->point);
    hang(nm, place);
    vfs_get(old);
    hang(root, old);
    for (struct vnode **ref = &vfs_app_root; ref; ref = ref == &vfs_app_root ? &fs.cwd : NULL)
        if (*ref == top) {
            vfs_get(nw);
            vfs_put(top);
            *ref = nw;
        }
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
    char type[32] = "", data[256] = "";
    uint32_t flags = (uint32_t)flags_arg;
    int err = utype ? get_string(utype, type, sizeof(type)) : 0;
    if (err == -EFAULT || (usource && (err = get_string(usource, source, sizeof(source)))) ||
        (udata && (err = get_string(udata, data, sizeof(data)))))
        return err;
    if (!usource)
        source[0] = 0;
    struct vnode *at;
    if ((err = fs_node(AT_FDCWD, utarget, LOOKUP_FOLLOW, 0, &at)))
        return err;
    if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
        flags &= ~MS_MGC_MSK;
    if (flags & MS_NOUSER)
        return -EINVAL;
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    uint32_t kept = (flags & MS_KEPT) | (flags & (MS_NOATIME | MS_STRICTATIME) ? 0 : MS_RELATIME);
    if (flags & MS_REMOUNT)
        return remount(at, kept, flags & MS_BIND ? "" : data); /* a mount's flags alone */
    if (flags & MS_BIND) {
        if (klog_ratelimit())
            klog("mount: bind mounts are not implemented (-EINVAL)");
        return -EINVAL;
    }
    if (flags & MS_PROPAGATION) {
        uint32_t p = flags & MS_PROPAGATION;
        return !mount_at(at) || (p & (p - 1)) || (flags & ~(MS_PROPAGATION | MS_REC | MS_SILENT))
                   ? -EINVAL
                   : 0;
    }
    if (flags & MS_MOVE)
        return move(at, usource ? source : NULL);
    if (!utype)
        return -EINVAL;
    return new_mount(at, type, source, kept, data);
}

sword_t sys_umount2(uaddr_t utarget, uint32_t flags)
{
    if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
        return -EINVAL;
    struct vnode *at;
    int err = fs_node(AT_FDCWD, utarget, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, 0, &at);
    if (err)
        return err;
    at = vfs_over(at); /* the mounts on the last component followed, "." too (LOOKUP_MOUNTPOINT) */
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    struct mount *m = mount_at(at);
    if (!m)
        return -EINVAL;
    bool root = m->root == vfs_app_root;
    if ((flags & MNT_EXPIRE) && (root || (flags & (MNT_FORCE | MNT_DETACH))))
        return -EINVAL;
    if (root && !(flags & MNT_DETACH)) /* as Linux: the root is remounted read-only */
        return remount(at, m->flags | MS_RDONLY, "");
    if (!m->point)
        return -EINVAL; /* the boot's /proc, which covers nothing to go back to */
    if (!(flags & MNT_DETACH) && m->refs > 1) /* more than its root's own: in use */
        return -EBUSY;
    if ((flags & MNT_EXPIRE) && !m->expire) {
        m->expire = true;
        return -EAGAIN;
    }
    detach(m);
    return 0;
}

sword_t sys_umount(uaddr_t utarget)
{
    return sys_umount2(utarget, 0);
}

/* A field of /proc/mounts, its blanks and backslashes as Linux's mangle writes them (\ooo). */
static uint32_t put_field(char *buf, uint32_t len, uint32_t size, const char *s)
{
    for (; *s && len + 5 < size; s++)
        len += (uint32_t)(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\'
                              ? ksnprintf(buf + len, size - len, "\\%03o", (unsigned)*s)
                              : ksnprintf(buf + len, size - len, "%c", *s));
    return len;
}

/* fmt's text after buf[len], cut at size: the new length, at most size - 1. */
__attribute__((format(printf, 4, 5))) static uint32_t append(char *buf, uint32_t len, uint32_t size,
                                                             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    uint32_t n = (uint32_t)kvsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
    return n < size - len ? len + n : size - 1;
}

uint32_t mount_text(char *buf, uint32_t size, bool info)
{
    static const char types[][7] = {"rootfs", "tmpfs", "proc", "ext2"};
    static char path[PATH_MAX];
    uint32_t len = 0;
    for (const struct mount *m = mounts; m < mounts + MOUNTS_MAX; m++) {
        if (!m->root || !under(m->root, vfs_app_root))
            continue; /* gone, or outside the app's root (a chroot's, or the rootfs below a new
                         root), as Linux's paths go */
        if (m->root == vfs_app_root)
            strlcpy(path, "/", sizeof(path));
        else if (vfs_path_of(m->point ? m->point : m->root, path, true) < 0 || path[0] != '/')
            continue;
        uint32_t f = m->flags, start = len;
        char flags[64];
        ksnprintf(flags, sizeof(flags), "%s%s%s%s%s%s%s", f & MS_RDONLY ? "ro" : "rw",
                  f & MS_NOSUID ? ",nosuid" : "", f & MS_NODEV ? ",nodev" : "",
                  f & MS_NOEXEC ? ",noexec" : "", f & MS_NOATIME ? ",noatime" : "",
                  f & MS_NODIRATIME ? ",nodiratime" : "", f & MS_RELATIME ? ",relatime" : "");
        const char *source = m->source[0] ? m->source : "none";
        char opts[96] = ""; /* a tmpfs's as Linux's shmem_show_options prints them */
        uint32_t ol = 0;
        if (m->type != MNT_TMPFS)
            ol = append(opts, ol, sizeof(opts), "%s%s", m->opts[0] ? "," : "", m->opts);
        if (m->max_pages)
            ol =
                append(opts, ol, sizeof(opts), ",size=%lluk", m->max_pages * (PAGE_SIZE / 1024ull));
        if (m->max_inodes)
            ol = append(opts, ol, sizeof(opts), ",nr_inodes=%u", m->max_inodes);
        if (m->type == MNT_TMPFS && m->mode != 01777)
            ol = append(opts, ol, sizeof(opts), ",mode=%03o", m->mode);
        if (m->uid)
            ol = append(opts, ol, sizeof(opts), ",uid=%u", m->uid);
        if (m->gid)
            append(opts, ol, sizeof(opts), ",gid=%u", m->gid);
        if (!info) { /* source, point, type, options */
            len = put_field(buf, len, size, source);
            len = append(buf, len, size, " ");
            len = put_field(buf, len, size, path);
            len = append(buf, len, size, " %s %s%s 0 0\n", types[m->type], flags, opts);
        } else {
            /* mountinfo: id (its slot's, as fdinfo's mnt_id), its parent's (the rootfs is its own),
               device, the root within its file system (no bind mounts: "/"), point, the mount's
               flags, no propagation (one namespace), then the file system's type, source and
               options. */
            const struct vnode *on = m->point ? m->point : m->root->parent;
            uint32_t id = (uint32_t)(m - mounts) + 1, parent = on ? on->mnt + 1u : id;
            len = append(buf, len, size, "%u %u 0:%u / ", id, parent, m->minor);
            len = put_field(buf, len, size, path);
            len = append(buf, len, size, " %s - %s ", flags, types[m->type]);
            len = put_field(buf, len, size, source);
            len = append(buf, len, size, " %s%s\n", f & MS_RDONLY ? "ro" : "rw", opts);
        }
        if (len >= size - 1) { /* a line cut short: the text ends before it */
            len = start;
            break;
        }
    }
    return len;
}
