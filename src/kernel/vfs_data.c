/* A node's data: the archive's bytes until the first change, then frames reached through a
   two-level table of frame addresses (1024 x 1024 pages: 4 GiB), holes reading as zeros. As
   tmpfs by default, the tree's frames are limited to half the RAM, so that a full tree
   (ENOSPC) still leaves the app memory for its stack and heap; a tmpfs mount's data pages also
   count toward its own size= (mount.pages). */
#include "kernel/errno.h"
#include "kernel/mount.h"
#include "kernel/pmm.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"
#include "kernel/vm.h"

#define ENTRIES (PAGE_SIZE / 4)
#define MAX_SIZE 0xFFFFFFFFu

enum { READ_KERNEL, READ_USER, WRITE_KERNEL, WRITE_USER };

uint8_t vfs_zeros[PAGE_SIZE];
static uint32_t frames_used, frames_limit = 0xFFFFFFFFu;

void vfs_set_limit(uint32_t frames)
{
    frames_limit = frames;
}

void vfs_usage(uint32_t *used, uint32_t *limit)
{
    *used = frames_used;
    *limit = frames_limit;
}

/* A file's frames are the kernel's, in the direct map: 32 bits hold them. */
static uint32_t frame_new(void)
{
    uintptr_t pa = frames_used < frames_limit ? pmm_alloc_kernel() : 0;
    frames_used += pa != 0;
    return (uint32_t)pa;
}

/* Frames taken ahead for one vfs_allocate, linked through their first word (counted used
   already): page_frame takes them first, so that it cannot fail halfway. */
static uint32_t reserved;

static uint32_t frame_alloc(void)
{
    if (!reserved)
        return frame_new();
    uint32_t pa = reserved, *link = phys_to_virt(pa);
    reserved = *link, *link = 0;
    return pa;
}

static void frame_free(uint32_t pa)
{
    pmm_free(pa);
    frames_used--;
}

static uint32_t *table_at(uint32_t pa)
{
    return phys_to_virt(pa);
}

/* Whether n's data pages count toward its mount's size=: a symlink's short target is kept
   inline by Linux's tmpfs, in no block (its size is set before its target is written). */
static bool charged(const struct vnode *n)
{
    return !S_ISLNK(n->mode) || n->size >= 128;
}

/* The frame holding page idx, allocated (zero-filled) if asked; 0 for a hole or no memory, or
   past the mount's size= (checked before any table is taken). */
static uint32_t page_frame(struct vnode *n, uint32_t idx, bool alloc)
{
    uint32_t *e1 = n->table ? &table_at(n->table)[idx / ENTRIES] : NULL;
    uint32_t *e2 = e1 && *e1 ? &table_at(*e1)[idx % ENTRIES] : NULL;
    if (!alloc || (e2 && *e2))
        return e2 ? *e2 : 0;
    struct mount *m = &mounts[n->mnt];
    if (charged(n) && m->max_pages && m->pages >= m->max_pages)
        return 0;
    if (!n->table && !(n->table = frame_alloc()))
        return 0;
    e1 = &table_at(n->table)[idx / ENTRIES];
    if (!*e1 && !(*e1 = frame_alloc()))
        return 0;
    e2 = &table_at(*e1)[idx % ENTRIES];
    if ((*e2 = frame_alloc()) && charged(n))
        m->pages++;
    return *e2;
}

uint32_t vfs_frame(struct vnode *n, uint32_t idx)
{
    return page_frame(n, idx, false);
}

/* Free every data frame from page first on, and the tables left empty. */
static void free_from(struct vnode *n, uint32_t first)
{
    if (!n->table)
        return;
    uint32_t *l1 = table_at(n->table);
    for (uint32_t i = 0; i < ENTRIES; i++) {
        if (!l1[i] || (i + 1) * ENTRIES <= first)
            continue;
        uint32_t *l2 = table_at(l1[i]);
        for (uint32_t j = 0; j < ENTRIES; j++)
            if (i * ENTRIES + j >= first && l2[j])
                frame_free(l2[j]), l2[j] = 0, mounts[n->mnt].pages -= charged(n);
        if (i * ENTRIES >= first)
            frame_free(l1[i]), l1[i] = 0;
    }
    if (first == 0)
        frame_free(n->table), n->table = 0;
}

/* Before the first change: copy the archive's bytes into frames of the node's own. */
static int materialize(struct vnode *n)
{
    if (!n->ext)
        return 0;
    const uint8_t *ext = n->ext;
    n->ext = NULL;
    for (uint32_t off = 0; off < n->size; off += PAGE_SIZE) {
        uint32_t pa = page_frame(n, off / PAGE_SIZE, true);
        if (!pa) {
            free_from(n, 0);
            n->ext = ext;
            return -ENOSPC;
        }
        uint32_t len = n->size - off < PAGE_SIZE ? n->size - off : PAGE_SIZE;
        memcpy(phys_to_virt(pa), ext + off, len);
    }
    return 0;
}

static int copy(int mode, uintptr_t buf, uint8_t *data, uint32_t len)
{
    switch (mode) {
    case READ_USER:
        return copy_to_user(buf, data, len);
    case WRITE_USER:
        return copy_from_user(data, buf, len);
    case READ_KERNEL:
        memcpy((void *)buf, data, len);
        return 0;
    default:
        memcpy(data, (const void *)buf, len);
        return 0;
    }
}

static int32_t transfer(struct vnode *n, uint64_t pos, uintptr_t buf, uint32_t len, int mode)
{
    bool write = mode == WRITE_KERNEL || mode == WRITE_USER;
    if (n->proc) /* made as it is read */
        return write ? proc_write(n, pos, buf, len, mode == WRITE_USER)
                     : proc_read(n, pos, buf, len, mode == READ_USER);
    if (write) {
        if (pos >= MAX_SIZE)
            return len ? -EFBIG : 0;
        if (len > MAX_SIZE - pos)
            len = MAX_SIZE - (uint32_t)pos;
        int err = materialize(n);
        if (err)
            return err;
    } else {
        if (pos >= n->size)
            return 0;
        if (len > n->size - pos)
            len = n->size - (uint32_t)pos;
    }
    uint32_t done = 0;
    int32_t err = 0;
    while (done < len) {
        uint32_t at = (uint32_t)pos + done, off = at % PAGE_SIZE;
        uint32_t chunk = PAGE_SIZE - off < len - done ? PAGE_SIZE - off : len - done;
        uint8_t *data;
        if (n->ext) {
            data = (uint8_t *)n->ext + at;
        } else {
            uint32_t pa = page_frame(n, at / PAGE_SIZE, write);
            if (!pa && write) {
                err = -ENOSPC;
                break;
            }
            data = pa ? (uint8_t *)phys_to_virt(pa) + off : vfs_zeros;
        }
        if (copy(mode, buf + done, data, chunk)) {
            err = -EFAULT;
            break;
        }
        done += chunk;
    }
    if (write && done && (uint32_t)pos + done > n->size)
        n->size = (uint32_t)pos + done;
    return done ? (int32_t)done : err;
}

int32_t vfs_read(struct vnode *n, uint64_t pos, void *buf, uint32_t len)
{
    return transfer(n, pos, (uintptr_t)buf, len, READ_KERNEL);
}

int32_t vfs_read_user(struct vnode *n, uint64_t pos, uaddr_t ubuf, uint32_t len)
{
    return transfer(n, pos, ubuf, len, READ_USER);
}

int32_t vfs_write(struct vnode *n, uint64_t pos, const void *buf, uint32_t len)
{
    return transfer(n, pos, (uintptr_t)buf, len, WRITE_KERNEL);
}

int32_t vfs_write_user(struct vnode *n, uint64_t pos, uaddr_t ubuf, uint32_t len)
{
    return transfer(n, pos, ubuf, len, WRITE_USER);
}

uint32_t vfs_size(const struct vnode *n)
{
    return n->proc ? proc_size(n) : n->size;
}

int vfs_truncate(struct vnode *n, uint64_t len)
{
    if (n->proc)
        return 0; /* as procfs's setattr takes a size: nothing changes */
    if (len > MAX_SIZE)
        return -EFBIG;
    if (len == 0)
        n->ext = NULL;
    int err = materialize(n);
    if (err)
        return err;
    if (len < n->size) {
        uint32_t keep = (uint32_t)((len + PAGE_SIZE - 1) / PAGE_SIZE);
        free_from(n, keep);
        uint32_t pa = len % PAGE_SIZE ? page_frame(n, (uint32_t)len / PAGE_SIZE, false) : 0;
        if (pa) /* what was beyond the end reads as zeros if the file grows again */
            memset((uint8_t *)phys_to_virt(pa) + len % PAGE_SIZE, 0, PAGE_SIZE - len % PAGE_SIZE);
    }
    n->size = (uint32_t)len;
    return 0;
}

int vfs_allocate(struct vnode *n, uint64_t off, uint64_t len, bool keep_size)
{
    if (off + len > MAX_SIZE)
        return -EFBIG;
    int err = materialize(n);
    if (err)
        return err;
    uint32_t first = (uint32_t)(off / PAGE_SIZE), last = (uint32_t)((off + len - 1) / PAGE_SIZE);
    /* Every frame the range lacks, taken first (its pages, a table per ENTRIES of them, the
       table of tables), or none: ENOSPC changes nothing, as tmpfs undoes a partial one. */
    uint32_t need = !n->table, pages = 0;
    for (uint32_t t = first / ENTRIES; t <= last / ENTRIES; t++)
        need += !n->table || !table_at(n->table)[t];
    for (uint32_t i = first; i <= last; i++)
        pages += !page_frame(n, i, false);
    const struct mount *m = &mounts[n->mnt];
    if (m->max_pages && m->pages + pages > m->max_pages)
        return -ENOSPC;
    need += pages;
    for (; need; need--) {
        uint32_t pa = frame_new();
        if (!pa)
            break;
        *(uint32_t *)phys_to_virt(pa) = reserved, reserved = pa;
    }
    for (uint32_t i = first; !need && i <= last; i++)
        page_frame(n, i, true);
    while (reserved) /* none left, but after a failure */
        frame_free(frame_alloc());
    if (need)
        return -ENOSPC;
    if (!keep_size && off + len > n->size)
        n->size = (uint32_t)(off + len);
    return 0;
}

int vfs_punch(struct vnode *n, uint64_t off, uint64_t len)
{
    int err = materialize(n);
    if (err || !n->table || off >= n->size)
        return err;
    uint64_t end = off + len < n->size ? off + len : n->size;
    uint32_t *l1 = table_at(n->table);
    for (uint64_t at = off; at < end;) {
        uint32_t idx = (uint32_t)(at / PAGE_SIZE), from = (uint32_t)(at % PAGE_SIZE);
        uint32_t to = end - at < PAGE_SIZE - from ? (uint32_t)(end - at) + from : PAGE_SIZE;
        if (!l1[idx / ENTRIES]) { /* a thousand pages of hole */
            at = (uint64_t)(idx / ENTRIES + 1) * ENTRIES * PAGE_SIZE;
            continue;
        }
        uint32_t *e2 = &table_at(l1[idx / ENTRIES])[idx % ENTRIES];
        if (*e2 && from == 0 && to == PAGE_SIZE)
            frame_free(*e2), *e2 = 0, mounts[n->mnt].pages -= charged(n);
        else if (*e2)
            memset((uint8_t *)phys_to_virt(*e2) + from, 0, to - from);
        at += to - from;
    }
    return 0;
}

uint32_t vfs_blocks(const struct vnode *n)
{
    if (S_ISLNK(n->mode) && n->size < 128)
        return 0; /* tmpfs keeps short symlinks inline */
    if (n->ext)
        return (uint32_t)(((uint64_t)n->size + PAGE_SIZE - 1) / PAGE_SIZE * (PAGE_SIZE / 512));
    if (!n->table)
        return 0;
    uint32_t frames = 0, *l1 = table_at(n->table);
    for (uint32_t i = 0; i < ENTRIES; i++)
        for (uint32_t j = 0; l1[i] && j < ENTRIES; j++)
            frames += table_at(l1[i])[j] != 0;
    return frames * (PAGE_SIZE / 512);
}
