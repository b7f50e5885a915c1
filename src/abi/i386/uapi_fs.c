/* The file calls' structures, from the kernel's forms to Linux i386's: stat64, statx,
   statfs64 and linux_dirent64. */
#include "abi/i386/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

static uint64_t encode_dev(uint32_t major, uint32_t minor) /* Linux's new_encode_dev */
{
    return (minor & 0xFF) | (major << 8) | ((uint64_t)(minor & ~0xFFu) << 12);
}

int abi_stat64_to_user(uaddr_t ubuf, const struct kstat *st)
{
    struct stat64_32 s = {.dev = encode_dev(st->dev_major, st->dev_minor),
                          .ino32 = (uint32_t)st->ino,
                          .mode = st->mode,
                          .nlink = st->nlink,
                          .uid = st->uid,
                          .gid = st->gid,
                          .rdev = encode_dev(st->rdev_major, st->rdev_minor),
                          .size = (int64_t)st->size,
                          .blksize = st->blksize,
                          .blocks = st->blocks,
                          .atime = (uint32_t)st->atime.sec,
                          .atime_nsec = st->atime.nsec,
                          .mtime = (uint32_t)st->mtime.sec,
                          .mtime_nsec = st->mtime.nsec,
                          .ctime = (uint32_t)st->ctime.sec,
                          .ctime_nsec = st->ctime.nsec,
                          .ino = st->ino};
    return copy_to_user(ubuf, &s, sizeof(s));
}

static struct statx_timestamp_32 statx_time(struct vtime t)
{
    return (struct statx_timestamp_32){.sec = t.sec, .nsec = t.nsec};
}

int abi_statx_to_user(uaddr_t ubuf, const struct kstat *st, uint32_t mask)
{
    struct statx_32 sx = {.mask = mask,
                          .blksize = st->blksize,
                          .nlink = st->nlink,
                          .uid = st->uid,
                          .gid = st->gid,
                          .mode = (uint16_t)st->mode,
                          .ino = st->ino,
                          .size = st->size,
                          .blocks = st->blocks,
                          .atime = statx_time(st->atime),
                          .ctime = statx_time(st->ctime),
                          .mtime = statx_time(st->mtime),
                          .rdev_major = st->rdev_major,
                          .rdev_minor = st->rdev_minor,
                          .dev_major = st->dev_major,
                          .dev_minor = st->dev_minor};
    return copy_to_user(ubuf, &sx, sizeof(sx));
}

int abi_statfs64_to_user(uaddr_t ubuf, word_t size, const struct kstatfs *st)
{
    if (size != sizeof(struct statfs64_32))
        return -EINVAL;
    struct statfs64_32 s = {.type = (uint32_t)st->type, /* small: 32 bits in every kernel */
                            .bsize = (uint32_t)st->bsize,
                            .blocks = st->blocks,
                            .bfree = st->bfree,
                            .bavail = st->bavail,
                            .files = st->files,
                            .ffree = st->ffree,
                            .namelen = (uint32_t)st->namelen,
                            .frsize = (uint32_t)st->frsize,
                            .flags = (uint32_t)st->flags};
    return copy_to_user(ubuf, &s, sizeof(s));
}

sword_t abi_dirent64_to_user(uaddr_t ubuf, word_t room, const struct dirent_k *d)
{
    word_t reclen = (offsetof(struct linux_dirent64_32, name) + d->namelen + 1 + 7) & ~7u;
    uint8_t buf[sizeof(struct linux_dirent64_32) + NAME_MAX + 1 + 7] __attribute__((aligned(8)));
    struct linux_dirent64_32 *e = (struct linux_dirent64_32 *)buf;
    if (reclen > room)
        return 0;
    memset(buf, 0, sizeof(buf));
    e->ino = d->ino;
    e->off = d->off;
    e->reclen = (uint16_t)reclen;
    e->type = d->type;
    memcpy(e->name, d->name, d->namelen);
    return copy_to_user(ubuf, buf, reclen) ? -EFAULT : (sword_t)reclen;
}
