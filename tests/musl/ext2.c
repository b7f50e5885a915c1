/* Proves a read-only mount of an ext2 file system on a loop device, as Linux's: the program
 * writes a small ext2 image itself (a root, a file owned by 1000:100, a hard link to it, a fast
 * symlink, a character device, a folder with a file of 14 blocks that needs an indirect block
 * and ends in a hole), binds it to a loop device and mounts it read-only; the tree, the
 * attributes, the data, statfs's type and inode counts and /proc/mounts' line are the image's,
 * and writing is EROFS. Each line was checked on Linux x86_64. */
#define _GNU_SOURCE
#include "ext2_image.h"
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define LOOP_SET_FD 0x4C00
#define LOOP_CLR_FD 0x4C01
#define LOOP_CTL_GET_FREE 0x4C82

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *path)
{
    DIR *d = opendir(path);
    char *names[16];
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 16)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) /* (.. of the root: the host's) */
            names[n++] = strdup(e->d_name);
    qsort(names, (size_t)n, sizeof(names[0]), by_name);
    for (int i = 0; i < n; i++) {
        char p[256];
        struct stat st;
        snprintf(p, sizeof(p), "%s/%s", path, names[i]);
        lstat(p, &st);
        printf("%s: ino %lu mode %o links %lu uid %u gid %u size %lld mtime %lld", names[i],
               (unsigned long)st.st_ino, st.st_mode, (unsigned long)st.st_nlink, st.st_uid,
               st.st_gid, (long long)st.st_size, (long long)st.st_mtime);
        if (S_ISCHR(st.st_mode))
            printf(" rdev %u:%u", major(st.st_rdev), minor(st.st_rdev));
        putchar('\n');
    }
    if (d)
        closedir(d);
}

int main(void)
{
    make_image();
    int file = open("ext2.img", O_RDWR | O_CREAT | O_TRUNC, 0600);
    TF(file);
    T(write(file, img, sizeof(img)));
    int ctl = open("/dev/loop-control", O_RDWR);
    char dev[32];
    snprintf(dev, sizeof(dev), "/dev/loop%d", ioctl(ctl, LOOP_CTL_GET_FREE));
    int loop = open(dev, O_RDWR);
    T(ioctl(loop, LOOP_SET_FD, file));
    T(mkdir("ext2.mnt", 0755));
    T(mount(dev, "ext2.mnt", "ext2", MS_RDONLY, NULL));
    list("ext2.mnt");
    list("ext2.mnt/sub");
    char buf[16 * 1024] = "";
    int fd = open("ext2.mnt/hard", O_RDONLY);
    T(read(fd, buf, sizeof(buf)));
    printf("%s", buf);
    close(fd);
    T(readlink("ext2.mnt/link", buf, sizeof(buf)));
    fd = open("ext2.mnt/sub/big", O_RDONLY);
    T(read(fd, buf, sizeof(buf)));
    printf("%c%c %c%c %c %d %d\n", buf[0], buf[1023], buf[11 * 1024], buf[12 * 1024],
           buf[13 * 1024 - 1], buf[13 * 1024], buf[14 * 1024 - 11]);
    close(fd);
    struct statfs sf;
    T(statfs("ext2.mnt", &sf));
    printf("type %lx bsize %ld files %llu ffree %llu namelen %ld\n", (unsigned long)sf.f_type,
           (long)sf.f_bsize, (unsigned long long)sf.f_files, (unsigned long long)sf.f_ffree,
           (long)sf.f_namelen);
    FILE *m = fopen("/proc/mounts", "r");
    char line[512];
    while (m && fgets(line, sizeof(line), m))
        if (strstr(line, "ext2.mnt"))
            printf("%s", strstr(line, " ext2 "));
    T(open("ext2.mnt/new", O_WRONLY | O_CREAT, 0644));
    T(open("ext2.mnt/hello", O_WRONLY));
    T(mkdir("ext2.mnt/dir", 0755));
    T(umount("ext2.mnt"));
    T(ioctl(loop, LOOP_CLR_FD));
    T(rmdir("ext2.mnt"));
    T(unlink("ext2.img"));
    return 0;
}
