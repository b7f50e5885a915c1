/* Proves the /proc/self files a program reads about its own image are Linux's: auxv is the
 * auxiliary vector exec built, pair for pair to its AT_NULL, kept when the program overwrites
 * its stack's copy (Linux reads a copy it saved); stat's startcode and endcode span the
 * executable segments' files (fields 26, 27), startstack is where argc lies (28), and
 * start_data and end_data (45, 46) are the highest segment's start and file end, as Linux's
 * load_elf_binary counts them from the program headers; status has Linux's lines for the
 * namespaces' ids, the locked, pinned, swapped and executable memory (VmExe those segments'
 * pages), NoNewPrivs (prctl's) and the context switches. */
#include "report.h"
#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <unistd.h>

#if __SIZEOF_POINTER__ == 8
typedef Elf64_Phdr phdr_t;
#else
typedef Elf32_Phdr phdr_t;
#endif

static char buf[8192];

static long slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
    if (fd >= 0)
        close(fd);
    if (n < 0)
        printf("%s: %s\n", path, errname(errno));
    buf[n < 0 ? 0 : n] = 0;
    return n;
}

/* The stack's auxiliary vector: past envp's NULL. */
static unsigned long *stack_auxv(char **envp)
{
    while (*envp)
        envp++;
    return (unsigned long *)(envp + 1);
}

static void auxv(char **envp)
{
    unsigned long *stack = stack_auxv(envp), pairs = 0;
    while (stack[2 * pairs])
        pairs++;
    pairs++; /* AT_NULL's */
    long n = slurp("/proc/self/auxv");
    printf("auxv: %s\n", n == (long)(pairs * 2 * sizeof(long)) && !memcmp(buf, stack, n)
                             ? "the stack's vector to its AT_NULL"
                             : "differs");
    printf("auxv has AT_PHDR, AT_ENTRY, AT_RANDOM: %d\n",
           getauxval(AT_PHDR) && getauxval(AT_ENTRY) && getauxval(AT_RANDOM));
    unsigned long entry = getauxval(AT_ENTRY);
    for (unsigned long *p = stack; *p; p += 2)
        if (p[0] == AT_ENTRY)
            p[1] = 0;
    slurp("/proc/self/auxv");
    int kept = 0;
    for (unsigned long *p = (unsigned long *)buf; *p; p += 2)
        kept |= p[0] == AT_ENTRY && p[1] == entry;
    printf("auxv after the stack's is overwritten: %s\n", kept ? "the same" : "changed");
}

/* The number on status's line for key, or -1. */
static long status_value(const char *key)
{
    slurp("/proc/self/status");
    for (char *l = buf; l; l = strchr(l, '\n'), l = l ? l + 1 : l)
        if (!strncmp(l, key, strlen(key)) && l[strlen(key)] == ':')
            return strtol(l + strlen(key) + 1, 0, 10);
    return -1;
}

static void status(unsigned long exe_kib)
{
    static const char *const zero[] = {"Ngid",   "VmLck",        "VmPin",
                                       "VmSwap", "HugetlbPages", "CoreDumping"};
    for (unsigned i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
        printf("status %s: %ld\n", zero[i], status_value(zero[i]));
    long pid = status_value("Pid");
    printf("status NStgid, NSpid: the pid %d\n",
           status_value("NStgid") == pid && status_value("NSpid") == pid);
    printf("status NSpgid, NSsid: getpgid's and getsid's %d\n",
           status_value("NSpgid") == getpgid(0) && status_value("NSsid") == getsid(0));
    printf("status VmExe: the executable segments' pages %d\n",
           status_value("VmExe") == (long)exe_kib);
    printf("status NoNewPrivs: %ld\n", status_value("NoNewPrivs"));
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    printf("status NoNewPrivs after prctl: %ld\n", status_value("NoNewPrivs"));
    printf("status voluntary_ctxt_switches, nonvoluntary_ctxt_switches: there %d\n",
           status_value("voluntary_ctxt_switches") >= 0 &&
               status_value("nonvoluntary_ctxt_switches") >= 0);
}

static void stat_fields(char **argv)
{
    slurp("/proc/self/stat");
    unsigned long long f[53] = {0};
    char *t = strtok(strrchr(buf, ')') + 2, " ");
    for (int i = 3; t && i < 53; i++, t = strtok(NULL, " "))
        f[i] = strtoull(t, 0, 10);
    const phdr_t *ph = (const phdr_t *)getauxval(AT_PHDR);
    unsigned long long sc = ~0ull, ec = 0, sd = 0, ed = 0;
#if __SIZEOF_POINTER__ == 4
    sc = ~0u;
#endif
    for (unsigned long i = 0; i < getauxval(AT_PHNUM); i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        unsigned long long end = ph[i].p_vaddr + ph[i].p_filesz;
        if (ph[i].p_flags & PF_X) {
            sc = ph[i].p_vaddr < sc ? ph[i].p_vaddr : sc;
            ec = end > ec ? end : ec;
        }
        sd = ph[i].p_vaddr > sd ? ph[i].p_vaddr : sd;
        ed = end > ed ? end : ed;
    }
    printf("startcode, endcode: %s\n",
           f[26] == sc && f[27] == ec ? "the executable segments'" : "differ");
    printf("startstack: %s\n", f[28] == (unsigned long)(argv - 1) ? "argc's place" : "differs");
    printf("start_data, end_data: %s\n",
           f[45] == sd && f[46] == ed ? "the last segment's" : "differ");
    status(ec > sc ? (((ec + 4095) & ~4095ull) - (sc & ~4095ull)) / 1024 : 0);
    if (f[26] != sc || f[27] != ec || f[45] != sd || f[46] != ed)
        printf("read %llx %llx %llx %llx, headers %llx %llx %llx %llx\n", f[26], f[27], f[45],
               f[46], sc, ec, sd, ed);
}

int main(int argc, char **argv, char **envp)
{
    (void)argc;
    auxv(envp);
    stat_fields(argv);
    return 0;
}
