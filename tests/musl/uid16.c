/* Proves i386's first id calls, the 16-bit ones (int $0x80, so from a 64-bit process too, as
 * Linux's IA32 emulation has them): ids above 65535 read as the overflow id 65534, a 16-bit -1
 * means "unchanged" (setresuid16, chown16, setfsuid16's query) and is no group (setgroups16:
 * EINVAL), getgroups16 writes 16-bit ids, and the 16-bit calls change the same credentials as
 * the 32-bit ones. It works in a scratch file under the working directory. */
#include "report.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

static long i386_call(long nr, long a, long b, long c)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

/* i386's numbers */
enum {
    LCHOWN16 = 16,
    SETUID16 = 23,
    GETUID16 = 24,
    GETEUID16 = 49,
    GETGROUPS16 = 80,
    SETGROUPS16 = 81,
    SETFSUID16 = 138,
    SETRESUID16 = 164,
    GETRESUID16 = 165,
    CHOWN16 = 182,
    SETGROUPS32 = 206,
    SETRESUID32 = 208
};

static void show_r(const char *what, long r)
{
    if (r < 0 && r > -4096)
        printf("%s = -1 %s\n", what, errname((int)-r));
    else
        printf("%s = %ld\n", what, r);
}
#define C(nr, a, b, c)                                                                             \
    show_r(#nr "(" #a ", " #b ", " #c ")", i386_call(nr, (long)(a), (long)(b), (long)(c)))

static uint32_t g32[2] = {7, 70000};
static uint16_t g16[4], res16[3], bad16 = 0xFFFF;

int main(void)
{
    C(GETUID16, 0, 0, 0);
    C(SETGROUPS32, 2, g32, 0);
    C(GETGROUPS16, 0, 0, 0);
    C(GETGROUPS16, 4, g16, 0);
    printf("groups: %u %u\n", g16[0], g16[1]);
    C(GETGROUPS16, 1, g16, 0);
    C(SETGROUPS16, 1, &bad16, 0);
    C(SETRESUID32, -1, 70000, -1);
    C(GETEUID16, 0, 0, 0);
    C(GETRESUID16, &res16[0], &res16[1], &res16[2]);
    printf("resuid: %u %u %u\n", res16[0], res16[1], res16[2]);
    C(SETFSUID16, 0xFFFF, 0, 0);
    C(SETRESUID16, 0xFFFF, 0, 0xFFFF);
    C(GETEUID16, 0, 0, 0);
    close(open("uid16.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644));
    C(CHOWN16, "uid16.tmp", 1000, 0xFFFF);
    C(LCHOWN16, "uid16.tmp", 0xFFFF, 50);
    struct stat st;
    stat("uid16.tmp", &st);
    printf("owner %u:%u\n", st.st_uid, st.st_gid);
    T(unlink("uid16.tmp"));
    C(SETUID16, 1000, 0, 0);
    C(GETUID16, 0, 0, 0);
    C(SETUID16, 0, 0, 0);
    return 0;
}
