/* Proves Linux's credentials and the permission checks that read them. As root: the four
 * uids, supplementary groups kept sorted, setfsuid taking the file capabilities away and back,
 * an effective uid given up and taken back (access() still answers for the real uid), and
 * keepcaps keeping the permitted set through setresuid. Then, for good, as uid 1000 with
 * no capability: the owner's, the group's and the others' bits, search permission on the
 * way, creating and removing in a directory one may not write, the sticky bit, chmod and
 * chown by the owner only, utimensat's two rules, set-user-ID lost on a write, and the
 * privileged calls refused (EPERM). Last, a set-user-ID-root copy of this program runs with
 * effective uid 0, AT_SECURE and root's capabilities, and cleans up. It works in scratch
 * files under the working directory. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* capget's and capset's structures (linux/capability.h, which the musl tree lacks). */
struct cap_header {
    unsigned version;
    int pid;
};
struct cap_data {
    unsigned effective, permitted, inheritable;
};
#define CAP_VERSION_3 0x20080522
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1

#define D "creds.d"
static const char *const files[] = {D "/secret",     D "/open", D "/sticky/root", D "/sticky/mine",
                                    D "/sticky/new", D "/mine", D "/suid",        D "/locked/x"};
static const char *const dirs[] = {D "/sticky", D "/locked", D "/sub", D};

static void clean(void)
{
    for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        unlink(files[i]);
    for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        rmdir(dirs[i]);
}

static void ids(void)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    printf("uids %u %u %u fsuid %d, gids %u %u %u\n", r, e, s, setfsuid(-1), gr, ge, gs);
}

/* The capability sets, as facts (a host's bounding set is its own). */
static void caps(const char *when)
{
    struct cap_header h = {CAP_VERSION_3, 0};
    struct cap_data d[2];
    syscall(SYS_capget, &h, d);
    unsigned long long eff = d[0].effective | (unsigned long long)d[1].effective << 32;
    unsigned long long prm = d[0].permitted | (unsigned long long)d[1].permitted << 32;
    printf("%s: permitted %s, effective %s, DAC_OVERRIDE %s\n", when, prm ? "some" : "none",
           !eff         ? "none"
           : eff == prm ? "= permitted"
                        : "part",
           eff >> CAP_DAC_OVERRIDE & 1 ? "on" : "off");
}

/* /proc/self/status, opened while root: read again from the start, it is made anew. (Opened
 * later, it would need search permission on "/", which a root made by mktemp lacks.) */
static int status_fd = -1;

static void status_lines(void)
{
    static char buf[4096];
    lseek(status_fd, 0, SEEK_SET);
    long n = read(status_fd, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    for (char *l = buf, *end; *l; l = end + 1) {
        if (!(end = strchr(l, '\n')))
            break;
        if (!strncmp(l, "Uid:", 4) || !strncmp(l, "Gid:", 4) || !strncmp(l, "Groups:", 7))
            printf("%.*s\n", (int)(end - l), l);
    }
}

static void put(const char *path, mode_t mode, uid_t uid)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    write(fd, "data", 4);
    fchmod(fd, mode);
    fchown(fd, uid, uid);
    close(fd);
}

static int suid_child(void)
{
    printf("set-user-ID child: ");
    ids();
    printf("AT_SECURE %lu\n", getauxval(AT_SECURE));
    struct rlimit rl;
    getrlimit(RLIMIT_STACK, &rl);
    printf("ADDR_NO_RANDOMIZE %s, stack limit %lu MiB\n",
           personality(0xffffffff) & ADDR_NO_RANDOMIZE ? "kept" : "cleared",
           (unsigned long)(rl.rlim_cur >> 20));
    caps("child");
    T(open(D "/secret", O_RDONLY) >= 0);
    clean();
    T(access(D, F_OK));
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* nothing left in a buffer at execve */
    if (argc > 1)
        return suid_child();
    if (getuid()) {
        printf("needs root\n");
        return 1;
    }
    status_fd = open("/proc/self/status", O_RDONLY);
    clean();
    umask(0);
    mkdir(D, 0755);
    mkdir(D "/sticky", 01777);
    mkdir(D "/locked", 0700);
    put(D "/secret", 0600, 0);
    put(D "/open", 0644, 0);
    put(D "/sticky/root", 0644, 0);
    put(D "/locked/x", 0644, 0);
    int self = open("/proc/self/exe", O_RDONLY), copy = open(D "/suid", O_WRONLY | O_CREAT, 0755);
    static char buf[65536];
    long n;
    while ((n = read(self, buf, sizeof(buf))) > 0)
        write(copy, buf, (size_t)n);
    close(copy);
    chmod(D "/suid", 04755);

    ids();
    caps("root");
    gid_t set[] = {100, 50, 100}, got[8];
    T(setgroups(3, set));
    int k = getgroups(8, got);
    printf("getgroups = %d:", k);
    for (int i = 0; i < k; i++)
        printf(" %u", got[i]);
    printf("\n");
    T(getgroups(1, got));
    gid_t bad[] = {5, (gid_t)-1};
    T(setgroups(2, bad));

    printf("-- setfsuid\n");
    T(setfsuid(1000));
    caps("fsuid 1000");
    T(open(D "/secret", O_RDONLY));
    T(setfsuid(0));
    caps("fsuid 0");
    T(open(D "/secret", O_RDONLY) >= 0);

    printf("-- effective uid 1000\n");
    T(setresuid(-1, 1000, -1));
    ids();
    caps("euid 1000");
    T(open(D "/secret", O_RDONLY));
    T(access(D "/secret", R_OK));
    T(faccessat(AT_FDCWD, D "/secret", R_OK, AT_EACCESS));
    T(setresuid(-1, 0, -1));
    caps("euid 0 again");

    printf("-- keepcaps\n");
    T(setresgid(1000, 1000, 1000));
    T(prctl(PR_SET_KEEPCAPS, 1));
    T(prctl(PR_SET_PDEATHSIG, 9));
    T(setresuid(1000, 1000, 1000));
    ids();
    caps("uid 1000, keepcaps");
    T(prctl(PR_GET_KEEPCAPS));
    int sig = -1;
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("pdeathsig after setresuid: %d\n", sig);
    T(prctl(PR_GET_SECUREBITS));
    struct cap_header h = {CAP_VERSION_3, 0};
    struct cap_data d[2] = {{1u << CAP_DAC_OVERRIDE, 1u << CAP_DAC_OVERRIDE, 0}};
    T(syscall(SYS_capset, &h, d));
    caps("DAC_OVERRIDE only");
    T(open(D "/secret", O_RDONLY) >= 0);
    d[0].effective = d[0].permitted = 1u << CAP_CHOWN;
    T(syscall(SYS_capset, &h, d));
    memset(d, 0, sizeof(d));
    T(syscall(SYS_capset, &h, d));
    caps("none");
    status_lines();

    printf("-- uid 1000\n");
    T(setuid(0));
    T(seteuid(0));
    T(setfsuid(0));
    T(setgid(0));
    T(setgroups(0, NULL));
    T(open(D "/secret", O_RDONLY));
    T(open(D "/open", O_RDONLY) >= 0);
    T(open(D "/open", O_WRONLY));
    T(open(D "/open", O_RDONLY | O_TRUNC));
    T(truncate(D "/open", 0));
    T(open(D "/new", O_WRONLY | O_CREAT, 0644));
    T(mkdir(D "/sub", 0755));
    T(unlink(D "/open"));
    T(rename(D "/open", D "/moved"));
    T(symlink("x", D "/link"));
    T(chdir(D "/locked"));
    T(access(D "/locked/x", F_OK));
    T(open(D "/locked", O_RDONLY | O_DIRECTORY));
    T(execve(D "/open", argv, NULL));
    T(unlink(D "/."));
    int ro = open(D "/open", O_RDONLY);
    T(fcntl(ro, F_SETFL, O_NOATIME));

    printf("-- the sticky directory\n");
    put(D "/sticky/mine", 0644, -1);
    struct stat st;
    T(stat(D "/sticky/mine", &st));
    printf("mine: uid %u gid %u\n", st.st_uid, st.st_gid);
    T(unlink(D "/sticky/root"));
    T(rename(D "/sticky/root", D "/sticky/new"));
    T(rename(D "/sticky/mine", D "/sticky/new"));
    T(unlink(D "/sticky/new"));

    printf("-- ownership\n");
    put(D "/sticky/mine", 0644, -1);
    T(chmod(D "/open", 0666));
    T(chown(D "/sticky/mine", 0, -1));
    T(chown(D "/sticky/mine", 1000, -1));
    T(chown(D "/sticky/mine", -1, 50));
    T(chown(D "/sticky/mine", -1, 7));
    T(chmod(D "/sticky/mine", 02755));
    T(stat(D "/sticky/mine", &st));
    printf("mode %o gid %u\n", st.st_mode & 07777, st.st_gid);
    T(chown(D "/sticky/mine", -1, 1000));
    T(chmod(D "/sticky/mine", 06755));
    int fd = open(D "/sticky/mine", O_WRONLY);
    write(fd, "x", 1);
    close(fd);
    T(stat(D "/sticky/mine", &st));
    printf("after a write: mode %o\n", st.st_mode & 07777);
    T(chmod(D "/sticky/mine", 06755));
    T(truncate(D "/sticky/mine", 0));
    T(stat(D "/sticky/mine", &st));
    printf("after a truncate: mode %o\n", st.st_mode & 07777);
    close(open(D "/sticky/new", O_WRONLY | O_CREAT | O_TRUNC, 06755));
    T(stat(D "/sticky/new", &st));
    printf("created with O_TRUNC: mode %o\n", st.st_mode & 07777);
    T(unlink(D "/sticky/new"));
    T(utimensat(AT_FDCWD, D "/open", NULL, 0));
    struct timespec ts[2] = {{1, 0}, {2, 0}};
    T(utimensat(AT_FDCWD, D "/open", ts, 0));
    T(utimensat(AT_FDCWD, D "/sticky/mine", ts, 0));
    T(unlink(D "/sticky/mine"));

    printf("-- privileged calls\n");
    T(sethostname("x", 1));
    T(sethostname("x", -1));
    T(klogctl(5, NULL, 0));                    /* SYSLOG_ACTION_CLEAR */
    T(syscall(SYS_ioprio_set, 1, 0, 1 << 13)); /* the process, real time */
    T(prctl(PR_CAPBSET_DROP, 99));
    T(chroot("."));
    T(mknod(D "/sticky/dev", S_IFCHR | 0600, makedev(1, 3)));
    T(reboot(RB_ENABLE_CAD));
    T(unshare(CLONE_NEWNS));
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_max++;
    T(setrlimit(RLIMIT_NOFILE, &rl));
    T(nice(-1));
    T(prctl(PR_CAPBSET_DROP, CAP_CHOWN));
    T(prctl(PR_GET_DUMPABLE));

    printf("-- a set-user-ID root program\n");
    char *child[] = {"suid", "child", NULL};
    personality(ADDR_NO_RANDOMIZE);
    getrlimit(RLIMIT_STACK, &rl);
    rl.rlim_cur = 64 << 20;
    setrlimit(RLIMIT_STACK, &rl);
    T(execve(D "/suid", child, NULL));
    return 1;
}
