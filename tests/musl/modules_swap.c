/* Proves the module and swap calls behave as Linux's where moat stands: a kernel that loads no
 * code into itself is Linux with kernel.modules_disabled set (which this program sets first, as
 * an appliance's hardening would: 1 is taken again, 0 or another number is EINVAL), so
 * init_module, finit_module and delete_module refuse with EPERM before they look at their
 * arguments, and /proc/modules is empty; a machine whose files are all tmpfs's has nothing
 * swap can use: swapon checks its flags (EINVAL), the caller (EPERM) and the path (ENOENT,
 * EISDIR, EACCES...), then refuses a tmpfs file (EINVAL); swapoff finds no swap on it (EINVAL);
 * /proc/swaps lists nothing. moat only: on Linux it would disable the host's modules. Its
 * output is Linux's, as Debian's Linux i386 in QEMU gave it. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DISABLED "/proc/sys/kernel/modules_disabled"

static void cat(const char *path)
{
    char buf[512];
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = 0;
    printf("%s: %ld bytes: %s%s", path, n, buf, n > 0 && buf[n - 1] == '\n' ? "" : "\n");
}

static long put(const char *text)
{
    int fd = open(DISABLED, O_WRONLY);
    long n = write(fd, text, strlen(text));
    close(fd);
    return n;
}

static void module_calls(void)
{
    static const char image[64] = "\177ELF";
    T(syscall(SYS_init_module, image, sizeof(image), ""));
    T(syscall(SYS_init_module, (void *)8, 0, (void *)8));
    T(syscall(SYS_finit_module, 99, "", 0));
    T(syscall(SYS_finit_module, 0, (void *)8, -1));
    T(syscall(SYS_delete_module, "ext4", 0));
    T(syscall(SYS_delete_module, (void *)8, -1));
}

int main(void)
{
    puts("-- modules");
    T(put("1\n"));
    cat(DISABLED);
    T(put(" 01"));
    T(put("0\n"));
    T(put("2"));
    T(put("-1"));
    T(put("one"));
    T(put(""));
    cat(DISABLED);
    cat("/proc/modules");
    module_calls();
    T(seteuid(65534));
    module_calls();
    T(put("1"));
    T(seteuid(0));

    puts("-- swap");
    cat("/proc/swaps");
    T(mkdir("swapdir", 0755));
    int fd = open("swapfile", O_RDWR | O_CREAT | O_TRUNC, 0600);
    char page[4096] = {0};
    memcpy(page + 4086, "SWAPSPACE2", 10); /* a signature, which tmpfs never gets to */
    for (int i = 0; i < 16; i++)
        write(fd, page, sizeof(page));
    close(fd);
    T(syscall(SYS_swapon, "swapfile", 0x80000));
    T(syscall(SYS_swapon, "none", 0));
    T(syscall(SYS_swapon, "", 0));
    T(syscall(SYS_swapon, (void *)8, 0));
    T(syscall(SYS_swapon, "swapdir", 0));
    T(syscall(SYS_swapon, "swapfile", 0));
    T(syscall(SYS_swapon, "swapfile", 0x8000 | 5));
    T(syscall(SYS_swapoff, "swapfile"));
    T(syscall(SYS_swapoff, "none"));
    T(syscall(SYS_swapoff, "swapdir"));
    T(chmod("swapfile", 0444));
    T(seteuid(65534));
    T(syscall(SYS_swapon, "swapfile", 0));
    T(syscall(SYS_swapon, "swapfile", 0x80000));
    T(syscall(SYS_swapoff, "swapfile"));
    T(seteuid(0));
    T(syscall(SYS_swapon, "swapfile", 0)); /* root opens it all the same */
    cat("/proc/swaps");
    T(unlink("swapfile"));
    T(rmdir("swapdir"));
    return 0;
}
