/* Loop devices, as Linux 6.1's drivers/block/loop.c: /dev/loop0-7 (block 7:0-7) each show a
   regular file's bytes, from an offset and up to a size limit, as a disk of 512-byte sectors.
   losetup binds and unbinds them with the LOOP_* ioctls; /dev/loop-control (10:237) finds a free
   one, takes one away or gives it back. Reads and writes go straight to the bound file's pages
   (fd.c asks loop_map where), so the disk and the file never differ. What is not here: more than
   the 8 devices Linux makes at boot, a block device as the file, LOOP_CHANGE_FD and the old
   32-bit LOOP_{GET,SET}_STATUS, partitions and /proc/partitions' lines, and direct I/O. ext2.c
   mounts one that holds an ext2 file system. */
#include "kernel/loop.h"
#include "kernel/abi.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mount.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

#define LOOPS 8
#define SECTOR 512u
#define LO_READ_ONLY 1u
#define LO_AUTOCLEAR 4u
#define LO_PARTSCAN 8u
#define LO_DIRECT_IO 16u
enum {
    LOOP_SET_FD = 0x4C00,
    LOOP_CLR_FD,
    LOOP_SET_STATUS64 = 0x4C04,
    LOOP_GET_STATUS64,
    LOOP_SET_CAPACITY = 0x4C07,
    LOOP_SET_DIRECT_IO,
    LOOP_SET_BLOCK_SIZE,
    LOOP_CONFIGURE,
    LOOP_CTL_ADD = 0x4C80,
    LOOP_CTL_REMOVE,
    LOOP_CTL_GET_FREE,
};
/* The block devices' own (Linux's blkdev_ioctl); BLKBSZGET and BLKGETSIZE64 are _IOR(0x12, n,
   size_t), so the ABI's long size is in them. */
enum {
    BLKROSET = 0x125D,
    BLKROGET,
    BLKRRPART,
    BLKGETSIZE,
    BLKFLSBUF,
    BLKRAGET = 0x1263,
    BLKSSZGET = 0x1268,
    BLKPBSZGET = 0x127B,
    BLKBSZGET = 0x80001270,
    BLKGETSIZE64 = 0x80001272,
};

struct loop_info64 {
    uint64_t device, inode, rdevice, offset, sizelimit;
    uint32_t number, encrypt_type, encrypt_key_size, flags;
    char file_name[64], crypt_name[64];
    uint8_t encrypt_key[32];
    uint64_t init[2];
};

struct loop_config {
    uint32_t fd, block_size;
    struct loop_info64 info;
    uint64_t reserved[8];
};

static struct loop {
    struct file *file; /* the bound file (a reference of its own); NULL: unbound */
    uint64_t offset, sizelimit;
    uint64_t size;       /* in bytes, whole sectors: set when bound, by a new offset or limit, and
                            by LOOP_SET_CAPACITY (a file that grows does not grow the disk) */
    uint32_t flags;      /* LO_* */
    uint32_t block_size; /* the logical block size: 512 unless LOOP_CONFIGURE or
                            LOOP_SET_BLOCK_SIZE said otherwise */
    uint32_t openers;    /* its open files (not O_PATH ones) */
    bool gone;           /* LOOP_CTL_REMOVE took it away: its nodes open as ENXIO */
    bool ro, disk_ro;    /* BLKROSET's mark, and the last binding's read-only one: both outlive
                            the binding, as Linux's bd_read_only and its disk's mark do */
    char names[2][64];   /* lo_file_name and lo_crypt_name, as set: LOOP_GET_STATUS64 gives them */
} loops[LOOPS];

static struct loop *loop_of(const struct vnode *n)
{
    return S_ISBLK(n->mode) && n->rdev_major == LOOP_MAJOR && n->rdev_minor < LOOPS &&
                   !loops[n->rdev_minor].gone
               ? &loops[n->rdev_minor]
               : NULL;
}

bool loop_known(const struct vnode *n)
{
    return loop_of(n);
}

void loop_open(const struct file *f)
{
    if (!(f->flags & O_PATH))
        loop_of(f->node)->openers++;
}

static void unbind(struct loop *lo)
{
    file_put(lo->file);
    *lo = (struct loop){.openers = lo->openers, .ro = lo->ro, .disk_ro = lo->disk_ro};
}

void loop_release(const struct file *f)
{
    if (f->flags & O_PATH)
        return;
    struct loop *lo = loop_of(f->node); /* (LOOP_CTL_REMOVE waits for the last close) */
    if (!--lo->openers && lo->file && (lo->flags & LO_AUTOCLEAR))
        unbind(lo);
}

uint64_t loop_size(const struct vnode *dev)
{
    return loop_of(dev)->size;
}

int32_t loop_map(const struct vnode *dev, bool write, struct vnode **file, uint64_t *pos,
                 uint32_t *len)
{
    struct loop *lo = loop_of(dev);
    if (write && (lo->disk_ro || lo->ro))
        return -EPERM;
    if (!*len)
        return 0;
    if (*pos >= lo->size)
        return write ? -ENOSPC : 0;
    if (*len > lo->size - *pos)
        *len = (uint32_t)(lo->size - *pos);
    *file = lo->file->node;
    *pos += lo->offset;
    return 1;
}

/* Linux's get_size: the file past the offset, within the limit, in whole sectors. */
static void resize(struct loop *lo)
{
    uint64_t size = lo->file->node->size;
    size = size > lo->offset ? size - lo->offset : 0;
    if (lo->sizelimit && lo->sizelimit < size)
        size = lo->sizelimit;
    lo->size = size & ~(uint64_t)(SECTOR - 1);
}

/* Linux's loop_set_status_from_info: no cipher (cryptoloop and xor are gone from Linux too). */
static int set_info(struct loop *lo, const struct loop_info64 *info)
{
    if (info->encrypt_key_size > 32 || info->encrypt_type)
        return -EINVAL;
    if ((int64_t)info->offset < 0 || (int64_t)info->sizelimit < 0)
        return -EOVERFLOW;
    lo->offset = info->offset;
    lo->sizelimit = info->sizelimit;
    memcpy(lo->names, info->file_name, sizeof(lo->names));
    lo->names[0][63] = lo->names[1][63] = 0;
    lo->flags = info->flags;
    return 0;
}

static bool block_size_ok(word_t size)
{
    return size >= SECTOR && size <= PAGE_SIZE && !(size & (size - 1));
}

/* LOOP_CONFIGURE, and LOOP_SET_FD as one with only the fd given. */
static int configure(struct loop *lo, const struct file *dev, const struct loop_config *c)
{
    struct file *f = fd_get_nopath(c->fd);
    if (!f)
        return -EBADF;
    if (lo->file)
        return -EBUSY;
    if (S_ISBLK(f->node->mode) && loop_of(f->node) == lo) /* itself */
        return -EBADF;
    if (!S_ISREG(f->node->mode) || f->node->proc) /* a /proc file is made as it is read */
        return -EINVAL;
    if (c->info.flags & ~(LO_READ_ONLY | LO_AUTOCLEAR | LO_PARTSCAN | LO_DIRECT_IO) ||
        (c->block_size && !block_size_ok(c->block_size)))
        return -EINVAL;
    int err = set_info(lo, &c->info);
    if (err)
        return err;
    /* read-only unless both the file and the device were opened for writing; no direct I/O,
       which tmpfs, the only home of a file here, cannot do */
    lo->flags &= ~LO_DIRECT_IO;
    if (!file_writable(f) || !file_writable(dev))
        lo->flags |= LO_READ_ONLY;
    lo->disk_ro = lo->flags & LO_READ_ONLY;
    lo->block_size = c->block_size ? c->block_size : SECTOR;
    lo->file = f;
    f->refs++;
    resize(lo);
    return 0;
}

/* (number: lo's, the device's minor, as loop_of found it: cheaper than lo - loops) */
static int get_status(const struct loop *lo, uint32_t number, uaddr_t arg)
{
    if (!arg)
        return -EINVAL;
    if (!lo->file)
        return -ENXIO;
    const struct vnode *n = lo->file->node;
    struct loop_info64 info = {.device = mount_minor(n), /* 0:minor, new_encode_dev's */
                               .inode = n->ino,
                               .offset = lo->offset,
                               .sizelimit = lo->sizelimit,
                               .number = number,
                               .flags = lo->flags};
    memcpy(info.file_name, lo->names, sizeof(lo->names));
    return copy_to_user(arg, &info, sizeof(info));
}

static int set_status(struct loop *lo, uaddr_t arg)
{
    struct loop_info64 info;
    if (copy_from_user(&info, arg, sizeof(info)))
        return -EFAULT;
    if (!lo->file)
        return -ENXIO;
    uint64_t offset = lo->offset, sizelimit = lo->sizelimit;
    uint32_t prev = lo->flags;
    int err = set_info(lo, &info);
    if (err)
        return err;
    /* only AUTOCLEAR and PARTSCAN are set here, and only AUTOCLEAR is cleared */
    lo->flags = (lo->flags & (LO_AUTOCLEAR | LO_PARTSCAN)) | (prev & ~LO_AUTOCLEAR);
    if (lo->offset != offset || lo->sizelimit != sizelimit)
        resize(lo);
    return 0;
}

/* Out to the app: an int, or (BLKGETSIZE) a long of the ABI's size. */
static int put(uaddr_t arg, uint64_t v, uint32_t size)
{
    return copy_to_user(arg, &v, size);
}

int32_t loop_ioctl(const struct file *f, uint32_t request, word_t arg)
{
    struct loop *lo = loop_of(f->node);
    bool may_set = file_writable(f) || capable(CAP_SYS_ADMIN);
    uint32_t wide = abi_long_size() << 16;
    int32_t on;
    struct loop_config c = {.fd = (uint32_t)arg};
    if (request == (BLKBSZGET | wide)) /* the page cache's block: a page */
        return put(arg, PAGE_SIZE, 4);
    if (request == (BLKGETSIZE64 | wide))
        return put(arg, lo->size, 8);
    switch (request) {
    case BLKROGET:
        return put(arg, lo->disk_ro || lo->ro, 4);
    case BLKGETSIZE:
        return put(arg, lo->size / SECTOR, abi_long_size());
    case BLKSSZGET:
    case BLKPBSZGET:
        return put(arg, lo->block_size ? lo->block_size : SECTOR, 4);
    case BLKRAGET: /* the read-ahead, in sectors: Linux's 128 KiB */
        return put(arg, 256, abi_long_size());
    case BLKROSET:
    case BLKRRPART:
    case BLKFLSBUF:
        if (!capable(CAP_SYS_ADMIN))
            return -EACCES;
        if (request == BLKFLSBUF) /* nothing is cached apart from the file */
            return 0;
        if (request == BLKRRPART) /* no partition table is read: a scan finds none */
            return lo->flags & LO_PARTSCAN ? 0 : -EINVAL;
        if (copy_from_user(&on, arg, 4))
            return -EFAULT;
        lo->ro = on;
        return 0;
    case LOOP_CONFIGURE:
        if (copy_from_user(&c, arg, sizeof(c)))
            return -EFAULT;
        /* fall through */
    case LOOP_SET_FD:
        return configure(lo, f, &c);
    case LOOP_CLR_FD:
        if (!lo->file)
            return -ENXIO;
        if (lo->openers > 1) /* others have it open: it goes with the last close */
            lo->flags |= LO_AUTOCLEAR;
        else
            unbind(lo);
        return 0;
    case LOOP_SET_STATUS64:
        return may_set ? set_status(lo, arg) : -EPERM;
    case LOOP_GET_STATUS64:
        return get_status(lo, f->node->rdev_minor, arg);
    case LOOP_SET_CAPACITY:
    case LOOP_SET_DIRECT_IO:
    case LOOP_SET_BLOCK_SIZE:
        if (!may_set)
            return -EPERM;
        if (!lo->file)
            return -ENXIO;
        if (request == LOOP_SET_CAPACITY)
            resize(lo);
        else if (request == LOOP_SET_DIRECT_IO ? arg != 0 : !block_size_ok(arg))
            return -EINVAL;
        else if (request == LOOP_SET_BLOCK_SIZE)
            lo->block_size = (uint32_t)arg;
        return 0;
    }
    return -EINVAL;
}

/* /dev/loop-control: its number, or -errno. A device that is taken away comes back with
   LOOP_CTL_ADD; 8 is all there are (ENOSPC), where Linux would make a new one. */
int32_t loop_control(uint32_t request, word_t arg)
{
    int32_t i = (int32_t)arg;
    struct loop *lo = i >= 0 && i < LOOPS ? &loops[i] : NULL;
    switch (request) {
    case LOOP_CTL_ADD: /* a number, or any (a negative one) */
        if (i >= LOOPS)
            return -ENOSPC;
        if (lo && !lo->gone)
            return -EEXIST;
        break;
    case LOOP_CTL_REMOVE:
        if (i < 0)
            return -EINVAL;
        if (!lo || lo->gone)
            return -ENODEV;
        if (lo->file || lo->openers)
            return -EBUSY;
        lo->gone = true;
        return 0;
    case LOOP_CTL_GET_FREE: /* a device there and unbound, else one brought back */
        for (i = 0; i < LOOPS; i++)
            if (!loops[i].gone && !loops[i].file)
                return i;
        lo = NULL;
        break;
    default:
        return -ENOSYS;
    }
    if (!lo) /* the first that is gone */
        for (lo = loops; lo < loops + LOOPS && !lo->gone; lo++)
            ;
    if (lo == loops + LOOPS)
        return -ENOSPC;
    *lo = (struct loop){0}; /* a new disk: not read-only */
    return (int32_t)(lo - loops);
}
