/* The file calls' structures, from the kernel's forms to Linux x86_64's: stat (which x86_64's
   stat, fstat, lstat and newfstatat fill in: the kernel's "stat64" form), statx, statfs (the
   kernel's "statfs64": x86_64 has no other) and linux_dirent64. */
#include "abi/x86_64/ia32.h"
#include "abi/x86_64/uapi.h"
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
    IA32_CONVERT(stat64_to_user, ubuf, st);
    struct stat_64 s = {.dev = encode_dev(st->dev_major, st->dev_minor),
                        .ino = st->ino,
                        .nlink = st->nlink,
                        .mode = st->mode,
                        .uid = st->uid,
                        .gid = st->gid,
                        .rdev = encode_dev(st->rdev_major, st->rdev_minor),
                        .size = (int64_t)st->size,
                        .blksize = st->blksize,
                        .blocks = (int64_t)st->blocks,
                        .atime = (uint64_t)st->atime.sec,
                        .atime_nsec = st->atime.nsec,
                        .mtime = (uint64_t)st->mtime.sec,
                        .mtime_nsec = st->mtime.nsec,
                        .ctime = (uint64_t)st->ctime.sec,
                        .ctime_nsec = st->ctime.nsec};
    return copy_to_user(ubuf, &s, sizeof(s));
}

static struct statx_timestamp_64 statx_time(struct vtime t)
{
    return (struct statx_timestamp_64){.sec = t.sec, .nsec = t.nsec};
}

int abi_statx_to_user(uaddr_t ubuf, const struct kstat *st, uint32_t mask)
{
    IA32_CONVERT(statx_to_user, ubuf, st, mask);
    struct statx_64 sx = {.mask = mask,
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

/* size: what x86_64's statfs and fstatfs (sys_x86_64.c) pass, sizeof(struct statfs). */
int abi_statfs64_to_user(uaddr_t ubuf, word_t size, const struct kstatfs *st)
{
    IA32_CONVERT(statfs64_to_user, ubuf, size, st);
    if (size != sizeof(struct statfs_64))
        return -EINVAL;
    struct statfs_64 s = {.type = (int64_t)st->type,
                          .bsize = (int64_t)st->bsize,
                          .blocks = st->blocks,
                          .bfree = st->bfree,
                          .bavail = st->bavail,
                          .files = st->files,
                          .ffree = st->ffree,
                          .namelen = (int64_t)st->namelen,
                          .frsize = (int64_t)st->frsize,
                          .flags = (int64_t)st->flags};
    return copy_to_user(ubuf, &s, sizeof(s));
}

sword_t abi_dirent64_to_user(uaddr_t ubuf, word_t room, const struct dirent_k *d)
{
    IA32_CONVERT(dirent64_to_user, ubuf, room, d);
    word_t reclen = (offsetof(struct linux_dirent64_64, name) + d->namelen + 1 + 7) & ~(word_t)7;
    uint8_t buf[sizeof(struct linux_dirent64_64) + NAME_MAX + 1 + 7] __attribute__((aligned(8)));
    struct linux_dirent64_64 *e = (struct linux_dirent64_64 *)buf;
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
