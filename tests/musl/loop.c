/* Proves the loop devices as Linux 6.1's: /dev/loop-control finds a free one, takes one away
 * and gives it back; a device binds a file (LOOP_SET_FD, LOOP_CONFIGURE), shows its bytes from
 * an offset and within a size limit in whole sectors (read, write, sendfile, lseek, the BLK*
 * sizes), reports and takes its status (LOOP_{GET,SET}_STATUS64), is read-only when its file
 * is, keeps its size until LOOP_SET_CAPACITY, and lets its file go at LOOP_CLR_FD, or at the
 * last close when others have it open. The errors are Linux's: ENXIO unbound, EBUSY bound,
 * ENOSPC and EPERM to write, EINVAL for anything else. Each line was checked on Linux x86_64
 * (not in the suite's host runs: a machine may have no loop devices to lend). */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* linux/loop.h's and linux/fs.h's, which the musl tree lacks */
struct loop_info64 {
    uint64_t lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
    uint32_t lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
    uint8_t lo_file_name[64], lo_crypt_name[64], lo_encrypt_key[32];
    uint64_t lo_init[2];
};
struct loop_config {
    uint32_t fd, block_size;
    struct loop_info64 info;
    uint64_t reserved[8];
};
#define LO_FLAGS_READ_ONLY 1
#define LO_FLAGS_AUTOCLEAR 4
#define LOOP_SET_FD 0x4C00
#define LOOP_CLR_FD 0x4C01
#define LOOP_SET_STATUS64 0x4C04
#define LOOP_GET_STATUS64 0x4C05
#define LOOP_SET_CAPACITY 0x4C07
#define LOOP_SET_DIRECT_IO 0x4C08
#define LOOP_SET_BLOCK_SIZE 0x4C09
#define LOOP_CONFIGURE 0x4C0A
#define LOOP_CTL_ADD 0x4C80
#define LOOP_CTL_REMOVE 0x4C81
#define LOOP_CTL_GET_FREE 0x4C82
#define BLKROSET _IO(0x12, 93)
#define BLKROGET _IO(0x12, 94)
#define BLKRRPART _IO(0x12, 95)
#define BLKGETSIZE _IO(0x12, 96)
#define BLKFLSBUF _IO(0x12, 97)
#define BLKSSZGET _IO(0x12, 104)
#define BLKBSZGET _IOR(0x12, 112, size_t)
#define BLKGETSIZE64 _IOR(0x12, 114, size_t)

static const char *path = "loop.img"; /* in the working directory */

static void status(int dev)
{
    struct loop_info64 info;
    struct stat st;
    if (T(ioctl(dev, LOOP_GET_STATUS64, &info)) < 0 || stat(path, &st))
        return;
    printf("number %u offset %llu sizelimit %llu flags %u name '%s' file's dev %d ino %d\n",
           info.lo_number, (unsigned long long)info.lo_offset,
           (unsigned long long)info.lo_sizelimit, info.lo_flags, (char *)info.lo_file_name,
           info.lo_device == st.st_dev, info.lo_inode == st.st_ino);
}

static void sizes(int dev)
{
    uint64_t bytes = 1;
    unsigned long sectors = 1;
    int ssz = 1, ro = 2;
    ioctl(dev, BLKGETSIZE64, &bytes);
    ioctl(dev, BLKGETSIZE, &sectors);
    ioctl(dev, BLKSSZGET, &ssz);
    ioctl(dev, BLKROGET, &ro);
    int bsz = 1;
    ioctl(dev, BLKBSZGET, &bsz);
    printf("size %llu sectors %lu logical block %d block %d ro %d\n", (unsigned long long)bytes,
           sectors, ssz, bsz, ro);
}

int main(void)
{
    int file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    TF(file);
    char data[10340];
    for (int i = 0; i < (int)sizeof(data); i++)
        data[i] = (char)('a' + i % 26);
    T(write(file, data, sizeof(data))); /* 20 sectors and 100 bytes */

    int ctl = open("/dev/loop-control", O_RDWR);
    TF(ctl);
    int n = T(ioctl(ctl, LOOP_CTL_GET_FREE));
    char name[32];
    snprintf(name, sizeof(name), "/dev/loop%d", n);
    struct stat st;
    T(stat(name, &st));
    printf("block %d major %u minor is n %d size %lld\n", S_ISBLK(st.st_mode), major(st.st_rdev),
           minor(st.st_rdev) == (unsigned)n, (long long)st.st_size);
    int dev = open(name, O_RDWR);
    TF(dev);

    puts("-- unbound");
    status(dev);
    sizes(dev);
    char buf[64] = "";
    T(read(dev, buf, 8));
    T(write(dev, "x", 1));
    T(lseek(dev, 0, SEEK_END));
    T(lseek(dev, 1, SEEK_SET));
    T(ioctl(dev, LOOP_CLR_FD));
    T(ioctl(dev, LOOP_SET_CAPACITY));
    T(ioctl(dev, LOOP_SET_BLOCK_SIZE, 1024));
    T(ioctl(ctl, LOOP_CTL_ADD, n));

    puts("-- bind");
    int p[2];
    T(pipe(p));
    T(ioctl(dev, LOOP_SET_FD, 99));
    T(ioctl(dev, LOOP_SET_FD, p[0]));
    T(ioctl(dev, LOOP_SET_FD, dev));
    T(ioctl(dev, LOOP_SET_FD, file));
    T(ioctl(dev, LOOP_SET_FD, file));
    T(ioctl(ctl, LOOP_CTL_REMOVE, n));
    status(dev);
    sizes(dev);
    T(lseek(dev, 0, SEEK_END));
    T(lseek(dev, 10241, SEEK_SET));
    T(pread(dev, buf, 10, 100));
    printf("%.10s %d\n", buf, !memcmp(buf, data + 100, 10));
    T(pwrite(dev, "MOAT", 4, 512));
    T(fsync(dev)); /* Linux's page cache of the disk: written to the file here */
    T(pread(file, buf, 4, 512));
    printf("%.4s\n", buf);
    T(pwrite(dev, "1234", 4, 10238)); /* to the end, not past it */
    T(pwrite(dev, "1234", 4, 10240));
    T(pread(dev, buf, 8, 10236));
    T(ioctl(dev, TCGETS, buf));
    int copy = open("loop.copy", O_RDWR | O_CREAT | O_TRUNC, 0600);
    off_t at = 10200;
    T(sendfile(copy, dev, &at, 100));
    printf("at %lld\n", (long long)at);

    puts("-- status");
    struct loop_info64 info = {.lo_offset = 1024,
                               .lo_sizelimit = 4000,
                               .lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR};
    strcpy((char *)info.lo_file_name, "the image");
    T(ioctl(dev, LOOP_SET_STATUS64, &info));
    status(dev);
    sizes(dev);
    T(pread(dev, buf, 4, 0));
    printf("%d\n", !memcmp(buf, data + 1024, 4));
    info.lo_flags = 0;
    info.lo_sizelimit = 0;
    T(ioctl(dev, LOOP_SET_STATUS64, &info));
    status(dev);
    T(write(file, data, 2048)); /* the file grows; the disk does not, until SET_CAPACITY */
    sizes(dev);
    T(ioctl(dev, LOOP_SET_CAPACITY));
    sizes(dev);
    info.lo_encrypt_type = 1;
    T(ioctl(dev, LOOP_SET_STATUS64, &info));
    T(ioctl(dev, LOOP_SET_STATUS64, NULL));
    T(ioctl(dev, LOOP_GET_STATUS64, NULL));
    T(ioctl(dev, LOOP_SET_BLOCK_SIZE, 1000));
    T(ioctl(dev, LOOP_SET_BLOCK_SIZE, 2048));
    sizes(dev);
    T(ioctl(dev, LOOP_SET_DIRECT_IO, 0));

    puts("-- clear");
    int other = open(name, O_RDONLY);
    TF(other);
    T(ioctl(dev, LOOP_CLR_FD)); /* the other open keeps it: autoclear */
    status(dev);
    T(close(dev));
    status(other);
    T(ioctl(ctl, LOOP_CTL_GET_FREE) == n);
    T(close(other));
    dev = open(name, O_RDONLY);
    status(dev);
    T(ioctl(ctl, LOOP_CTL_GET_FREE) == n);

    puts("-- read-only");
    int ro = open(path, O_RDONLY);
    T(ioctl(dev, LOOP_SET_FD, ro)); /* the device is open O_RDONLY too */
    status(dev);
    sizes(dev);
    T(close(dev));
    dev = open(name, O_RDWR);
    T(write(dev, "x", 1));
    T(ioctl(dev, LOOP_CLR_FD));
    T(close(dev)); /* (Linux 6.1 lets go at once, later ones at this close) */
    dev = open(name, O_RDWR);
    sizes(dev); /* the disk stays read-only until it is bound again */
    T(write(dev, "x", 1));
    struct loop_config config = {.fd = (unsigned)file,
                                 .block_size = 4096,
                                 .info = {.lo_offset = 512, .lo_flags = LO_FLAGS_READ_ONLY}};
    T(ioctl(dev, LOOP_CONFIGURE, &config));
    status(dev);
    sizes(dev);
    T(ioctl(dev, LOOP_CLR_FD));
    T(close(dev));
    dev = open(name, O_RDWR);
    config.block_size = 3000;
    T(ioctl(dev, LOOP_CONFIGURE, &config));
    config.block_size = 0;
    config.info.lo_flags = 64;
    T(ioctl(dev, LOOP_CONFIGURE, &config));
    int on = 1;
    T(ioctl(dev, BLKROSET, &on)); /* the disk's own mark, bound or not */
    T(ioctl(dev, LOOP_SET_FD, file));
    sizes(dev);
    T(write(dev, "x", 1));
    on = 0;
    T(ioctl(dev, BLKROSET, &on));
    T(write(dev, "x", 1));
    T(ioctl(dev, BLKRRPART));
    T(ioctl(dev, BLKFLSBUF));
    T(ioctl(dev, LOOP_CLR_FD));
    T(close(dev));

    puts("-- loop-control");
    T(ioctl(ctl, LOOP_CTL_REMOVE, -1));
    T(ioctl(ctl, LOOP_CTL_REMOVE, 1000));
    T(ioctl(ctl, 0x4C99));
    T(ioctl(ctl, LOOP_CTL_REMOVE, n));
    T(open(name, O_RDONLY) < 0); /* ENXIO from a node that stays, ENOENT from devtmpfs */
    T(ioctl(ctl, LOOP_CTL_REMOVE, n));
    T(ioctl(ctl, LOOP_CTL_ADD, n));
    TF(dev = open(name, O_RDONLY));
    T(read(ctl, buf, 1));
    T(unlink(path));
    T(unlink("loop.copy"));
    return 0;
}
