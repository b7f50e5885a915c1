/* ext2, read-only: mount(2) of a loop device that holds an ext2 file system (as mke2fs and
   busybox's mkfs.ext2 make them; an ext3 one too, its journal unused) reads the whole tree
   into the new mount's nodes at once, with the image's inode numbers, owners, modes, times,
   device numbers, symlinks and hard links, and the files' data (holes stay holes). The mount
   is read-only (a read-write mount is EROFS, so busybox's mount tries again read-only, as for a
   write-protected disk), and it is a copy: a later write to the disk does not show in it.
   Everything in the image is the app's to forge, so each field is checked before it is used:
   an inode number or block outside the disk, a directory entry that does not fit its block, or
   more names or reads than ext2_fill's bounds allow (which a directory holding one of its own
   parents, or blocks named again and again, soon reach) make the mount fail (EUCLEAN, Linux's
   EFSCORRUPTED), as do features Linux's ext2 cannot read either (EINVAL: extents, 64-bit, a
   journal to replay, ...). */
#include "kernel/errno.h"
#include "kernel/fs.h"
#include "kernel/loop.h"
#include "kernel/mount.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include <mode/layout.h>

#define ROOT_INO 2
#define INCOMPAT_FILETYPE 2u /* the one incompatible feature read here */
#define LINKS_KEPT 64        /* hard links found again by inode number */

struct inode {
    uint16_t mode, uid;
    uint32_t size, atime, ctime, mtime, dtime;
    uint16_t gid, links;
    uint32_t blocks, flags, osd1, block[15], generation, file_acl, size_high, faddr;
    uint8_t frag, fsize;
    uint16_t pad, uid_high, gid_high;
    uint32_t reserved;
};
_Static_assert(sizeof(struct inode) == 128, "ext2's inode");

static struct {
    const struct vnode *dev;
    uint32_t bsize, ipg, isize, inodes, gdt;
    uint32_t left;   /* names still allowed */
    uint32_t linked; /* hard-linked inodes seen */
    uint64_t steps;  /* blocks of pointers or entries still to be read: a bound on the work */
    struct {
        uint32_t ino;
        struct vnode *n;
    } links[LINKS_KEPT];
} e;

/* len bytes at pos of the disk; -EIO past its end or its file's. */
static int rd(uint64_t pos, void *buf, uint32_t len)
{
    struct vnode *n;
    uint32_t l = len;
    if (loop_map(e.dev, false, &n, &pos, &l) <= 0 || l < len)
        return -EIO;
    return vfs_read(n, pos, buf, len) == (int32_t)len ? 0 : -EIO;
}

static int get_inode(uint32_t ino, struct inode *in)
{
    uint32_t table;
    if (!ino || ino > e.inodes)
        return -EUCLEAN;
    int err = rd((uint64_t)e.gdt * e.bsize + (uint64_t)((ino - 1) / e.ipg) * 32 + 8, &table, 4);
    return err ? err
               : rd((uint64_t)table * e.bsize + (uint64_t)((ino - 1) % e.ipg) * e.isize, in,
                    sizeof(*in));
}

/* Count one more read of pointers or entries: EUCLEAN once the image has asked for more than
   its size could hold honestly (an indirect block or folder block named again and again). */
static int step(void)
{
    return e.steps-- ? 0 : -EUCLEAN;
}

/* The disk block holding block idx of a file (0: a hole), through the indirect blocks, and
 *run, the blocks from idx on that it or its hole covers (a hole's whole span is skipped). */
static int bmap(const struct inode *in, uint32_t idx, uint32_t *blk, uint32_t *run)
{
    uint32_t per = e.bsize / 4, cover = 1, level = 0;
    *run = 1;
    if (idx < 12) {
        *blk = in->block[idx];
        return 0;
    }
    idx -= 12;
    while (level < 3 && idx >= (cover *= per))
        idx -= cover, level++;
    if (level == 3)
        return -EUCLEAN;
    uint32_t b = in->block[12 + level];
    while (b && cover > 1) {
        cover /= per;
        int err = step();
        if (err || (err = rd((uint64_t)b * e.bsize + idx / cover % per * 4, &b, 4)))
            return err;
    }
    *blk = b;
    if (!b)
        *run = cover - idx % cover;
    return 0;
}

/* A file's or symlink's data into n; a fast symlink's target is in the block list itself. */
static int fill_data(struct vnode *n, const struct inode *in)
{
    static uint8_t block[PAGE_SIZE];
    uint64_t size = in->size | (S_ISREG(in->mode) ? (uint64_t)in->size_high << 32 : 0);
    if (size >= 1ull << 32)
        return -EFBIG; /* past what a node here holds */
    if (S_ISLNK(in->mode) && in->blocks == (in->file_acl ? e.bsize / 512 : 0))
        return size < sizeof(in->block) &&
                       vfs_write(n, 0, in->block, (uint32_t)size) == (int32_t)size
                   ? 0
                   : -EUCLEAN;
    for (uint32_t idx = 0, run; (uint64_t)idx * e.bsize < size; idx += run) {
        uint32_t b,
            len = size - (uint64_t)idx * e.bsize < e.bsize ? (uint32_t)size % e.bsize : e.bsize;
        int err = bmap(in, idx, &b, &run);
        if (!err && b)
            err = rd((uint64_t)b * e.bsize, block, len);
        if (!err && b && vfs_write(n, (uint64_t)idx * e.bsize, block, len) != (int32_t)len)
            err = -ENOMEM; /* the copy's memory */
        if (err)
            return err;
    }
    return vfs_truncate(n, size); /* a hole at the end */
}

/* n takes inode ino's attributes. -EUCLEAN for a type that is none of Linux's seven. */
static int attrs(struct vnode *n, const struct inode *in, uint32_t ino)
{
    if (!vfs_known_type(in->mode))
        return -EUCLEAN;
    n->mode = in->mode;
    n->ino = ino;
    n->uid = in->uid | (uint32_t)in->uid_high << 16;
    n->gid = in->gid | (uint32_t)in->gid_high << 16;
    n->atime = (struct vtime){.sec = in->atime};
    n->mtime = (struct vtime){.sec = in->mtime};
    n->ctime = (struct vtime){.sec = in->ctime};
    return 0;
}

/* The node for inode ino, named name in dir (an earlier node of a hard link again). Out of
   line: in fill_dir's walk of a block it kept its inode and its own values beside the
   walk's, 77 bytes more. */
static __attribute__((noinline)) int add(struct vnode *dir, const char *name, uint32_t ino)
{
    struct inode in;
    int err = get_inode(ino, &in);
    if (err)
        return err;
    if (!e.left--) /* each name costs the kernel's memory, a hard link's too; a folder that
                      holds its own parent ends here, its copy of copies cut short */
        return -EUCLEAN;
    for (uint32_t i = 0; i < LINKS_KEPT && in.links > 1 && !S_ISDIR(in.mode); i++)
        if (e.links[i].ino == ino)
            return vfs_link(dir, name, e.links[i].n);
    struct vnode *n = fs_new_node(dir, in.mode); /* (its owner attrs' below) */
    if (!n)
        return -ENOMEM;
    if ((err = attrs(n, &in, ino))) {
        vfs_put(n);
        return err;
    }
    if (S_ISCHR(in.mode) || S_ISBLK(in.mode)) { /* old_decode_dev, or new_decode_dev's */
        uint32_t d = in.block[0] ? in.block[0] : in.block[1];
        n->rdev_major = (d >> 8) & 0xFFF;
        n->rdev_minor = (d & 0xFF) | ((d >> 12) & 0xFFF00);
    }
    if ((err = vfs_link(dir, name, n)) == 0 && (S_ISREG(in.mode) || S_ISLNK(in.mode)))
        err = fill_data(n, &in);
    if (!err && in.links > 1 && !S_ISDIR(in.mode)) { /* the last LINKS_KEPT of them */
        uint32_t i = e.linked++ % LINKS_KEPT;
        e.links[i].ino = ino, e.links[i].n = n;
    }
    vfs_put(n); /* the tree holds it now, or nothing does */
    return err;
}

/* A directory's entries, each made a node (a directory's own, empty, filled later): each of
   its blocks read whole, then its entries taken from it. */
static int fill_dir(struct vnode *dir)
{
    static uint8_t block[PAGE_SIZE]; /* (fill_data's is another: add() reads files meanwhile) */
    struct inode in;
    int err = get_inode(dir->ino, &in);
    if (!err && !S_ISDIR(in.mode)) /* the root's inode, which nothing else checked */
        err = -EUCLEAN;
    for (uint32_t idx = 0, run; !err && (uint64_t)idx * e.bsize < in.size; idx++) {
        uint32_t b;
        if ((err = bmap(&in, idx, &b, &run)) || !b || (err = step()) ||
            (err = rd((uint64_t)b * e.bsize, block, e.bsize)))
            break; /* a directory has no holes */
        for (uint32_t off = 0; !err && off < e.bsize;) {
            struct {
                uint32_t ino;
                uint16_t rec_len;
                uint8_t name_len, type;
            } d;
            char name[NAME_MAX + 1];
            memcpy(&d, block + off, 8);
            if (d.rec_len < 8 || d.rec_len % 4 || d.rec_len > e.bsize - off ||
                d.name_len > d.rec_len - 8u)
                return -EUCLEAN;
            memcpy(name, block + off + 8, d.name_len);
            name[d.name_len] = 0;
            bool dots = name[0] == '.' && (d.name_len == 1 || (d.name_len == 2 && name[1] == '.'));
            bool usable = d.name_len && strlen(name) == d.name_len; /* no NUL, not empty */
            for (uint32_t i = 0; i < d.name_len; i++)
                usable &= name[i] != '/';
            if (d.ino && usable && !dots) /* what Linux's getdents would refuse is left out */
                err = add(dir, name, d.ino);
            off += d.rec_len;
        }
    }
    if (err)
        return err;
    /* its times again (each new entry touched them), its blocks as its size, and its entries
       in the disk's order (readdir's on Linux), where each new one went first */
    attrs(dir, &in, dir->ino);
    dir->size = in.size;
    struct ventry *done = NULL;
    while (dir->entries) {
        struct ventry *first = dir->entries;
        dir->entries = first->next;
        first->next = done;
        done = first;
    }
    dir->entries = done;
    return 0;
}

int ext2_fill(struct vnode *root, const struct vnode *dev, struct mount *m)
{
    struct {
        uint32_t inodes, blocks, r_blocks, free_blocks, free_inodes, first, log_bsize, log_fsize;
        uint32_t bpg, fpg, ipg, mtime, wtime;
        uint16_t mnt_count, max_mnt, magic, state, errors, minor_rev;
        uint32_t lastcheck, checkinterval, creator_os, rev, def_resuid_gid, first_ino;
        uint16_t isize, block_group;
        uint32_t compat, incompat, ro_compat;
    } sb;
    e = (typeof(e)){.dev = dev};
    int err = rd(1024, &sb, sizeof(sb));
    if (err || sb.magic != EXT2_SUPER_MAGIC || sb.log_bsize > 2 || !sb.ipg || !sb.inodes)
        return -EINVAL; /* what Linux's ext2_fill_super says of a disk that is not ext2 */
    e.bsize = 1024u << sb.log_bsize, e.ipg = sb.ipg, e.inodes = sb.inodes;
    e.isize = sb.rev ? sb.isize : 128;
    e.gdt = sb.first + 1;
    if ((sb.rev && (sb.isize < 128 || sb.isize > e.bsize || (sb.isize & (sb.isize - 1)))) ||
        (sb.incompat & ~INCOMPAT_FILETYPE))
        return -EINVAL;
    /* Bounds on the copy, whatever the image claims: names, at most its inodes, those the
       disk's size can hold and two per free page of memory (the kernel's memory for nodes
       is not given back); reads of pointers and folder blocks, four per block that the disk
       and the memory both could hold, which a real image never needs. */
    uint64_t ram = (uint64_t)pmm_free_count() * PAGE_SIZE, disk = loop_size(dev);
    uint64_t names = disk / e.isize < ram / 2048 ? disk / e.isize : ram / 2048;
    e.left = sb.inodes < names ? sb.inodes : (uint32_t)names;
    e.steps = 4 * (disk < ram ? disk : ram) / e.bsize;
    if (sb.blocks < e.steps / 4)
        e.steps = 4 * (uint64_t)sb.blocks;
    if (!(m->flags & MS_RDONLY))
        return -EROFS; /* an ext2 it can read: read-only, then */
    m->disk.bsize = e.bsize, m->disk.blocks = sb.blocks, m->disk.bfree = sb.free_blocks;
    m->disk.bavail = sb.free_blocks > sb.r_blocks ? sb.free_blocks - sb.r_blocks : 0;
    m->disk.files = sb.inodes, m->disk.ffree = sb.free_inodes;
    /* the root from inode 2, then each directory in turn, walking the new tree without
       recursion: down into a directory once it is filled, up to the next one after it */
    struct vnode *dir = root;
    root->ino = ROOT_INO;
    for (const struct ventry *next;;) {
        if ((err = fill_dir(dir)))
            return err;
        /* on to the next directory: dir's first, or one after an entry walked */
        for (next = dir->entries; !next || !S_ISDIR(next->node->mode);) {
            if (next) {
                next = next->next;
            } else if (dir == root) {
                return 0;
            } else { /* up: on from dir's own entry */
                struct vnode *child = dir;
                dir = dir->parent;
                for (next = dir->entries; next->node != child; next = next->next)
                    ;
                next = next->next;
            }
        }
        dir = next->node; /* down */
    }
}
