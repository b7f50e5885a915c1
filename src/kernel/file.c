/* An open file's life apart from its reads and writes (fd.c's): made, held through its mount,
   and put, its last reference closing what it is. Opens and closes are no hot path: built for
   size (src/meson.build), not cold in a file built for speed (96 bytes off moat64.elf, 112 off
   moat.elf). Nor are the writes to a regular file or a loop device, which fd.c sends here
   (16 bytes off moat64.elf). */
#include "kernel/anon.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/kmalloc.h"
#include "kernel/loop.h"
#include "kernel/mount.h"
#include "kernel/pipe.h"
#include "kernel/proc.h"
#include "kernel/socket.h"
#include "kernel/vt.h"

struct file *file_new(struct vnode *node, uint32_t flags)
{
    struct file *f = kmalloc(sizeof(*f));
    if (!f)
        return NULL;
    f->node = node;
    f->flags = flags & ~(uint32_t)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
    f->refs = 1;
    f->mnt = node->mnt;
    node->writers += file_writable(f);
    mounts[node->mnt].writers += file_writable(f);
    vfs_get(node);
    return f;
}

void file_via(struct file *f, uint8_t via)
{
    f->mnt = via;
    mount_hold(f->node, via, 1, file_writable(f));
}

void file_put(struct file *f)
{
    if (--f->refs) {
        if (f->sock)
            sock_file_dropped(f);
        return;
    }
    if (f->watchers)
        anon_forget(f);
    if (f->anon)
        anon_close(f);
    if (f->pipe)
        pipe_close(f);
    if (f->sock)
        sock_close(f);
    if (S_ISCHR(f->node->mode) || S_ISBLK(f->node->mode))
        dev_release(f);
    f->node->writers -= file_writable(f);
    mounts[f->node->mnt].writers -= file_writable(f);
    mount_hold(f->node, f->mnt, -1, file_writable(f));
    vfs_put(f->node);
    kfree(f, sizeof(*f));
}

struct file *fd_get_nopath(uint32_t fd)
{
    struct file *f = fd_get(fd);
    return f && !(f->flags & O_PATH) ? f : NULL;
}

bool file_stream(const struct file *f)
{
    return f->pipe || f->sock || f->anon || dev_is_console(f->node) || vt_is(f->node);
}

/* A write to a regular file, or through a loop device to its file: fd.c's write_from, built
   for speed, calls it for those, whose console writes (the hot ones) then need no stack frame
   for node, at and len. */
__attribute__((noinline, cold)) int32_t file_write_data(struct file *f, uintptr_t buf, uint32_t len,
                                                        uint64_t *pos, bool kernel)
{
    struct vnode *node = f->node;
    uint64_t at = *pos;
    int32_t n;
    if (S_ISBLK(node->mode)) { /* a loop device: its file's bytes */
        if ((n = loop_map(f->node, true, &node, &at, &len)) <= 0)
            return n;
    } else if (!S_ISREG(node->mode)) {
        return -EINVAL;
    } else if ((f->flags & O_APPEND) && !node->proc) { /* procfs's writes ignore it, as Linux's */
        *pos = at = node->size;
    }
    if (len) /* the file's, a loop device's too */
        cred_write_kills_suid(node);
    n = kernel ? vfs_write(node, at, (const void *)buf, len) : vfs_write_user(node, at, buf, len);
    if (n > 0) {
        *pos += proc_write_moves(node) ? (uint32_t)n : 0;
        vfs_touch(node, true);
    }
    return n;
}
