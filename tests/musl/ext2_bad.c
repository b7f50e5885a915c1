/* Proves moat's ext2 mount refuses what it cannot or must not read, each with its own error,
 * and is whole after each refusal: the source not a block device (ENOTBLK), absent (ENOENT), an
 * unbound loop device or not ext2 (EINVAL), options (EINVAL), a read-write mount (EROFS),
 * features Linux's ext2 cannot read either (EINVAL), and an image forged to break it: a
 * directory entry whose length does not fit, an inode number past the table, a folder that holds
 * its own parent, a folder that names one file so often that the copies would outgrow the inode
 * count, or a file whose indirect blocks name the same blocks again and again, so that looking
 * its blocks up would never end (EUCLEAN), a block past the disk, directly or through an indirect
 * block (EIO). A name that is empty or holds a NUL or a '/' is left out (Linux's getdents
 * refuses them); a symlink of 4 GiB is ENAMETOOLONG to follow; a remount may not make the mount
 * writable (EROFS) nor take options (EINVAL).
 * No mount is left behind, and the good image mounts after all of them. moat only: Linux reads an
 * image lazily, so it mounts all of these and fails later, at the lookup or read that meets the
 * damage. */
#define _GNU_SOURCE
#include "ext2_image.h"
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOOP_SET_FD 0x4C00
#define LOOP_CLR_FD 0x4C01

static int loop;

/* Mount the image as it is now, read-only unless flags say otherwise: 0, or -1 and errno. */
static int try(unsigned long flags, const char *opts)
{
    int file = open("ext2.img", O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(file, img, sizeof(img));
    ioctl(loop, LOOP_SET_FD, file);
    close(file);
    int r = mount("/dev/loop0", "ext2.mnt", "ext2", flags, opts);
    int e = errno;
    if (!r)
        umount("ext2.mnt");
    ioctl(loop, LOOP_CLR_FD);
    memset(img, 0, sizeof(img)); /* the good image again */
    make_image();
    errno = e;
    return r;
}

static void entries(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.')
            printf(" %s", e->d_name);
    putchar('\n');
    if (d)
        closedir(d);
}

int main(void)
{
    make_image();
    loop = open("/dev/loop0", O_RDWR);
    T(mkdir("ext2.mnt", 0755));
    T(mount("/dev/null", "ext2.mnt", "ext2", MS_RDONLY, NULL));
    T(mount("/dev/nothing", "ext2.mnt", "ext2", MS_RDONLY, NULL));
    T(mount("/dev/loop0", "ext2.mnt", "ext2", MS_RDONLY, NULL)); /* unbound */
    T(try(MS_RDONLY, "errors=panic"));
    T(try(0, NULL));
    put16(1024 + 56, 0xEF54);
    T(try(MS_RDONLY, NULL)); /* the magic */
    put32(1024 + 96, 2 | 0x40);
    T(try(MS_RDONLY, NULL)); /* extents */
    put32(1024 + 24, 7);
    T(try(MS_RDONLY, NULL)); /* 128 KiB blocks */
    put16(1024 + 88, 0);
    T(try(MS_RDONLY, NULL)); /* inodes of no size */
    put16(9 * 1024 + 12 + 4, 6);
    T(try(MS_RDONLY, NULL)); /* "..", 6 bytes long */
    put16(9 * 1024 + 12 + 4, 2000);
    T(try(MS_RDONLY, NULL)); /* past its block */
    put32(9 * 1024 + 24, 1000);
    T(try(MS_RDONLY, NULL)); /* hello: inode 1000 of 32 */
    put32(11 * 1024 + 24, 2);
    T(try(MS_RDONLY, NULL)); /* sub's big: the root */
    put32(11 * 1024 + 24, 12);
    T(try(MS_RDONLY, NULL));  /* sub's big: sub itself */
    static char names[40][4]; /* sub: 40 names of big, each a copy: more nodes than inodes */
    const char *list[40];
    uint32_t inos[40];
    uint8_t types[40];
    for (int i = 0; i < 40; i++) {
        snprintf(names[i], sizeof(names[i]), "f%02d", i);
        list[i] = names[i], inos[i] = 15, types[i] = 1;
    }
    dir_block(11, inos, types, list, 40);
    T(try(MS_RDONLY, NULL));
    /* big: 4 GiB, its triple indirect block (30) naming 31 everywhere, 31 naming 32, and 32 all
       holes: 16 million blocks to look up through blocks that are each read again and again */
    put32(5 * 1024 + 14 * 128 + 4, 0xFFFFFFFF);
    put32(5 * 1024 + 14 * 128 + 40 + 14 * 4, 30);
    for (uint32_t i = 0; i < 256; i++)
        put32(30 * 1024 + 4 * i, 31), put32(31 * 1024 + 4 * i, 32);
    T(try(MS_RDONLY, NULL));
    put32(5 * 1024 + 10 * 128 + 40, 100000);
    T(try(MS_RDONLY, NULL)); /* hello's block past the disk */
    put32(24 * 1024, 500);
    T(try(MS_RDONLY, NULL)); /* big's indirect block names one past it */
    int file = open("ext2.img", O_RDWR | O_CREAT | O_TRUNC, 0600);
    img[9 * 1024 + 12 + 12 + 8] = '/'; /* "/ello" and "ha\0d" are left out */
    img[9 * 1024 + 40 + 8 + 2] = 0;
    put32(5 * 1024 + 12 * 128 + 4, 0xFFFFFFFF); /* link: 4 GiB of holes, not a fast one */
    put32(5 * 1024 + 12 * 128 + 28, 2);
    put32(5 * 1024 + 12 * 128 + 40, 0);
    write(file, img, sizeof(img));
    T(ioctl(loop, LOOP_SET_FD, file));
    T(mount("/dev/loop0", "ext2.mnt", "ext2", MS_RDONLY, NULL));
    entries("ext2.mnt");
    struct stat st;
    T(lstat("ext2.mnt/link", &st));
    printf("link's size %lld\n", (long long)st.st_size);
    T(stat("ext2.mnt/link", &st)); /* a target past PATH_MAX */
    T(mount(NULL, "ext2.mnt", NULL, MS_REMOUNT, NULL));
    T(mount(NULL, "ext2.mnt", NULL, MS_REMOUNT | MS_RDONLY, "size=1k"));
    T(mount(NULL, "ext2.mnt", NULL, MS_REMOUNT | MS_RDONLY, NULL));
    T(open("ext2.mnt/new", O_WRONLY | O_CREAT, 0644));
    T(umount("ext2.mnt"));
    T(ioctl(loop, LOOP_CLR_FD));
    FILE *m = fopen("/proc/mounts", "r");
    char line[256];
    int left = 0;
    while (m && fgets(line, sizeof(line), m))
        left += strstr(line, "ext2") != NULL;
    printf("ext2 mounts left: %d\n", left);
    T(rmdir("ext2.mnt"));
    T(unlink("ext2.img"));
    return 0;
}
