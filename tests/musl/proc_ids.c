/* Proves the small /proc files programs read for their ids and limits read as Linux's: sys/
 * kernel/random/uuid is a new version 4 UUID each read and boot_id the same one every read;
 * sys/kernel/pid_max and sys/vm/overcommit_memory hold Linux's defaults for one CPU (32768) and
 * heuristic overcommit (0); self/personality is the personality in 8 hex digits; and self/stat's
 * exit_signal (field 38) is SIGCHLD's. */
#include "report.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
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

int main(void)
{
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
    printf("personality: %s", text("/proc/self/personality"));
    T(personality(PER_LINUX32));
    printf("personality: %s", text("/proc/self/personality"));
    T(personality(0));
    const char *p = text("/proc/self/stat");
    p = strrchr(p, ')'); /* the fields after comm, from the state (3) on */
    for (int field = 2; p && field < 38; field++)
        p = strchr(p + 1, ' ');
    printf("exit_signal: %d\n", p ? atoi(p + 1) : -1);
    return 0;
}
