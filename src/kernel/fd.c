/* The descriptor table, and reads and writes sent to what the file is. Reads and writes are
   built for speed; the table's changes are cold, built for size (src/meson.build), as are an
   open file's making and putting and a write to a regular file or a loop device (file.c). */
#include "kernel/fd.h"
#include "kernel/anon.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/loop.h"
#include "kernel/pipe.h"
#include "kernel/rlimit.h"
#include "kernel/socket.h"
#include <stddef.h>

static struct file *fds[NOFILE];
static uint8_t cloexec[NOFILE];

bool file_readable(const struct file *f)
{
    uint32_t acc = f->flags & O_ACCMODE;
    return !(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR);
}

bool file_writable(const struct file *f)
{
    uint32_t acc = f->flags & O_ACCMODE;
    return !(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR);
}

int32_t file_read(struct file *f, uaddr_t ubuf, uint32_t len, uint64_t *pos)
{
    if (!file_readable(f))
        return -EBADF;
    if (f->pipe)
        return pipe_read(f, ubuf, len);
    if (f->anon)
        return anon_rw(f, ubuf, len, false);
    if (f->sock) {
        struct sock_io io = {.buf = ubuf, .len = len};
        return sock_rw(f, &io, false);
    }
    uint32_t type = f->node->mode & S_IFMT;
    if (type == S_IFDIR)
        return -EISDIR;
    if (type == S_IFCHR || dev_is_console(f->node))
        return dev_read(f, ubuf, len);
    struct vnode *node = f->node;
    uint64_t at = *pos;
    int32_t n = 1;
    if (type == S_IFBLK) /* a loop device: its file's bytes */
        n = loop_map(node, false, &node, &at, &len);
    else if (type != S_IFREG)
        return -EINVAL;
    if (n > 0 && (n = vfs_read_user(node, at, ubuf, len)) > 0)
        *pos += (uint32_t)n;
    return n;
}

static int32_t write_from(struct file *f, uintptr_t buf, uint32_t len, uint64_t *pos, bool kernel)
{
    if (!file_writable(f))
        return -EBADF;
    if (S_ISCHR(f->node->mode)) /* the console first: the write that counts */
        return dev_write(f, buf, len, kernel);
    if (f->pipe)
        return pipe_write(f, buf, len, kernel);
    if (f->anon) /* from the kernel: sendfile, which Linux refuses them too (no splice_write) */
        return kernel ? -EINVAL : anon_rw(f, buf, len, true);
    if (f->sock) {
        struct sock_io io = {.buf = buf, .len = len, .kernel = kernel};
        return sock_rw(f, &io, true);
    }
    return file_write_data(f, buf, len, pos, kernel);
}

int32_t file_write(struct file *f, uaddr_t ubuf, uint32_t len, uint64_t *pos)
{
    return write_from(f, ubuf, len, pos, false);
}

int32_t file_write_kernel(struct file *f, const void *buf, uint32_t len, uint64_t *pos)
{
    return write_from(f, (uintptr_t)buf, len, pos, true);
}

struct file *fd_get(uint32_t fd)
{
    return fd < NOFILE ? fds[fd] : NULL;
}

uint32_t fd_limit(void)
{
    uint64_t cur = rlimit_cur(RLIMIT_NOFILE);
    return cur < NOFILE ? (uint32_t)cur : NOFILE;
}

__attribute__((cold)) int fd_free_slot(uint32_t min)
{
    for (uint32_t fd = min, end = fd_limit(); fd < end; fd++)
        if (!fds[fd])
            return (int)fd;
    return -EMFILE;
}

__attribute__((cold)) int fd_install(struct file *f, uint32_t min, bool on)
{
    int fd = fd_free_slot(min);
    if (fd < 0) {
        file_put(f);
        return fd;
    }
    fds[fd] = f;
    cloexec[fd] = on;
    return fd;
}

__attribute__((cold)) void fd_install_at(uint32_t fd, struct file *f, bool on)
{
    struct file *old = fds[fd];
    fds[fd] = f;
    cloexec[fd] = on;
    if (old)
        file_put(old);
}

__attribute__((cold)) int fd_close(uint32_t fd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    fds[fd] = NULL;
    file_put(f);
    return 0;
}

bool fd_cloexec(uint32_t fd)
{
    return cloexec[fd];
}

void fd_set_cloexec(uint32_t fd, bool on)
{
    cloexec[fd] = on;
}
