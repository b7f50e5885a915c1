/* A pipe is a 64 KiB ring of frames, allocated as it fills. With one process nobody else can
   read or write, so where Linux would block, moat waits only for a signal (EINTR, or a
   restart); O_NONBLOCK gives EAGAIN. No reader left: EPIPE and SIGPIPE. A FIFO (mkfifo) is a
   pipe that a node in the tree holds while any open file has it, opened as Linux's
   fifo_open() opens one; so is a pipe's own node, opened through /proc/self/fd. */
#include "kernel/pipe.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/pmm.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"

#define PIPE_BUF 4096 /* writes up to this size are all or nothing */
#define PAGES (PIPE_SIZE / PAGE_SIZE)

struct pipe {
    uint32_t frames[PAGES]; /* kernel frames, in the direct map: 32 bits hold them */
    uint32_t head, tail;    /* free-running byte counts: written, read */
    uint32_t readers, writers;
    uint32_t writers_seen; /* writers ever opened: a read end's hang-up needs one (pipe_poll) */
    /* Wakeups for epoll (pipe_stamp), as Linux's: a writer's when a read frees a full pipe,
       both ends' when the last reader or the last writer goes. */
    uint32_t freed, closes;
};

/* A file's end of p: it counts as a reader, a writer, or both (a FIFO opened O_RDWR). An end
   opened while no writer is there keeps the count of writers seen in its position, which a
   pipe has no use for (Linux's f_version): pipe_poll. */
static void attach(struct file *f, struct pipe *p)
{
    f->pipe = p;
    f->pos = p->writers ? 0 : p->writers_seen;
    p->readers += file_readable(f);
    p->writers += file_writable(f);
    p->writers_seen += file_writable(f);
}

int pipe_create(struct file **rd, struct file **wr, uint32_t flags)
{
    struct pipe *p = kmalloc(sizeof(*p));
    struct vnode *n = p ? vfs_new(S_IFIFO | 0600) : NULL;
    if (n)
        cred_init_owner(n, NULL); /* the app's, as Linux's pipefs inodes are */
    *rd = n ? file_new(n, O_RDONLY | flags) : NULL;
    *wr = *rd ? file_new(n, O_WRONLY | flags) : NULL;
    if (!*wr) {
        if (*rd)
            file_put(*rd); /* frees the node too */
        else if (n)
            vfs_put(n);
        kfree(p, sizeof(*p));
        return -ENOMEM;
    }
    attach(*wr, p); /* the writer first: the read end has one from the start */
    attach(*rd, p);
    n->fifo = p; /* an open of the node (/proc/self/fd/N) joins it, as a FIFO's */
    return 0;
}

/* Wait where Linux would block: until a signal arrives, since nothing else can happen. */
static int32_t wait_or_fail(const struct file *f)
{
    if (f->flags & O_NONBLOCK)
        return -EAGAIN;
    sig_wait();
    return -ERESTARTSYS;
}

int pipe_open_fifo(struct file *f)
{
    struct vnode *n = f->node;
    struct pipe *p = n->fifo;
    /* An end alone waits for the other (wait_for_partner), but for a reader under
       O_NONBLOCK; a writer under O_NONBLOCK with no reader gets ENXIO. */
    bool rd = file_readable(f), wr = file_writable(f);
    if (!rd && !wr) /* access mode 3, neither: Linux's fifo_open has no case for it */
        return -EINVAL;
    if (rd != wr && !(p && (rd ? p->writers : p->readers))) {
        if (wr && (f->flags & O_NONBLOCK))
            return -ENXIO;
        if (wr || !(f->flags & O_NONBLOCK)) {
            sig_wait();
            return -ERESTARTSYS;
        }
    }
    if (!p && !(p = n->fifo = kmalloc(sizeof(*p))))
        return -ENOMEM;
    attach(f, p);
    return 0;
}

/* Copy between the ring and a buffer: to_user reads the pipe into the app's memory, else the
   pipe is written from the app's memory or the kernel's (see copy_from_source). */
static int32_t ring_copy(struct pipe *p, uintptr_t buf, uint32_t len, bool to_user, bool kernel)
{
    for (uint32_t done = 0; done < len;) {
        uint32_t at = (to_user ? p->tail : p->head) + done;
        uint32_t off = at % PAGE_SIZE, slot = at % PIPE_SIZE / PAGE_SIZE;
        uint32_t n = PAGE_SIZE - off < len - done ? PAGE_SIZE - off : len - done;
        if (!p->frames[slot] && !(p->frames[slot] = (uint32_t)pmm_alloc_kernel()))
            return done ? (int32_t)done : -ENOMEM;
        uint8_t *data = (uint8_t *)phys_to_virt(p->frames[slot]) + off;
        if (to_user ? copy_to_user(buf + done, data, n)
                    : copy_from_source(data, buf + done, n, kernel))
            return done ? (int32_t)done : -EFAULT;
        done += n;
    }
    return (int32_t)len;
}

int32_t pipe_read(struct file *f, uaddr_t ubuf, uint32_t len)
{
    struct pipe *p = f->pipe;
    if (len == 0)
        return 0;
    if (p->head == p->tail)
        return p->writers ? wait_or_fail(f) : 0;
    uint32_t avail = p->head - p->tail;
    p->freed += PIPE_SIZE - avail < PIPE_BUF;
    int32_t n = ring_copy(p, ubuf, len < avail ? len : avail, true, false);
    if (n > 0)
        p->tail += (uint32_t)n;
    return n;
}

int32_t pipe_room(struct file *f, uint32_t len)
{
    struct pipe *p = f->pipe;
    if (!p->readers) {
        sig_send(SIGPIPE, SI_USER, 0);
        return -EPIPE;
    }
    uint32_t room = PIPE_SIZE - (p->head - p->tail);
    if (room == 0 || (len <= PIPE_BUF && room < len))
        return wait_or_fail(f);
    return (int32_t)room;
}

int32_t pipe_write(struct file *f, uintptr_t buf, uint32_t len, bool kernel)
{
    if (len == 0) /* Linux's null write: 0, even with no reader left */
        return 0;
    int32_t room = pipe_room(f, len);
    if (room < 0)
        return room;
    int32_t n = ring_copy(f->pipe, buf, len < (uint32_t)room ? len : (uint32_t)room, false, kernel);
    if (n > 0)
        f->pipe->head += (uint32_t)n;
    return n;
}

uint32_t pipe_count(const struct file *f)
{
    return f->pipe->head - f->pipe->tail;
}

uint32_t pipe_stamp(const struct file *f, bool in, bool out)
{
    const struct pipe *p = f->pipe;
    return p->closes + (in && file_readable(f) ? p->head : 0) +
           (out && file_writable(f) ? p->freed : 0);
}

/* A read end hangs up once no writer is left, but one opened with no writer there (a FIFO's,
   under O_NONBLOCK) only once a writer has come since. */
uint32_t pipe_poll(const struct file *f)
{
    const struct pipe *p = f->pipe;
    uint32_t count = p->head - p->tail, events = 0;
    if (file_readable(f))
        events |= (count ? POLLIN | POLLRDNORM : 0) |
                  (p->writers || f->pos == p->writers_seen ? 0 : POLLHUP);
    if (file_writable(f))
        events |=
            (PIPE_SIZE - count >= PIPE_BUF ? POLLOUT | POLLWRNORM : 0) | (p->readers ? 0 : POLLERR);
    return events;
}

void pipe_close(struct file *f)
{
    struct pipe *p = f->pipe;
    p->readers -= file_readable(f);
    p->writers -= file_writable(f);
    p->closes += !p->readers != !p->writers; /* the last of one side: Linux's wakeup */
    if (p->readers || p->writers)
        return;
    if (f->node->fifo == p) /* the next open starts a new one, empty, as Linux's */
        f->node->fifo = NULL;
    for (uint32_t i = 0; i < PAGES; i++)
        if (p->frames[i])
            pmm_free(p->frames[i]);
    kfree(p, sizeof(*p));
}
