/* The mounts (kernel/mount.c): the tree is rootfs, /proc a procfs mount, and mount(2) puts a
   tmpfs or another procfs over a directory, or binds a directory or file there. A node knows
   its file system (vnode.mnt, the index in the table of the mount that made it); a node with
   mounts over it is covered (vnode.covered counts them), and a lookup of its name goes on in
   the mount's root (mount_cross), while ".", a working directory or a descriptor taken before
   the mount stay on the covered node, as Linux's. A bind mount's root is a node of another
   mount, so a place in the tree is a node and the mount it was reached through (its "via",
   as Linux's path is a dentry and a vfsmount): ".." of a mount's root leaves it for its point,
   and a mount covers its point only when reached through the mount it was made on (up). */
#pragma once

#include "kernel/vfs.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define MOUNTS_MAX 32
/* The file systems, by type; from MNT_TMPFS on, they are tmpfs's nodes in RAM (ramfs without
   its limits), counted by mount.inodes. */
enum { MNT_ROOTFS, MNT_PROC, MNT_SYSFS, MNT_EXT2, MNT_TMPFS, MNT_DEVTMPFS, MNT_RAMFS };
/* Linux's MS_* flags that a mount keeps (what /proc/mounts and statfs's f_flags show) */
#define MS_RDONLY 1u
#define MS_NOSUID 2u
#define MS_NODEV 4u
#define MS_NOEXEC 8u
#define MS_NOATIME 1024u
#define MS_NODIRATIME 2048u
#define MS_RELATIME (1u << 21)
#define MS_STRICTATIME (1u << 24)

struct mount {
    struct vnode *point; /* the directory it covers; NULL for rootfs */
    struct vnode *root;  /* NULL: a free slot */
    struct vnode *kept;  /* once unmounted, its root while a bind still shows its file system */
    uint8_t type;
    bool expire; /* umount's MNT_EXPIRE has marked it */
    uint8_t up;  /* the mount its point was reached through */
    bool sb_ro;  /* its file system is read-only (flags' MS_RDONLY is the mount's alone) */
    uint32_t minor, flags;
    uint32_t refs, writers;      /* its nodes' references (vfs_get) and open files that may write,
                                    and those through it of a bind's (fd.c, fs.c): a slot is free
                                    again once its mount is gone and these are 0 */
    uint32_t pages, max_pages;   /* a tmpfs's data pages, and size='s limit of them (0: none) */
    uint32_t inodes, max_inodes; /* its nodes (the root's too), and nr_inodes= (0: none) */
    uint32_t mode, uid, gid;     /* a tmpfs's mode=, uid= and gid= (01777, 0, 0 if not given) */
    char source[64], opts[64];   /* as mount(2) named it; procfs's options, as given */
    struct {
        uint32_t bsize, blocks, bfree, bavail, files, ffree;
    } disk;                      /* an ext2's statfs, from its superblock */
} __attribute__((aligned(256))); /* a power of two: an index and its slot are a shift apart */
extern struct mount mounts[MOUNTS_MAX];

#define EXT2_SUPER_MAGIC 0xEF53u
/* An ext2 file system's tree, read from the loop device dev into root (a new mount m's, empty):
   0 or -errno (EINVAL: not ext2, or not one Linux's ext2 reads; EROFS: m is not read-only;
   EUCLEAN: corrupt; EIO: past the disk; ENOMEM). kernel/ext2.c. */
int ext2_fill(struct vnode *root, const struct vnode *dev, struct mount *m);

/* The boot's first mount: the rootfs. */
void mount_init(void);
/* Is n a sysfs's node? */
bool mount_sysfs(const struct vnode *n);
/* The boot's procfs or sysfs, mounted over point as Linux's init mounts it: 0 or -ENOMEM. */
int mount_boot(struct vnode *point, bool sysfs);
/* What a lookup that reaches n through *via sees: the root of the last mount over it (*via
   becoming that mount), or n. */
struct vnode *mount_cross(struct vnode *n, uint8_t *via);
/* The same through n's own mount. */
struct vnode *vfs_over(struct vnode *n);
/* Where ".." of n (reached through *via) starts: out of the mounts whose root n is, to their
   point (*via becoming the mount that point was reached through). */
struct vnode *mount_leave(struct vnode *n, uint8_t *via);
/* n's parent, *via its mount where n is a root reached otherwise (a mount gone). */
struct vnode *mount_parent(const struct vnode *n, uint8_t *via);
/* Is n (reached through nvia, or any mount when nvia is -1) the directory under (reached
   through via), or the root of a mount stacked over it? */
bool mount_stacked(const struct vnode *under, uint8_t via, const struct vnode *n, int nvia);
/* The same for any mounts. */
bool mount_reaches(const struct vnode *under, const struct vnode *n);
/* Is n the root of mount via (a mount point, as the app sees it)? */
bool mount_is_root(const struct vnode *n, uint8_t via);
/* The device a node's stat gives (0:minor). */
uint32_t mount_minor(const struct vnode *n);
/* -EROFS where n is read-only through via (that mount's, or its file system's), else 0. */
int mount_writable(const struct vnode *n, uint8_t via);
/* The MS_* flags of mount via, MS_RDONLY too where n's file system is read-only. */
uint32_t mount_flags(const struct vnode *n, uint8_t via);
/* A working directory or open file (a writer if so) reached through via holds it, or lets it
   go (d 1 or -1): a bind's umount is EBUSY while one does, its read-only remount while a
   writer does. */
void mount_hold(const struct vnode *n, uint8_t via, int d, bool writer);
/* /proc/mounts' lines (or mountinfo's) onto the /proc text being made (proc_put). */
void mount_text(bool info);
