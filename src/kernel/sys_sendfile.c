/* sendfile and sendfile64: from a file to another through a kernel buffer. A rare call, built
   for size. */
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/loop.h"
#include "kernel/pipe.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"

/* sendfile's copy, Linux's do_sendfile: from a regular file or a loop device at *pos (the file's
   own position when the call gives none), at most max (the offset's type's reach), to any file but
   one Linux's splice refuses (EINVAL: an O_APPEND file, /dev/full), through a kernel buffer. Into
   a pipe, what fits once there is room; a console write a signal cuts short ends it with what
   was moved, or its error if nothing was. */
static sword_t sendfile_at(uint32_t out_fd, uint32_t in_fd, int64_t *ppos, word_t count,
                           int64_t max)
{
    struct file *in = fd_get(in_fd), *out;
    if (!in || !file_readable(in))
        return -EBADF;
    if (ppos && file_stream(in))
        return -ESPIPE;
    int64_t pos = ppos ? *ppos : (int64_t)in->pos, n = rw_count(count);
    if (n < 0 || pos < 0 || pos > INT64_MAX - n)
        return -EINVAL;
    if (!(out = fd_get(out_fd)) || !file_writable(out))
        return -EBADF;
    if (pos + n > max) {
        if (pos >= max)
            return -EOVERFLOW;
        n = max - pos;
    }
    if (out->pipe) { /* as Linux's splice to a pipe: wait for room, then move what fits */
        int32_t room = pipe_room(out, 0);
        if (room < 0)
            return room;
        n = n < room ? n : room;
    } else if ((out->flags & O_APPEND) ||
               (S_ISCHR(out->node->mode) && !dev_takes_sendfile(out->node))) {
        return -EINVAL;
    }
    bool blk = S_ISBLK(in->node->mode);
    if (!S_ISREG(in->node->mode) && !blk)
        return -EINVAL;
    static uint8_t bounce[PAGE_SIZE]; /* one CPU, and nothing here is reentered */
    int32_t done = 0, r = 0;
    while (done < n) {
        uint32_t want = n - done < (int64_t)sizeof(bounce) ? (uint32_t)(n - done) : sizeof(bounce);
        struct vnode *src = in->node;
        uint64_t at = (uint64_t)pos;
        if ((blk && (r = loop_map(src, false, &src, &at, &want)) <= 0) ||
            (r = vfs_read(src, at, bounce, want)) <= 0 ||
            (r = file_write_kernel(out, bounce, (uint32_t)r, &out->pos)) <= 0)
            break;
        done += r;
        pos += r;
        if ((uint32_t)r < want)
            break;
    }
    if (ppos)
        *ppos = pos;
    else
        in->pos = (uint64_t)pos;
    return done ? done : r;
}

/* The offset, if the call gives one, is read, moved and written back whatever happened, as
   Linux does: a 64-bit loff_t (sendfile64, and x86_64's sendfile) or i386's 32-bit off_t
   (sendfile), which stops short of 2 GiB (EOVERFLOW there). */
static sword_t sendfile_offset(uint32_t out_fd, uint32_t in_fd, uaddr_t offset, word_t count,
                               size_t size)
{
    union {
        int64_t wide;
        int32_t narrow;
    } off;
    int64_t pos, *ppos = NULL; /* no offset: the file's own position, and no 2 GiB limit */
    if (offset) {
        if (copy_from_user(&off, offset, size))
            return -EFAULT;
        pos = size == 8 ? off.wide : off.narrow;
        ppos = &pos;
    }
    sword_t r =
        sendfile_at(out_fd, in_fd, ppos, count, size == 8 || !offset ? INT64_MAX : INT32_MAX);
    if (!offset)
        return r;
    off.wide = pos; /* within the narrow one's reach, for that one: its low half */
    return copy_to_user(offset, &off, size) ? -EFAULT : r;
}

sword_t sys_sendfile64(uint32_t out_fd, uint32_t in_fd, uaddr_t offset, word_t count)
{
    return sendfile_offset(out_fd, in_fd, offset, count, 8);
}

sword_t sys_sendfile(uint32_t out_fd, uint32_t in_fd, uaddr_t offset, word_t count)
{
    return sendfile_offset(out_fd, in_fd, offset, count, 4);
}
