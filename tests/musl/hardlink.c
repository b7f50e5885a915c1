/* Proves link and linkat make hard links as Linux's tmpfs does: one node under several names
 * (the same inode number, nlink counting the names, data written through one name read
 * through another, in one folder or two), the node outliving any one name and freed with the
 * last; the errors in Linux's order (EEXIST for an existing name, a symlink or "." included;
 * ENOENT for a missing source, a missing folder or a new name with a trailing slash; ENOTDIR
 * for a file named with one; EPERM for a folder; EINVAL for unknown flags; ENOENT for an open
 * file with no name left); AT_SYMLINK_FOLLOW linking a symlink's target where linkat alone
 * links the symlink; readdir listing every name; rename between two names of one node doing
 * nothing; O_TMPFILE's file without a name, which linkat with AT_EMPTY_PATH names unless
 * O_EXCL (EINVAL without a write mode, with O_CREAT or without O_DIRECTORY; ENOTDIR, ENOENT).
 * It works in a scratch folder of its own under the working directory, as files.c
 * does, and removes it. */
#define _GNU_SOURCE
#include "report.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DIR_NAME "hardlink_scratch.tmp"

static struct stat st_of(const char *path)
{
    struct stat st;
    memset(&st, 0, sizeof(st));
    if (lstat(path, &st))
        printf("lstat %s: -1 %s\n", path, errname(errno));
    return st;
}

static void show_links(const char *path)
{
    struct stat st = st_of(path);
    printf("%s: nlink %ld", path, (long)st.st_nlink);
    if (!S_ISDIR(st.st_mode)) /* a folder's size is the filesystem's own */
        printf(" size %lld%s", (long long)st.st_size, S_ISLNK(st.st_mode) ? " symlink" : "");
    printf("\n");
}

static void same(const char *a, const char *b)
{
    struct stat x = st_of(a), y = st_of(b);
    printf("%s and %s: %s\n", a, b, x.st_ino == y.st_ino ? "one node" : "two nodes");
}

static void read_through(const char *path)
{
    char buf[64] = {0};
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
    if (fd >= 0)
        close(fd);
    printf("read %s: %ld \"%s\"\n", path, n, n > 0 ? buf : "");
}

static void list(const char *dir)
{
    DIR *d = opendir(dir);
    char names[8][32];
    int count = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        if (e->d_name[0] != '.' && count < 8)
            snprintf(names[count++], sizeof(names[0]), "%s", e->d_name);
    if (d)
        closedir(d);
    qsort(names, (size_t)count, sizeof(names[0]), (int (*)(const void *, const void *))strcmp);
    printf("%s:", dir);
    for (int i = 0; i < count; i++)
        printf(" %s", names[i]);
    printf("\n");
}

int main(void)
{
    if (mkdir(DIR_NAME, 0755) || chdir(DIR_NAME)) {
        printf("cannot make the scratch folder: %s\n", errname(errno));
        return 1;
    }
    int fd = open("a", O_WRONLY | O_CREAT | O_EXCL, 0644);
    write(fd, "first", 5);
    close(fd);
    mkdir("sub", 0755);

    T(link("a", "b"));
    T(link("a", "sub/c"));
    show_links("a");
    same("a", "b");
    same("a", "sub/c");
    show_links("sub");
    fd = open("sub/c", O_WRONLY | O_APPEND);
    write(fd, " second", 7);
    close(fd);
    read_through("b");
    list(".");

    /* The errors. */
    T(link("a", "b"));
    T(link("missing", "d"));
    T(link("a", "nowhere/d"));
    T(link("a", "d/"));
    T(link("a/", "d"));
    T(link("sub", "d"));
    T(link(".", "d"));
    T(link("a", "."));
    T(symlink("a", "s"));
    T(link("a", "s"));
    T(linkat(AT_FDCWD, "a", AT_FDCWD, "d", 0x1));
    T(linkat(AT_FDCWD, "", AT_FDCWD, "d", 0));

    /* A symlink: linkat links it, AT_SYMLINK_FOLLOW its target. */
    T(linkat(AT_FDCWD, "s", AT_FDCWD, "s2", 0));
    show_links("s2");
    T(linkat(AT_FDCWD, "s", AT_FDCWD, "t", AT_SYMLINK_FOLLOW));
    same("a", "t");
    show_links("a");

    /* Rename between two names of one node does nothing; unlink removes one name. */
    T(rename("b", "t"));
    T(syscall(SYS_renameat2, AT_FDCWD, "b", AT_FDCWD, "t", 1)); /* RENAME_NOREPLACE */
    list(".");
    T(unlink("a"));
    T(unlink("t"));
    show_links("b");
    read_through("sub/c");

    /* An open file loses its last name: it lives on, and no name can be given back. */
    T(unlink("sub/c"));
    fd = open("b", O_RDONLY);
    T(unlink("b"));
    struct stat st;
    fstat(fd, &st);
    printf("open, no name: nlink %ld\n", (long)st.st_nlink);
    T(linkat(fd, "", AT_FDCWD, "back", AT_EMPTY_PATH));
    char buf[32] = {0};
    printf("read: %ld \"%s\"\n", (long)read(fd, buf, sizeof(buf) - 1), buf);
    close(fd);
    list(".");

    /* O_TMPFILE: a file without a name, which linkat may name unless O_EXCL. */
    fd = TF(open(".", O_TMPFILE | O_RDWR, 0600));
    write(fd, "unnamed", 7);
    fstat(fd, &st);
    printf("O_TMPFILE: %s, nlink %ld, mode %04o\n", S_ISREG(st.st_mode) ? "regular" : "?",
           (long)st.st_nlink, st.st_mode & 07777);
    T(linkat(fd, "", AT_FDCWD, "named", AT_EMPTY_PATH));
    show_links("named");
    read_through("named");
    T(unlink("named"));
    T(linkat(fd, "", AT_FDCWD, "again", AT_EMPTY_PATH));
    close(fd);
    fd = TF(open(".", O_TMPFILE | O_WRONLY | O_EXCL, 0600));
    T(linkat(fd, "", AT_FDCWD, "excl", AT_EMPTY_PATH));
    close(fd);
    T(open(".", O_TMPFILE | O_RDONLY, 0600));
    T(open(".", O_TMPFILE | O_RDWR | O_CREAT, 0600));
    T(open(".", 020000000 | O_RDWR, 0600)); /* without O_DIRECTORY */
    close(open("file", O_WRONLY | O_CREAT, 0600));
    T(open("file", O_TMPFILE | O_RDWR, 0600));
    unlink("file");
    T(open("missing", O_TMPFILE | O_RDWR, 0600));
    list(".");

    unlink("s");
    unlink("s2");
    rmdir("sub");
    chdir("..");
    T(rmdir(DIR_NAME));
    return 0;
}
