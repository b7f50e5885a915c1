/* The device nodes the kernel makes: /dev for a bare program (dev_populate), a devtmpfs's
   (dev_fill), and a console node when the tree has none. Built for size. */
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/loop.h"
#include "kernel/mount.h"
#include <stddef.h>

/* Each name in the entry itself, and the numbers in the bytes they need: a pointer and three
   words took 24 bytes each on x86_64. */
static const struct {
    char name[9];
    uint8_t major, minor;
    uint16_t mode;
} devices[] = {
    {"console", DEV_TTY, 1, 0600}, {"tty", DEV_TTY, 0, 0666},  {"null", DEV_MEM, 3, 0666},
    {"zero", DEV_MEM, 5, 0666},    {"full", DEV_MEM, 7, 0666}, {"random", DEV_MEM, 8, 0666},
    {"urandom", DEV_MEM, 9, 0666}, {"rtc0", DEV_RTC, 0, 0600}, {"watchdog", DEV_MISC, 130, 0600},
};

__attribute__((cold)) static struct vnode *make(struct vnode *dir, const char *name, uint32_t mode,
                                                uint32_t major, uint32_t minor)
{
    struct vnode *n = vfs_new(mode);
    if (!n)
        return NULL;
    n->rdev_major = major;
    n->rdev_minor = minor;
    if (dir) {
        n->mnt = dir->mnt;
        mounts[dir->mnt].inodes += mounts[dir->mnt].type >= MNT_TMPFS; /* a devtmpfs's */
    }
    if (dir && vfs_link(dir, name, n)) {
        vfs_put(n);
        return NULL;
    }
    return n;
}

__attribute__((cold)) int dev_populate(void)
{
    struct vnode *dir = make(vfs_root, "dev", S_IFDIR | 0755, 0, 0);
    return dir ? dev_fill(dir) : -ENOMEM;
}

__attribute__((cold)) int dev_fill(struct vnode *dir)
{
    for (uint32_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
        if (!make(dir, devices[i].name, S_IFCHR | devices[i].mode, devices[i].major,
                  devices[i].minor))
            return -ENOMEM;
    if (!make(dir, "loop-control", S_IFCHR | 0600, DEV_MISC,
              LOOP_CONTROL_MINOR)) /* (a long name) */
        return -ENOMEM;
    for (char name[] = "loop0"; name[4] < '8'; name[4]++) /* the 8 Linux makes at boot */
        if (!make(dir, name, S_IFBLK | 0600, LOOP_MAJOR, (uint32_t)(name[4] - '0')))
            return -ENOMEM;
    /* The VTs: the foreground one and the first (a tree may hold the rest: 64 nodes would take
       boot 48,000 instructions longer) */
    for (char name[] = "tty0"; name[3] < '2'; name[3]++)
        if (!make(dir, name, S_IFCHR | 0600, DEV_TTYS, (uint32_t)(name[3] - '0')))
            return -ENOMEM;
    return 0;
}

struct vnode *dev_console(void)
{
    struct vnode *dev = vfs_child(vfs_root, "dev", 3);
    struct vnode *n = dev && S_ISDIR(dev->mode) ? vfs_child(dev, "console", 7) : NULL;
    if (n && dev_is_console(n))
        return n;
    return make(NULL, "console", S_IFCHR | 0600, DEV_TTY, 1);
}
