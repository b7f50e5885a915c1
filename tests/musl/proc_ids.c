/* Proves the small /proc files programs read for their ids and limits read as Linux's: sys/
 * kernel/random/uuid is a new version 4 UUID each read and boot_id the same one every read;
 * sys/kernel/pid_max and sys/vm/overcommit_memory hold Linux's defaults for one CPU (32768) and
 * heuristic overcommit (0), are root's to write (0644) and, as proc_dointvec's, read nothing from
 * further on than the start (boot_id does, as proc_dostring's), and the other sysctls programs
 * read Linux 6.1's (cap_last_cap, ngroups_max, overflowuid and overflowgid, random's
 * entropy_avail and poolsize, fs/nr_open and vm/max_map_count, read alike); self/personality is
 * the personality in 8 hex digits; self/stat's
 * exit_signal (field 38) is SIGCHLD's; self/oom_score is a number, and self/oom_score_adj takes
 * kstrtoint's numbers (blanks around, a sign, 0x hex, 0 octal; 12 bytes at most) from -1000 to
 * 1000 (EINVAL, ERANGE past int; '@' and '`' are no digits, 0xA0 is a blank, as in Linux's
 * ctype), and below the last set with CAP_SYS_RESOURCE (at first 0) only
 * with it, which an argument tries; its writes leave the file's position where it was. */
#include "report.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char buf[4096];

static const char *text(const char *path)
{
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
    if (fd >= 0)
        close(fd);
    buf[n < 0 ? 0 : n] = 0;
    if (n < 0)
        printf("%s: %s\n", path, errname(errno));
    return buf;
}

/* Is s a version 4 UUID in lower case, ended by a newline? */
static int uuid4(const char *s)
{
    for (int i = 0; i < 36; i++)
        if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-'
                                                    : !strchr("0123456789abcdef", s[i]) || !s[i])
            return 0;
    return s[14] == '4' && strchr("89ab", s[19]) && !strcmp(s + 36, "\n");
}

/* Write text to oom_score_adj and read it back. */
static void adj(const char *in)
{
    int fd = open("/proc/self/oom_score_adj", O_WRONLY);
    long n = write(fd, in, strlen(in));
    close(fd);
    printf("write \"");
    for (const char *c = in; *c; c++)
        printf(*c == '\n' ? "\\n" : *c & 0x80 ? "\\x%02x" : "%c", (unsigned char)*c);
    printf("\" = %ld %s: %s", n, n < 0 ? errname(errno) : "", text("/proc/self/oom_score_adj"));
}

enum { CAP_SYS_RESOURCE = 24, LINUX_CAPABILITY_VERSION_3 = 0x20080522 };

/* CAP_SYS_RESOURCE in the effective set, or not (it stays permitted). */
static void resource(int on)
{
    struct {
        unsigned version;
        int pid;
    } header = {LINUX_CAPABILITY_VERSION_3, 0};
    struct {
        unsigned effective, permitted, inheritable;
    } data[2];
    syscall(SYS_capget, &header, data);
    data[0].effective = on ? data[0].effective | 1u << CAP_SYS_RESOURCE
                           : data[0].effective & ~(1u << CAP_SYS_RESOURCE);
    T(syscall(SYS_capset, &header, data));
}

int main(int argc, char **argv)
{
    (void)argv;
    char first[64], boot[64];
    strcpy(first, text("/proc/sys/kernel/random/uuid"));
    printf("uuid: %s\n", uuid4(first) ? "a version 4 UUID" : first);
    printf("uuid again: %s\n",
           strcmp(first, text("/proc/sys/kernel/random/uuid")) ? "another" : "the same");
    strcpy(boot, text("/proc/sys/kernel/random/boot_id"));
    printf("boot_id: %s\n", uuid4(boot) ? "a version 4 UUID" : boot);
    printf("boot_id again: %s\n",
           strcmp(boot, text("/proc/sys/kernel/random/boot_id")) ? "another" : "the same");
    printf("pid_max: %s", text("/proc/sys/kernel/pid_max"));
    printf("overcommit_memory: %s", text("/proc/sys/vm/overcommit_memory"));
    static const char *const fixed[] = {"kernel/cap_last_cap",         "kernel/ngroups_max",
                                        "kernel/overflowuid",          "kernel/overflowgid",
                                        "kernel/random/entropy_avail", "kernel/random/poolsize"};
    for (unsigned i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        char path[64];
        snprintf(path, sizeof(path), "/proc/sys/%s", fixed[i]);
        printf("%s: %s", fixed[i], text(path));
    }
    /* a host's init may raise these two */
    printf("fs/nr_open: at least Linux's 1048576 %d\n",
           atol(text("/proc/sys/fs/nr_open")) >= 1048576);
    printf("vm/max_map_count: at least Linux's 65530 %d\n",
           atol(text("/proc/sys/vm/max_map_count")) >= 65530);
    static const char *const sysctls[] = {
        "/proc/sys/kernel/pid_max", "/proc/sys/vm/overcommit_memory",
        "/proc/sys/kernel/random/boot_id", "/proc/sys/fs/nr_open", "/proc/sys/kernel/cap_last_cap"};
    for (unsigned i = 0; i < sizeof(sysctls) / sizeof(sysctls[0]); i++) {
        struct stat st;
        int fd = open(sysctls[i], O_RDONLY);
        long n = stat(sysctls[i], &st) ? -1 : pread(fd, buf, sizeof(buf), 1);
        printf("%s: mode %o, read from byte 1: %ld\n", sysctls[i], st.st_mode & 07777, n);
        close(fd);
    }
    printf("personality: %s", text("/proc/self/personality"));
    T(personality(PER_LINUX32));
    printf("personality: %s", text("/proc/self/personality"));
    T(personality(0));
    const char *p = text("/proc/self/stat");
    p = strrchr(p, ')'); /* the fields after comm, from the state (3) on */
    for (int field = 2; p && field < 38; field++)
        p = strchr(p + 1, ' ');
    printf("exit_signal: %d\n", p ? atoi(p + 1) : -1);
    p = text("/proc/self/oom_score");
    printf("oom_score: %s\n", *p && strspn(p, "0123456789") == strlen(p) - 1 ? "a number" : p);
    printf("oom_score_adj: %s", text("/proc/self/oom_score_adj"));
    resource(0); /* as this host's root, which lacks it */
    static const char *const ins[] = {"500\n",
                                      "  0x10 ",
                                      "+12",
                                      "0777",
                                      "1000",
                                      "1001",
                                      "-1001",
                                      "abc",
                                      "",
                                      "-",
                                      "0x",
                                      "08",
                                      "1 2",
                                      "12a",
                                      "2147483647",
                                      "2147483648",
                                      "99999999999x",
                                      "-2147483648",
                                      "-2147483649",
                                      "0000000000001",
                                      "000000000002",
                                      "1@",
                                      "`",
                                      "0x@",
                                      "\2407\240",
                                      "-1",
                                      "0"};
    for (unsigned i = 0; i < sizeof(ins) / sizeof(ins[0]); i++)
        adj(ins[i]);
    int fd = open("/proc/self/oom_score_adj", O_RDWR); /* a write leaves the position at 0 */
    T(write(fd, "0\n", 2));
    T(read(fd, buf, sizeof(buf)));
    close(fd);
    if (argc > 1) { /* with CAP_SYS_RESOURCE, which sets the lowest a write without it may set */
        resource(1);
        adj("-5");
        resource(0);
        adj("-6");
        adj("-5");
        adj("3");
        resource(1);
        adj("0");
    }
    return 0;
}
