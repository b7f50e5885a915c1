/* Proves the keyboard's maps behave as Linux's (KDGKBENT, KDSKBENT; busybox's dumpkmap and
 * loadkmap): the seven default maps are Linux's defkeymap, each map's keys 128 to 255 are holes,
 * and a map not there reads K_NOSUCHMAP at key 0 and K_HOLE elsewhere; a set makes a map (key 0
 * then reads K_ALLOCATED), key 0 only checks the value, each type's values have a limit (EINVAL
 * past it), K_NOSUCHMAP at key 0 frees a map (never map 0), and the Unicode entries (types past
 * 14) are taken and read back only while the VT's keyboard is in Unicode mode; without
 * CAP_SYS_ADMIN the secure attention key (K_SAK) may be neither set nor replaced; a bad entry's
 * address is EFAULT; without CAP_SYS_TTY_CONFIG a set is EPERM and a read still answers. It uses
 * maps 200 to 202, changes one key of map 0 and sets it back, and changes tty50's keyboard mode
 * and sets it back: the maps are every VT's, and a host's, which must have Linux's default
 * keymap (no map but the seven default ones and those past 199). */
#include "report.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KDGKBMODE 0x4B44
#define KDSKBMODE 0x4B45
#define KDGKBENT 0x4B46
#define KDSKBENT 0x4B47
enum { K_XLATE = 1, K_UNICODE = 3 };
enum { K_HOLE = 0x200, K_BOOT = 0x20C, K_SAK = 0x20F, K_ALLOCATED = 0x27E, K_NOSUCHMAP = 0x27F };
enum { CAP_SYS_ADMIN = 21, LINUX_CAPABILITY_VERSION_3 = 0x20080522 };

struct kbentry {
    unsigned char kb_table, kb_index;
    unsigned short kb_value;
};

static int fd;

static unsigned get(int table, int index)
{
    struct kbentry e = {(unsigned char)table, (unsigned char)index, 0x7777};
    if (ioctl(fd, KDGKBENT, &e))
        printf("KDGKBENT %d %d: %s\n", table, index, errname(errno));
    return e.kb_value;
}

static long set(int table, int index, unsigned value)
{
    struct kbentry e = {(unsigned char)table, (unsigned char)index, (unsigned short)value};
    return ioctl(fd, KDSKBENT, &e);
}

/* CAP_SYS_ADMIN in the effective set, or not (it stays permitted). */
static long admin(int on)
{
    struct {
        uint32_t version;
        int pid;
    } header = {LINUX_CAPABILITY_VERSION_3, 0};
    struct {
        uint32_t effective, permitted, inheritable;
    } data[2];
    if (syscall(SYS_capget, &header, data))
        return -1;
    data[0].effective =
        on ? data[0].effective | 1u << CAP_SYS_ADMIN : data[0].effective & ~(1u << CAP_SYS_ADMIN);
    return syscall(SYS_capset, &header, data);
}

/* Each map there: how many of keys 1 to 127 are no hole, a hash of keys 0 to 127 (FNV-1a of
   their values), and whether keys 128 to 255 are all holes. */
static void maps(void)
{
    for (int m = 0; m < 256; m++) {
        if (get(m, 0) == K_NOSUCHMAP)
            continue;
        uint32_t hash = 2166136261u, set_keys = 0, tail_holes = 1;
        for (int k = 0; k < 256; k++) {
            unsigned v = get(m, k);
            if (k >= 128)
                tail_holes &= v == K_HOLE;
            else {
                set_keys += k && v != K_HOLE;
                hash = (hash ^ v) * 16777619u;
            }
        }
        printf("map %3d: %3u keys, hash %08x, keys 128-255 %s\n", m, set_keys, hash,
               tail_holes ? "holes" : "set");
    }
}

int main(void)
{
    fd = open("/dev/tty50", O_RDWR);
    int mode = 0;
    T(ioctl(fd, KDGKBMODE, &mode));
    printf("mode %s\n", mode == K_UNICODE ? "K_UNICODE" : "other");
    puts("-- the default maps");
    maps();
    printf("plain q, shift q, ctrl q, alt q, altgr 1: %#06x %#06x %#06x %#06x %#06x\n", get(0, 16),
           get(1, 16), get(4, 16), get(8, 16), get(2, 2));
    printf("map 3: key 0 %#06x, key 1 %#06x, key 255 %#06x\n", get(3, 0), get(3, 1), get(3, 255));

    puts("-- a new map");
    T(set(200, 0, 0x0041)); /* key 0 only checks */
    printf("map 200 key 0: %#06x\n", get(200, 0));
    T(set(200, 0, 0x0214)); /* K(KT_SPEC, 20): past the last handler */
    T(set(200, 5, 0x0b61));
    printf("map 200: key 0 %#06x, key 5 %#06x, key 6 %#06x, key 255 %#06x\n", get(200, 0),
           get(200, 5), get(200, 6), get(200, 255));
    T(set(200, 255, 0x0041));
    printf("map 200 key 255: %#06x\n", get(200, 255));

    puts("-- each type's last value");
    for (int type = 0; type < 16; type++) {
        int last = -1;
        for (int v = 0; v < 256; v++)
            if (!set(200, 7, (unsigned)(type << 8 | v)))
                last = v;
        printf("type %2d: last %3d, then %s\n", type, last,
               last == 255                                       ? "-"
               : set(200, 7, (unsigned)(type << 8 | (last + 1))) ? errname(errno)
                                                                 : "taken");
    }

    puts("-- Unicode entries");
    T(set(200, 8, 0xf123));
    printf("map 200 key 8: %#06x\n", get(200, 8));
    T(ioctl(fd, KDSKBMODE, K_XLATE));
    printf("map 200 key 8 (K_XLATE): %#06x\n", get(200, 8));
    T(set(200, 9, 0xf123));
    T(set(200, 9, 0x0e00));
    T(ioctl(fd, KDSKBMODE, K_UNICODE));

    puts("-- a default map's key changed and set back");
    unsigned a = get(0, 30);
    T(set(0, 30, 0x0b62));
    printf("plain key 30: %#06x\n", get(0, 30));
    T(set(0, 30, a));
    printf("plain key 30: %#06x\n", get(0, 30));

    puts("-- freeing");
    T(set(200, 0, K_NOSUCHMAP));
    printf("map 200: key 0 %#06x, key 5 %#06x\n", get(200, 0), get(200, 5));
    T(set(201, 0, K_NOSUCHMAP)); /* no map */
    T(set(0, 0, K_NOSUCHMAP));   /* map 0 stays */
    printf("plain key 1: %#06x\n", get(0, 1));
    T(set(200, 3, 0x0031));
    printf("map 200 again: key 0 %#06x, key 3 %#06x, key 5 %#06x\n", get(200, 0), get(200, 3),
           get(200, 5));
    T(set(200, 0, K_NOSUCHMAP));

    puts("-- the secure attention key without CAP_SYS_ADMIN");
    T(admin(0));
    T(set(202, 5, K_SAK));
    printf("map 202 key 0: %#06x\n", get(202, 0)); /* made before the refusal */
    T(set(202, 6, K_BOOT));
    T(admin(1));
    T(set(202, 5, K_SAK));
    T(admin(0));
    T(set(202, 5, K_SAK)); /* the same value */
    T(set(202, 5, 0x0041));
    T(admin(1));
    printf("map 202: key 5 %#06x, key 6 %#06x\n", get(202, 5), get(202, 6));
    T(set(202, 0, K_NOSUCHMAP));

    puts("-- bad addresses");
    T(ioctl(fd, KDGKBENT, (void *)8));
    T(ioctl(fd, KDSKBENT, (void *)8));

    puts("-- as nobody");
    T(setuid(65534));
    T(set(201, 1, 0x0041));
    printf("plain key 16: %#06x\n", get(0, 16));
    maps();
    return 0;
}
