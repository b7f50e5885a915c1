/* The file tree in RAM: nodes, their data, and path resolution (Linux's rootfs, as tmpfs). */
#pragma once

#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define PATH_MAX 4096
#define NAME_MAX 255
#define MAXSYMLINKS 40

/* Linux's mode bits (stat.h). */
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m)&S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)
/* One of Linux's seven types (what an archive or a disk may name). */
static inline bool vfs_known_type(uint32_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG:
    case S_IFDIR:
    case S_IFLNK:
    case S_IFCHR:
    case S_IFBLK:
    case S_IFIFO:
    case S_IFSOCK:
        return true;
    }
    return false;
}

#define ROOT_DEV_MINOR 2     /* 0:2, the tree's device number: an early tmpfs's (rootfs) */
#define MOUNT_FIRST_MINOR 3  /* 0:3 on, the mounts' devices: the boot's /proc takes 0:3 */
#define TMPFS_DIRENT_SIZE 20 /* tmpfs's BOGO_DIRENT_SIZE: a directory's size grows by it */

struct pipe;
struct sock;

struct vtime {
    int64_t sec;
    uint32_t nsec;
};

struct vnode {
    uint32_t mode; /* S_IF* type and permission bits */
    uint32_t ino, nlink, uid, gid;
    uint32_t rdev_major, rdev_minor; /* device nodes */
    uint32_t size;
    struct vtime atime, mtime, ctime;
    /* The tree: a directory's entries, newest first, and the directory holding a directory
       (NULL once it is removed). A node other than a directory may have several names (hard
       links): names counts them, and nlink with it. A node lives on while refs (open files,
       the working directory) hold it, and is freed when it has neither. */
    struct ventry *entries;
    struct vnode *parent;
    uint32_t names, refs;
    bool linkable;    /* an O_TMPFILE file that linkat may name (Linux's I_LINKABLE) */
    uint8_t proc;     /* a /proc node's kind (kernel/proc.c), or 0 */
    uint16_t proc_fd; /* a /proc/1/fd link's descriptor */
    uint16_t writers; /* open files that may write it: execve refuses it (ETXTBSY) */
    uint8_t mnt;      /* its mount: an index in kernel/mount.c's table (0: rootfs) */
    uint8_t covered;  /* the mounts over it (kernel/mount.c) */
    /* The data: bytes in the boot archive (read-only, never copied) until the first change,
       then frames found through a two-level table of frame addresses (0: a hole, zeros). */
    const uint8_t *ext;
    uint32_t table;
    union {
        struct pipe *fifo; /* a FIFO's pipe, while it is open (kernel/pipe.c) */
        struct sock *sock; /* a socket's node: the socket bound to it (kernel/socket.c) */
    };
};

/* A name in a directory. */
struct ventry {
    struct ventry *next;
    struct vnode *node;
    char name[];
};

extern struct vnode *vfs_root;
extern uint8_t vfs_zeros[]; /* a page of zeros, never written: a hole's bytes */
/* The app's root (chroot): where its absolute paths start and its ".." stops, and the mount it
   was reached through. */
extern struct vnode *vfs_app_root;
extern uint8_t vfs_app_root_mnt;

/* Nodes. */
struct vnode *vfs_new(uint32_t mode);
void vfs_get(struct vnode *n);
void vfs_put(struct vnode *n); /* frees a removed node with no references left */
void vfs_touch(struct vnode *n, bool modified);
/* A directory's entries. A directory has one name: vfs_link gives it its place in the tree,
   and only vfs_move changes it. */
struct vnode *vfs_child(struct vnode *dir, const char *name, uint32_t len);
int vfs_link(struct vnode *dir, const char *name, struct vnode *n); /* -ENOMEM */
/* Remove dir's entry name (which must exist); its node is freed once nothing holds it. */
void vfs_unlink(struct vnode *dir, const char *name);
/* Rename: the entry from/from_name becomes to/to_name, replacing what was there; -ENOMEM
   changes nothing. */
int vfs_move(struct vnode *from, const char *from_name, struct vnode *to, const char *to_name);
bool vfs_is_empty(const struct vnode *dir);
const struct ventry *vfs_nth_child(const struct vnode *dir, uint32_t i);

/* Data: reads stop at the size; writes extend it (-ENOSPC when memory runs out). The user
   variants copy to or from the app's memory (-EFAULT). */
int32_t vfs_read(struct vnode *n, uint64_t pos, void *buf, uint32_t len);
int32_t vfs_read_user(struct vnode *n, uint64_t pos, uaddr_t ubuf, uint32_t len);
int32_t vfs_write_user(struct vnode *n, uint64_t pos, uaddr_t ubuf, uint32_t len);
int32_t vfs_write(struct vnode *n, uint64_t pos, const void *buf, uint32_t len);
int vfs_truncate(struct vnode *n, uint64_t len);
/* fallocate's, as tmpfs's: give [off, off + len) frames (zeros where there were none), the
   size growing to its end unless keep_size (-EFBIG past 4 GiB; -ENOSPC, changing nothing,
   where the frames would exceed the limit); or punch it out, whole pages freed and the rest
   zeroed, the size kept (-ENOSPC only for a file still the archive's that cannot be copied). */
int vfs_allocate(struct vnode *n, uint64_t off, uint64_t len, bool keep_size);
/* The frame holding page idx of n's data (changed data: vfs_allocate's), 0 for a hole. */
uint32_t vfs_frame(struct vnode *n, uint32_t idx);
int vfs_punch(struct vnode *n, uint64_t off, uint64_t len);
uint32_t vfs_blocks(const struct vnode *n); /* frames held, in 512-byte blocks */
/* The frames all data may hold (tmpfs's size=50%), and how many it holds. */
void vfs_set_limit(uint32_t frames);
void vfs_usage(uint32_t *used, uint32_t *limit);

/* Path resolution, in one place. A lookup's result: the directory holding the last component,
   that component's name (empty for "/"), and its node (NULL when it does not exist). */
struct lookup {
    struct vnode *dir, *node;
    uint8_t dmnt, mnt; /* the mounts dir and node were reached through (kernel/mount.h) */
    char name[NAME_MAX + 1];
    bool trailing_slash, dot; /* the path ended in '/'; the last component is "." or ".." */
};
#define LOOKUP_FOLLOW 1 /* follow a symlink in the last component */
/* Resolve a kernel path from start (the working directory or a dirfd's node), reached through
   mount via. Missing last components are not an error here: node is NULL. 0 or -errno
   (ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG). */
int vfs_resolve(struct vnode *start, uint8_t via, char *path, int flags, struct lookup *out);
/* The path of a directory reached through mount via from the app's root (or from top, when
   that is on the way) into buf (PATH_MAX bytes): its length with the
   NUL, or -ENOENT (removed) or -ENAMETOOLONG. A directory outside that root (chroot left the
   working directory there) has its path from the tree's root, after "(unreachable)" if
   mark_unreachable, as Linux's getcwd gives it (its d_path, /proc's links, does not). */
int vfs_path_of(struct vnode *dir, uint8_t via, const struct vnode *top, char *buf,
                bool mark_unreachable);
/* The same for a node that is not a directory (unmarked): the first of its names found
   walking the tree from its root, or from top (-ENOENT when it has none there). */
int vfs_path_of_file(const struct vnode *n, struct vnode *top, char *buf);
/* The length of a node's data: a /proc node's text's, made now (a link's target). */
uint32_t vfs_size(const struct vnode *n);
