/* Proves exit statuses propagate: `exit.elf HOW N` ends with syscall exit (1) or exit_group
 * (252) and status N; Linux keeps only the low 8 bits, so 298 ends as 42. */
#include "raw.h"

static uint32_t parse(const char *s)
{
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint32_t)(*s++ - '0');
    return v;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        put("usage: exit.elf exit|group STATUS\n");
        return 99;
    }
    uint32_t nr = r_streq(argv[1], "exit") ? __NR_exit : __NR_exit_group;
    put("exiting\n");
    sys1(nr, parse(argv[2]));
    put("still alive after exit\n");
    return 98;
}
