/* The app's view of the file tree: its working directory and umask, and the helpers every
   path-taking system call shares (the *at() conventions). */
#pragma once

#include "kernel/vfs.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define AT_FDCWD 0xFFFFFF9Cu /* -100 */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EACCESS 0x200
#define AT_NO_AUTOMOUNT 0x800
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EMPTY_PATH 0x1000

struct fs {
    struct vnode *cwd;
    uint8_t cwd_mnt; /* the mount it was reached through */
    uint32_t umask;
};
extern struct fs fs;

/* The tree is ready (a bare ELF's, or the archive's): fds 0-2 and the cwd. -ENOMEM. */
int fs_start(void);
/* A user path into a kernel page (free it with fs_put_path): 0, -EFAULT, -ENAMETOOLONG or
   -ENOMEM. An empty path is left to the caller. */
int fs_get_path(uaddr_t upath, char **out);
void fs_put_path(char *path);
/* Resolve (dirfd, upath) as the *at() calls do: 0 or -errno. With AT_EMPTY_PATH in at_flags
   an empty path names dirfd itself. */
int fs_lookup(uint32_t dirfd, uaddr_t upath, int follow, uint32_t at_flags, struct lookup *out);
/* The same, for a node that must exist: -ENOENT, and -ENOTDIR for "file/". */
int fs_node(uint32_t dirfd, uaddr_t upath, int follow, uint32_t at_flags, struct vnode **out);
/* The same, with the mount it was reached through. */
int fs_node_via(uint32_t dirfd, uaddr_t upath, int follow, uint32_t at_flags, struct vnode **out,
                uint8_t *via);
/* The same for a kernel path (a socket's) from the working directory; the node follows a
   last symlink (via may be NULL). */
int fs_lookup_kernel(const char *path, int follow, struct lookup *out);
int fs_node_kernel(const char *path, struct vnode **out, uint8_t *via);
/* The working directory or the app's root (place, with the mount it was reached through) is n
   (reached through via) now: held, the old one let go. */
void fs_set_place(struct vnode **place, uint8_t *place_via, struct vnode *n, uint8_t via);
/* A new node for dir: owned as cred_init_owner says, in dir's mount, and counted toward a
   tmpfs's nr_inodes; NULL past them or out of memory (tmpfs's ENOSPC either way). */
struct vnode *fs_new_node(struct vnode *dir, uint32_t mode);
/* Make a node of the given mode where a lookup found none, as mknod does (sys_namei.c). */
int fs_create(struct lookup *l, uint32_t mode, struct vnode **out);
