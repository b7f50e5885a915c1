/* Proves System V shared memory as Linux's: shmget's sizes (0 to create EINVAL, more than the
 * segment has EINVAL, shm_segsz kept as asked, not rounded), IPC_EXCL, a missing key; IPC_INFO's
 * limits and IPC_STAT's fields (cpid, lpid, nattch, atime, dtime, ctime); attaches that start
 * zeroed, see each other's writes and keep the contents across a detach; the /proc/self/maps
 * line of an attach; SHM_RDONLY (a write is SIGSEGV, SEGV_ACCERR); a fixed address (EINVAL
 * misaligned or over a mapping, SHM_RND rounding down, SHM_REMAP replacing); shmdt only at an
 * attach's start, taking every piece of it (an mprotect split counts as two attaches);
 * IPC_RMID while attached (SHM_DEST, the key freed and read as 0, the memory still in use,
 * still attachable, removed again without error, gone after the last detach); bad ids and
 * buffers; the owner without privileges (EACCES to write or read as the mode says). On i386 the
 * direct calls (395-398) see the segments musl reaches through ipc(2). Every segment is
 * removed. */
#define _GNU_SOURCE
#include "sysv.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifdef __i386__
#define NR_SHMGET 395
#define NR_SHMCTL 396
#define NR_SHMAT 397
#define NR_SHMDT 398
#else
#define NR_SHMGET SYS_shmget
#define NR_SHMCTL SYS_shmctl
#define NR_SHMAT SYS_shmat
#define NR_SHMDT SYS_shmdt
#endif

/* IPC_STAT as the kernel takes it: musl's i386 IPC_STAT carries its time64 bit (0x100). */
#define STAT_CMD 2

static key_t key;
static sigjmp_buf back;
static volatile int fault_code;
static void *volatile fault_addr;
static char page[4096] __attribute__((aligned(4096)));

/* An id's value depends on the host's other segments: show only that it is one. */
/* An attach's address is the host's choice: show it against the one expected, if any. */
#define TA(call, want) show_at(#call, (call), want)
static char *show_at(const char *what, void *p, void *want)
{
    if (p == (void *)-1)
        printf("%s = -1 %s\n", what, errname(errno));
    else if (want)
        printf("%s = the address asked for: %d\n", what, p == want);
    else
        printf("%s = an address, page aligned: %d\n", what, ((uintptr_t)p & 4095) == 0);
    errno = 0;
    return p;
}

static void state(int s, const char *what)
{
    struct shmid_ds ds;
    if (shmctl(s, IPC_STAT, &ds) < 0) {
        printf("%s: IPC_STAT -1 %s\n", what, errname(errno));
        return;
    }
    printf("%s: segsz %lu nattch %lu mode %o key %s cpid %s lpid %s atime %s dtime %s ctime %s\n",
           what, (unsigned long)ds.shm_segsz, (unsigned long)ds.shm_nattch, ds.shm_perm.mode,
           ds.shm_perm.__key == key ? "ours"
           : ds.shm_perm.__key      ? "other"
                                    : "0",
           who(ds.shm_cpid), who(ds.shm_lpid), when(ds.shm_atime), when(ds.shm_dtime),
           when(ds.shm_ctime));
}

/* The attach's line in /proc/self/maps: its permissions and its path, the key masked. */
static void maps(const char *what, void *at)
{
    char line[512], want[32], perms[8] = "", path[256] = "", mine[16];
    FILE *f = fopen("/proc/self/maps", "r");
    snprintf(want, sizeof(want), "%lx-", (unsigned long)(uintptr_t)at);
    snprintf(mine, sizeof(mine), "/SYSV%08x", (unsigned)key);
    while (f && fgets(line, sizeof(line), f))
        if (!strncmp(line, want, strlen(want))) {
            sscanf(line, "%*s %7s %*s %*s %*s %255[^\n]", perms, path);
            break;
        }
    if (f)
        fclose(f);
    if (!strncmp(path, mine, strlen(mine)))
        printf("maps %s: %s /SYSV<key>%s\n", what, perms, path + strlen(mine));
    else
        printf("maps %s: %s %s\n", what, perms, path);
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_code = si->si_code;
    fault_addr = si->si_addr;
    siglongjmp(back, sig);
}

static void creation(void)
{
    struct shminfo info;
    T(shmget(IPC_PRIVATE, 0, 0600));
    T(shmget(key, 4096, 0600));
    int k = TI(shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0640));
    T(shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600));
    T(shmget(key, 0, IPC_CREAT | IPC_EXCL | 0600));
    T(shmget(key, 8193, 0));
    T(shmget(key, 8193, IPC_CREAT | 0600));
    printf("shmget(key, 0, 0) finds it: %d\n", shmget(key, 0, 0) == k);
    printf("shmget(key, 100, IPC_CREAT) finds it: %d\n", shmget(key, 100, IPC_CREAT) == k);
    struct shmid_ds ds;
    T(shmctl(k, IPC_STAT, &ds));
    printf("perm: uid %d gid %d cuid %d cgid %d (the caller's)\n", ds.shm_perm.uid == geteuid(),
           ds.shm_perm.gid == getegid(), ds.shm_perm.cuid == geteuid(),
           ds.shm_perm.cgid == getegid());
    state(k, "fresh");
    T(shmctl(k, IPC_RMID, NULL));
    T(shmget(key, 0, 0));
    int p = TI(shmget(IPC_PRIVATE, 5000, 0600));
    state(p, "5000 bytes");
    T(shmctl(p, IPC_RMID, NULL));
    printf("IPC_INFO >= 0: %d\n", shmctl(0, IPC_INFO, (struct shmid_ds *)&info) >= 0);
    printf("shmmin %lu shmmni %lu shmseg %lu\n", (unsigned long)info.shmmin,
           (unsigned long)info.shmmni, (unsigned long)info.shmseg);
}

static void attaches(int s)
{
    char *a = TA(shmat(s, NULL, 0), NULL);
    int zero = 1;
    for (int i = 0; i < 8192; i++)
        zero &= !a[i];
    printf("zero at first: %d\n", zero);
    char *b = TA(shmat(s, NULL, 0), NULL);
    printf("two attaches, two addresses: %d\n", a != b);
    a[0] = 'x';
    b[4999] = 'y';
    printf("each sees the other's writes: %d\n", b[0] == 'x' && a[4999] == 'y');
    state(s, "two attaches");
    maps("rw", a);
    T(mprotect(a + 4096, 4096, PROT_READ));
    state(s, "one split in two");
    T(shmdt(a + 4096));
    T(shmdt(a));
    state(s, "shmdt of the split one");
    T(shmdt(b + 1));
    T(shmdt(page));
    T(shmdt(b));
    T(shmdt(b));
    state(s, "none");
    char *c = TA(shmat(s, NULL, 0), NULL);
    printf("the contents stayed: %d\n", c[0] == 'x' && c[4999] == 'y');
    T(shmdt(c));
}

static void read_only(int s)
{
    char *r = TA(shmat(s, NULL, SHM_RDONLY), NULL);
    maps("SHM_RDONLY", r);
    printf("reads %c\n", r[0]);
    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, NULL);
    int sig = sigsetjmp(back, 1);
    if (!sig)
        *(volatile char *)(r + 10) = 'z';
    printf("a write: %s si_code %d, at the address written: %d\n",
           sig == SIGSEGV ? "SIGSEGV" : "no signal", fault_code, fault_addr == r + 10);
    signal(SIGSEGV, SIG_DFL);
    T(mprotect(r, 4096, PROT_READ | PROT_WRITE));
    T(madvise(r, 4096, MADV_REMOVE));
    T(shmdt(r));
    char *w = TA(shmat(s, NULL, 0), NULL);
    w[1] = 'd';
    T(madvise(w, 4096, MADV_DONTNEED));
    printf("after MADV_DONTNEED the data stays: %d\n", w[1] == 'd');
    T(madvise(w, 4096, MADV_FREE));
    T(shmdt(w));
}

static void fixed(int s)
{
    char *c = TA(shmat(s, NULL, 0), NULL);
    T(shmat(s, c, 0));
    T(shmdt(c));
    TA(shmat(s, c + 1, 0), NULL);
    TA(shmat(s, c + 1, SHM_RND), c);
    TA(shmat(s, c, 0), NULL);
    TA(shmat(s, NULL, SHM_REMAP), NULL);
    TA(shmat(s, c + 1, SHM_RND | SHM_REMAP), c);
    state(s, "remapped over itself");
    T(shmdt(c));
    state(s, "detached");
}

static void removal(int s)
{
    struct shmid_ds ds;
    char *a = TA(shmat(s, NULL, 0), NULL);
    char *b = TA(shmat(s, NULL, SHM_RDONLY), NULL);
    T(shmctl(s, IPC_RMID, NULL));
    state(s, "removed, two attaches");
    T(shmget(key, 0, 0));
    int again = TI(shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600));
    printf("a new segment under the key: %d\n", again != s);
    T(shmctl(again, IPC_RMID, NULL));
    a[1] = 'w';
    printf("the memory still works: %d\n", b[1] == 'w' && b[0] == 'x');
    maps("removed", a);
    char *c = TA(shmat(s, NULL, 0), NULL);
    state(s, "attached after removal");
    T(shmctl(s, IPC_RMID, NULL));
    T(shmctl(s, IPC_STAT, &ds));
    ds.shm_perm.mode = 0640;
    T(shmctl(s, IPC_SET, &ds));
    state(s, "after IPC_SET");
    T(shmdt(a));
    T(shmdt(b));
    state(s, "one attach left");
    T(shmdt(c));
    T(shmctl(s, IPC_STAT, &ds));
    T(shmat(s, NULL, 0));
    T(shmctl(s, IPC_RMID, NULL));
}

static void refusals(int s)
{
    T(shmat(-1, NULL, 0));
    T(shmat(s ^ 0x8000, NULL, 0));
    T(shmctl(s, 99, NULL));
    T(shmctl(s, -1, NULL));
    T(shmctl(-1, IPC_STAT, NULL));
    T(shmctl(s ^ 0x8000, IPC_RMID, NULL));
    T(syscall(NR_SHMCTL, s, STAT_CMD, 1));
    T(shmctl(s, IPC_SET, (struct shmid_ds *)1));
}

/* As the segment's owner without privileges: root hands the segment to nobody and takes that
 * effective uid and gid (the saved ones stay 0, to come back); a user already is its owner. */
static int unprivileged(int s)
{
    if (geteuid())
        return 0;
    struct shmid_ds ds;
    shmctl(s, IPC_STAT, &ds);
    ds.shm_perm.uid = ds.shm_perm.gid = 65534;
    if (shmctl(s, IPC_SET, &ds) || setresgid(-1, 65534, -1) || setresuid(-1, 65534, -1))
        printf("dropping privileges failed: %s\n", errname(errno));
    return 1;
}

static void permissions(void)
{
    struct shmid_ds ds;
    int s = TI(shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600));
    int dropped = unprivileged(s);
    shmctl(s, IPC_STAT, &ds);
    ds.shm_perm.mode = 0400;
    T(shmctl(s, IPC_SET, &ds));
    printf("-- the owner, without privileges, mode 0400\n");
    T(shmget(key, 0, 0200));
    printf("shmget(key, 0, 0400) finds it: %d\n", shmget(key, 0, 0400) == s);
    T(shmat(s, NULL, 0));
    char *r = TA(shmat(s, NULL, SHM_RDONLY), NULL);
    T(shmdt(r));
    ds.shm_perm.mode = 0200;
    printf("-- mode 0200\n");
    T(shmctl(s, IPC_SET, &ds));
    T(shmctl(s, IPC_STAT, &ds));
    T(shmat(s, NULL, SHM_RDONLY));
    T(shmat(s, NULL, 0));
    T(shmctl(s, IPC_RMID, NULL));
    if (dropped && (setresuid(-1, 0, -1) || setresgid(-1, 0, -1)))
        printf("taking root back failed: %s\n", errname(errno));
}

/* musl's i386 build goes through ipc(2); the direct calls must reach the same segments. */
static void direct(void)
{
#ifdef __i386__
    int ok = 1;
    struct shmid_ds ds;
    int s = syscall(NR_SHMGET, IPC_PRIVATE, 4096, 0600);
    char *a = (char *)syscall(NR_SHMAT, s, NULL, 0);
    char *b = shmat(s, NULL, 0);
    ok &= s >= 0 && a != (void *)-1 && b != (void *)-1 && a != b;
    a[0] = 'd';
    ok &= b[0] == 'd' && syscall(NR_SHMCTL, s, STAT_CMD, &ds) == 0 && ds.shm_nattch == 2;
    ok &= syscall(NR_SHMDT, a) == 0 && shmdt(b) == 0 && syscall(NR_SHMDT, b) < 0;
    ok &= syscall(NR_SHMCTL, s, IPC_RMID, NULL) == 0 && shmctl(s, IPC_STAT, &ds) < 0;
    printf("direct calls agree: %d\n", ok);
#else
    printf("direct calls agree: 1\n");
#endif
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    t0 = time(NULL);
    key = 0x68000000 | getpid();
    creation();
    int s = TI(shmget(key, 5000, IPC_CREAT | IPC_EXCL | 0600));
    attaches(s);
    read_only(s);
    fixed(s);
    refusals(s);
    removal(s);
    permissions();
    direct();
    return 0;
}
