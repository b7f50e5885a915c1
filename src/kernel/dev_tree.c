/* The device nodes the kernel makes: /dev for a bare program (dev_populate), a devtmpfs's
   (dev_fill), the list sysfs shows (dev_nth), and a console node when the tree has none. Built
   for size. */
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/loop.h"
#include "kernel/mount.h"
#include "kernel/string.h"
#include <stddef.h>

/* The nodes, their names one after another (no pointer to each), then each entry's numbers in
   the bytes they need: a run of count nodes, each named with its number, from minor on (count 0:
   one node, its name as it is). The VTs are the foreground one and the first (a tree may hold
   the rest: 64 nodes would take boot 48,000 instructions longer); of the loop devices, the 8
   Linux makes at boot. */
static const char names[] = "console\0tty\0ttyS\0tty\0null\0zero\0full\0random\0urandom\0rtc0\0"
                            "watchdog\0loop-control\0loop";
static const struct {
    uint8_t major, minor, count;
    uint16_t mode;
} __attribute__((packed)) devices[] = {
    {DEV_TTY, 1, 0, S_IFCHR | 0600},    {DEV_TTY, 0, 0, S_IFCHR | 0666},
    {DEV_TTYS, 64, 1, S_IFCHR | 0600},  {DEV_TTYS, 0, 2, S_IFCHR | 0600},
    {DEV_MEM, 3, 0, S_IFCHR | 0666},    {DEV_MEM, 5, 0, S_IFCHR | 0666},
    {DEV_MEM, 7, 0, S_IFCHR | 0666},    {DEV_MEM, 8, 0, S_IFCHR | 0666},
    {DEV_MEM, 9, 0, S_IFCHR | 0666},    {DEV_RTC, 0, 0, S_IFCHR | 0600},
    {DEV_MISC, 130, 0, S_IFCHR | 0600}, {DEV_MISC, LOOP_CONTROL_MINOR, 0, S_IFCHR | 0600},
    {LOOP_MAJOR, 0, 8, S_IFBLK | 0600},
};
_Static_assert(DEV_NODES == 21, "dev.h's count of the nodes");

/* Each node in turn into *d, for fn, until fn returns other than 0: that, or 0. One walk, each
   entry's name copied once: the boot makes these nodes for a bare program. */
static int each(int (*fn)(void *ctx, const struct dev_node *d), void *ctx)
{
    struct dev_node d;
    const char *name = names;
    for (uint32_t e = 0; e < sizeof(devices) / sizeof(devices[0]); e++) {
        uint32_t len = (uint32_t)strlen(name), count = devices[e].count;
        memcpy(d.name, name, len + 1);
        name += len + 1;
        d.mode = devices[e].mode;
        d.major = devices[e].major;
        for (uint32_t j = 0; j < (count ? count : 1); j++) {
            if (count) { /* a run of up to 8 */
                d.name[len] = (char)('0' + j);
                d.name[len + 1] = 0;
            }
            d.minor = (uint8_t)(devices[e].minor + j);
            int r = fn(ctx, &d);
            if (r)
                return r;
        }
    }
    return 0;
}

struct nth {
    uint32_t left;
    struct dev_node *d;
};

static int take_nth(void *ctx, const struct dev_node *d)
{
    struct nth *n = ctx;
    if (n->left--)
        return 0;
    *n->d = *d;
    return 1;
}

__attribute__((cold)) bool dev_nth(uint32_t i, struct dev_node *d)
{
    struct nth n = {i, d};
    return each(take_nth, &n);
}

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

static int make_node(void *dir, const struct dev_node *d)
{
    return make(dir, d->name, d->mode, d->major, d->minor) ? 0 : -ENOMEM;
}

__attribute__((cold)) int dev_fill(struct vnode *dir)
{
    return each(make_node, dir);
}

struct vnode *dev_console(void)
{
    struct vnode *dev = vfs_child(vfs_root, "dev", 3);
    struct vnode *n = dev && S_ISDIR(dev->mode) ? vfs_child(dev, "console", 7) : NULL;
    if (n && dev_is_console(n))
        return n;
    return make(NULL, "console", S_IFCHR | 0600, DEV_TTY, 1);
}
