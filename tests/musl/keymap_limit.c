/* Proves Linux's limit on the keyboard's maps (MAX_NR_OF_USER_KEYMAPS): the count starts at the
 * seven default maps, each map made adds one and each made map freed takes one away, but a
 * default map freed still counts; once the count is 256 a new map takes CAP_SYS_RESOURCE (EPERM).
 * With all 256 maps there the count is only reached through a default map freed and made again,
 * which no keymap can undo: it leaves map 1 with K_ALLOCATED at key 0, so this test is no host
 * one (its output was checked on Debian's Linux 6.1 i386 in QEMU). */
#include "report.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KDGKBENT 0x4B46
#define KDSKBENT 0x4B47
enum { K_ALLOCATED = 0x27E, K_NOSUCHMAP = 0x27F, CAP_SYS_RESOURCE = 24 };

struct kbentry {
    unsigned char kb_table, kb_index;
    unsigned short kb_value;
};

static int fd;

static long set(int table, int index, unsigned value)
{
    struct kbentry e = {(unsigned char)table, (unsigned char)index, (unsigned short)value};
    return ioctl(fd, KDSKBENT, &e);
}

static unsigned get(int table, int index)
{
    struct kbentry e = {(unsigned char)table, (unsigned char)index, 0};
    ioctl(fd, KDGKBENT, &e);
    return e.kb_value;
}

/* CAP_SYS_RESOURCE in the effective set, or not (it stays permitted). */
static long resource(int on)
{
    struct {
        uint32_t version;
        int pid;
    } header = {0x20080522, 0};
    struct {
        uint32_t effective, permitted, inheritable;
    } data[2];
    if (syscall(SYS_capget, &header, data))
        return -1;
    data[0].effective = on ? data[0].effective | 1u << CAP_SYS_RESOURCE
                           : data[0].effective & ~(1u << CAP_SYS_RESOURCE);
    return syscall(SYS_capset, &header, data);
}

int main(void)
{
    fd = open("/dev/tty0", O_RDWR);
    T(resource(0));
    T(set(1, 0, K_NOSUCHMAP)); /* a default map freed: the count stays 7 */
    int made = 0, refused = 0;
    for (int m = 0; m < 256; m++)
        if (get(m, 0) == K_NOSUCHMAP && m != 1)
            set(m, 1, 0x0041) ? refused++ : made++;
    printf("maps made: %d, refused: %d\n", made, refused); /* the count is 256 */
    T(set(1, 1, 0x0041));
    printf("map 1 key 0: %#06x\n", get(1, 0));
    T(set(200, 0, K_NOSUCHMAP)); /* a made map freed: 255 */
    T(set(1, 1, 0x0041));
    printf("map 1 key 0: %#06x\n", get(1, 0));
    T(set(200, 1, 0x0041));
    T(resource(1));
    T(set(200, 1, 0x0041)); /* 257 */
    T(set(200, 0, K_NOSUCHMAP));
    T(set(201, 0, K_NOSUCHMAP));
    T(resource(0));
    T(set(200, 1, 0x0041));
    T(set(201, 1, 0x0041));
    return 0;
}
