/* The newc unpacker, for archives nobody checked: every field is bounded before use, and a
   bad archive is refused with a reason, never half-trusted. As Linux's do_name(), an entry
   whose parent directory is missing is skipped, an existing entry is replaced, and regular
   files that share an inode number are one node (hard links). */
#include "kernel/cpio.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/string.h"
#include "kernel/vfs.h"

#define HEADER 110
enum {
    INO,
    MODE,
    UID,
    GID,
    NLINK,
    MTIME,
    FILESIZE,
    DEVMAJOR,
    DEVMINOR,
    RDEVMAJOR,
    RDEVMINOR,
    NAMESIZE,
    CHECK,
    FIELDS
};

static uint32_t align4(uint32_t v)
{
    return (v + 3) & ~3u;
}

bool cpio_is_archive(const void *data, uint32_t size)
{
    const char *magic = data; /* "070701", or "070702" (with a checksum) */
    return size >= 6 && memcmp(magic, "07070", 5) == 0 && (magic[5] == '1' || magic[5] == '2');
}

static bool parse_header(const uint8_t *h, uint32_t f[FIELDS])
{
    for (int i = 0; i < FIELDS; i++) {
        uint32_t v = 0;
        for (int j = 0; j < 8; j++) {
            uint8_t c = h[6 + i * 8 + j];
            uint32_t d = c >= '0' && c <= '9'   ? c - (uint32_t)'0'
                         : c >= 'a' && c <= 'f' ? c - 'a' + 10u
                         : c >= 'A' && c <= 'F' ? c - 'A' + 10u
                                                : 16u;
            if (d == 16)
                return false;
            v = v << 4 | d;
        }
        f[i] = v;
    }
    return true;
}

/* Strip "./" and "/" prefixes; refuse ".." anywhere: no name may escape the root. */
static const char *clean_name(char *name, char **out)
{
    while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
        name += name[0] == '/' ? 1 : 2;
    for (char *p = name; *p;) {
        char *end = p;
        while (*end && *end != '/')
            end++;
        if (end - p == 2 && p[0] == '.' && p[1] == '.')
            return "a name escapes the root (\"..\")";
        p = *end ? end + 1 : end;
    }
    *out = name;
    return NULL;
}

/* Hard links, as Linux's maybe_link: a regular file whose nlink is 2 or more is remembered
   by its inode and device numbers, and a later entry with the same numbers becomes another
   name for its node. newc carries the data with one of the names only; an entry's data is
   written over the start of the node's, as Linux writes it into the file it opened without
   O_TRUNC. Forgotten at each trailer. */
struct hardlink {
    struct hardlink *next;
    uint32_t ino, major, minor;
    struct vnode *node; /* held (vfs_get) while remembered */
};
static struct hardlink *hardlinks;

static bool may_link(const uint32_t f[FIELDS])
{
    return S_ISREG(f[MODE]) && f[NLINK] >= 2;
}

static struct vnode *find_link(const uint32_t f[FIELDS])
{
    for (struct hardlink *h = hardlinks; h; h = h->next)
        if (h->ino == f[INO] && h->major == f[DEVMAJOR] && h->minor == f[DEVMINOR])
            return h->node;
    return NULL;
}

static int remember_link(const uint32_t f[FIELDS], struct vnode *n)
{
    struct hardlink *h = kmalloc(sizeof(*h));
    if (!h)
        return -ENOMEM;
    *h = (struct hardlink){hardlinks, f[INO], f[DEVMAJOR], f[DEVMINOR], n};
    vfs_get(n);
    hardlinks = h;
    return 0;
}

static void forget_links(void)
{
    while (hardlinks) {
        struct hardlink *h = hardlinks;
        hardlinks = h->next;
        vfs_put(h->node);
        kfree(h, sizeof(*h));
    }
}

/* The entry's data: the archive's bytes in place, or written over a linked node's. */
static int set_data(struct vnode *n, bool linked, const uint8_t *data, uint32_t size)
{
    if (linked && n->size)
        return size && vfs_write(n, 0, data, size) < 0 ? -ENOMEM : 0;
    n->ext = size ? data : NULL;
    n->size = size;
    return 0;
}

static int add_entry(char *path, const uint32_t f[FIELDS], const uint8_t *data)
{
    struct lookup *l = kmalloc(sizeof(*l));
    if (!l)
        return -ENOMEM;
    int err = vfs_resolve(vfs_root, 0, path, 0, l);
    struct vnode *old = err ? NULL : l->node, *n = NULL, *linked = NULL;
    if (err || l->dot) {
        err = 0; /* no parent (or "."): skipped, as Linux does */
    } else if (old && S_ISDIR(old->mode) && S_ISDIR(f[MODE])) {
        n = old; /* a directory twice: the later one's attributes */
    } else if (old && S_ISDIR(old->mode) && !vfs_is_empty(old)) {
        err = 0; /* cannot be replaced: skipped */
    } else {
        /* The directory keeps the mtime its own entry gave it, as Linux's unpacking sets the
           archive's directories' times last (dir_utime), after their entries are in. */
        struct vtime dir_mtime = l->dir->mtime;
        if (old)
            vfs_unlink(l->dir, l->name);
        linked = may_link(f) ? find_link(f) : NULL;
        n = linked ? linked : vfs_new(f[MODE]);
        if (n && vfs_link(l->dir, l->name, n)) {
            if (!linked)
                vfs_put(n);
            n = NULL;
        }
        if (!n || (!linked && may_link(f) && remember_link(f, n)))
            err = -ENOMEM, n = NULL;
        l->dir->mtime = dir_mtime;
    }
    if (n) {
        n->mode = f[MODE];
        n->uid = f[UID];
        n->gid = f[GID];
        n->mtime = n->atime = (struct vtime){f[MTIME], 0};
        n->rdev_major = f[RDEVMAJOR];
        n->rdev_minor = f[RDEVMINOR];
        if (S_ISREG(f[MODE]) || S_ISLNK(f[MODE]))
            err = set_data(n, linked, data, f[FILESIZE]);
    }
    kfree(l, sizeof(*l));
    return err;
}

/* One entry at data[*off], *off moved past it: NULL (*trailer set at the end), or why not. */
static const char *one_entry(const uint8_t *data, uint32_t size, uint32_t *off, char *path,
                             int *trailer)
{
    uint32_t f[FIELDS], at = *off;
    if (size - at < HEADER)
        return "truncated header";
    if (!cpio_is_archive(data + at, HEADER))
        return "bad magic (not a newc cpio header)";
    if (!parse_header(data + at, f))
        return "a header field is not hexadecimal";
    if (f[NAMESIZE] == 0 || f[NAMESIZE] > PATH_MAX)
        return "a name is empty or longer than PATH_MAX";
    if (f[NAMESIZE] > size - at - HEADER)
        return "truncated name";
    const char *name = (const char *)data + at + HEADER;
    if (name[f[NAMESIZE] - 1] || strlen(name) != f[NAMESIZE] - 1)
        return "a name is not terminated where its size says";
    uint32_t start = align4(at + HEADER + f[NAMESIZE]);
    if (start > size || f[FILESIZE] > size - start)
        return "truncated data (a size beyond the end of the archive)";
    *off = f[FILESIZE] ? align4(start + f[FILESIZE]) : start;
    if (*off > size)
        *off = size;
    if (strcmp(name, "TRAILER!!!") == 0) {
        forget_links();
        *trailer = 1;
        return NULL;
    }
    if (!vfs_known_type(f[MODE]))
        return "an entry of unknown file type";
    if (S_ISLNK(f[MODE]) && (f[FILESIZE] == 0 || f[FILESIZE] >= PATH_MAX))
        return "a symlink's target is empty or longer than PATH_MAX";
    if ((S_ISDIR(f[MODE]) || (!S_ISREG(f[MODE]) && !S_ISLNK(f[MODE]))) && f[FILESIZE])
        return "a directory or device with data";
    char *clean;
    memcpy(path, name, f[NAMESIZE]);
    const char *why = clean_name(path, &clean);
    if (why)
        return why;
    if (*clean && add_entry(clean, f, data + start))
        return "not enough memory for the file tree";
    return NULL;
}

const char *cpio_unpack(const uint8_t *data, uint32_t size, uint32_t *at)
{
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return "not enough memory for the file tree";
    const char *why = NULL;
    uint32_t off = 0;
    while (!why && off < size) {
        if (!data[off]) { /* zeros between concatenated archives, as Linux skips them */
            off++;
            continue;
        }
        *at = off;
        if (off % 4) {
            why = "broken padding between archives";
            break;
        }
        int trailer = 0;
        while (!why && !trailer) {
            *at = off;
            why = one_entry(data, size, &off, path, &trailer);
        }
    }
    forget_links(); /* an archive cut short of its trailer */
    kfree(path, PATH_MAX);
    return why;
}
