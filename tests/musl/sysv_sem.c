/* Proves System V semaphores as Linux's: semget's limits (nsems 0 only to find a set, past semmsl
 * EINVAL before anything, more than the set has EINVAL but after EEXIST); IPC_INFO's limits and
 * IPC_STAT's fields (sem_nsems, sem_otime set by every successful semop, sem_ctime by SETVAL and
 * SETALL); semctl's values (SETVAL's ERANGE before its semnum's EINVAL, SETALL's ERANGE changing
 * nothing, GETPID, GETNCNT and GETZCNT, EFAULT for a bad array); semop's increments, decrements and
 * waits for zero, all or nothing (ERANGE and EAGAIN leave every value as it was), its checks in
 * Linux's order (the count, E2BIG past semopm before the array is read, EFAULT, then the id, then
 * EFBIG); semtimedop's timeout (EAGAIN) and a bad timespec (EINVAL, checked before the set is
 * looked at); EINTR from a timer signal with or without SA_RESTART (Linux never restarts semop);
 * SEM_UNDO's adjustment bounded by semaem, and cleared by SETVAL; the owner without privileges
 * (read lets GETVAL and a wait for zero through, not SETVAL nor a decrement); EINVAL after
 * IPC_RMID, but EFAULT first for IPC_SET's bad buffer. On i386 the direct calls (393, 394, 420) see
 * the sets musl reaches through ipc(2). Every set is removed. */
#define _GNU_SOURCE
#include "sysv.h"
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#ifdef __i386__
#define NR_SEMGET 393
#define NR_SEMCTL 394
#define NR_SEMTIMEDOP 420 /* semtimedop_time64: i386 has no direct semop */
#else
#define NR_SEMGET SYS_semget
#define NR_SEMCTL SYS_semctl
#define NR_SEMTIMEDOP SYS_semtimedop
#endif

/* IPC_STAT as the kernel takes it: musl's i386 IPC_STAT carries its time64 bit (0x100). */
#define STAT_CMD 2

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *info;
};

static union semun val(int v)
{
    return (union semun){.val = v};
}

static union semun buf(struct semid_ds *ds)
{
    return (union semun){.buf = ds};
}

static union semun arr(unsigned short *a)
{
    return (union semun){.array = a};
}

/* An id's value depends on the host's other sets: show only that it is one. */
static void all(int s, const char *what)
{
    unsigned short v[3] = {9, 9, 9};
    long r = semctl(s, 0, GETALL, arr(v));
    printf("%s: GETALL = %ld: %u %u %u\n", what, r, v[0], v[1], v[2]);
}

static void state(int s, const char *what)
{
    struct semid_ds ds;
    if (semctl(s, 0, IPC_STAT, buf(&ds)) < 0) {
        printf("%s: IPC_STAT -1 %s\n", what, errname(errno));
        return;
    }
    printf("%s: nsems %lu otime %s ctime %s\n", what, (unsigned long)ds.sem_nsems,
           when(ds.sem_otime), when(ds.sem_ctime));
}

/* One semop of up to two operations, shown as num:op:flags each. */
static long op2(int s, int n, short num0, short op0, short flg0, short num1, short op1, short flg1)
{
    struct sembuf o[2] = {{num0, op0, flg0}, {num1, op1, flg1}};
    long r = semop(s, o, n);
    printf("semop%s {%d %+d%s%s}", s < 0 ? "(-1)" : "", num0, op0,
           flg0 & IPC_NOWAIT ? " NOWAIT" : "", flg0 & SEM_UNDO ? " UNDO" : "");
    if (n > 1)
        printf(" {%d %+d%s%s}", num1, op1, flg1 & IPC_NOWAIT ? " NOWAIT" : "",
               flg1 & SEM_UNDO ? " UNDO" : "");
    printf(" = %ld%s%s\n", r, r < 0 ? " " : "", r < 0 ? errname(errno) : "");
    return r;
}

static long op(int s, short num, short change, short flg)
{
    return op2(s, 1, num, change, flg, 0, 0, 0);
}

/* semtimedop of one operation, with the timeout shown as seconds.nanoseconds. */
static long timed(int s, short num, short change, long sec, long nsec)
{
    struct timespec ts = {sec, nsec};
    long r = semtimedop(s, &(struct sembuf){num, change, 0}, 1, &ts);
    printf("semtimedop {%d %+d} timeout %ld.%09ld = %ld%s%s\n", num, change, sec, nsec, r,
           r < 0 ? " " : "", r < 0 ? errname(errno) : "");
    return r;
}

static void creation(key_t key)
{
    struct semid_ds ds;
    struct seminfo info;
    T(semget(IPC_PRIVATE, 0, 0600));
    T(semget(IPC_PRIVATE, -1, 0600));
    T(semget(IPC_PRIVATE, 32001, 0600));
    int big = TI(semget(IPC_PRIVATE, 32000, 0600));
    T(semctl(big, 0, IPC_RMID));
    T(semget(key, 3, 0600));
    int k = TI(semget(key, 3, IPC_CREAT | IPC_EXCL | 0640));
    T(semget(key, 3, IPC_CREAT | IPC_EXCL | 0600));
    T(semget(key, 4, IPC_CREAT | IPC_EXCL | 0600));
    T(semget(key, 4, 0));
    T(semget(key, 32001, 0));
    printf("semget(key, 0, 0) finds it: %d\n", semget(key, 0, 0) == k);
    printf("semget(key, 2, IPC_CREAT) finds it: %d\n", semget(key, 2, IPC_CREAT) == k);
    T(semctl(k, 0, IPC_STAT, buf(&ds)));
    printf("perm: key matches %d, uid %d gid %d cuid %d cgid %d (the caller's), mode %o\n",
           ds.sem_perm.__key == key, ds.sem_perm.uid == geteuid(), ds.sem_perm.gid == getegid(),
           ds.sem_perm.cuid == geteuid(), ds.sem_perm.cgid == getegid(), ds.sem_perm.mode);
    state(k, "fresh");
    all(k, "fresh");
    T(semctl(k, 2, GETPID));
    T(semctl(k, 2, GETNCNT));
    T(semctl(k, 2, GETZCNT));
    T(semctl(k, 0, IPC_RMID));
    T(semget(key, 0, 0));
    printf("IPC_INFO >= 0: %d\n", semctl(0, 0, IPC_INFO, (union semun){.info = &info}) >= 0);
    printf("semmsl %d semmns %d semopm %d semmni %d semvmx %d semaem %d\n", info.semmsl,
           info.semmns, info.semopm, info.semmni, info.semvmx, info.semaem);
}

static void values(int s)
{
    unsigned short set[3] = {1, 2, 3}, over[3] = {4, 32768, 6};
    T(semctl(s, 0, SETVAL, val(5)));
    T(semctl(s, 0, GETVAL));
    printf("GETPID is the caller: %d\n", semctl(s, 0, GETPID) == getpid());
    T(semctl(s, 1, GETPID));
    T(semctl(s, 1, SETVAL, val(32767)));
    T(semctl(s, 1, SETVAL, val(32768)));
    T(semctl(s, 1, SETVAL, val(-1)));
    T(semctl(s, 3, SETVAL, val(1)));
    T(semctl(s, 3, SETVAL, val(32768)));
    T(semctl(-1, 0, SETVAL, val(32768)));
    T(semctl(s, 3, GETVAL));
    T(semctl(s, -1, GETVAL));
    T(semctl(s, 0, 99));
    T(semctl(s, 0, SETALL, arr(set)));
    all(s, "after SETALL 1 2 3");
    T(semctl(s, 0, SETALL, arr(over)));
    all(s, "after SETALL 4 32768 6");
    T(semctl(s, 0, GETALL, arr((unsigned short *)1)));
    T(semctl(s, 0, SETALL, arr((unsigned short *)1)));
    T(syscall(NR_SEMCTL, s, 0, STAT_CMD, 1));
    T(semctl(s, 0, IPC_SET, buf((struct semid_ds *)1)));
    state(s, "after SETALL");
}

static void ops(int s)
{
    static struct sembuf many[501];
    unsigned short zero[3] = {0, 0, 0};
    T(semctl(s, 0, SETALL, arr(zero)));
    state(s, "before any semop");
    op(s, 0, 2, 0);
    state(s, "after one");
    op2(s, 2, 0, -1, 0, 1, 1, 0);
    all(s, "after {0 -1} {1 +1}");
    op(s, 2, 0, 0);
    op(s, 0, 0, IPC_NOWAIT);
    op2(s, 2, 1, 5, 0, 0, -2, IPC_NOWAIT);
    op2(s, 2, 2, 32767, 0, 2, 1, 0);
    all(s, "nothing changed");
    T(semop(s, many, 0));
    T(semop(s, many, 501));
    T(semop(s, (struct sembuf *)1, 501));
    for (int i = 0; i < 500; i++)
        many[i] = (struct sembuf){2, 0, 0};
    T(semop(s, many, 500));
    T(semop(s, (struct sembuf *)1, 1));
    op(s, 3, 1, 0);
    op(-1, 3, 1, 0);
    op(s, 3, 0, IPC_NOWAIT);
    timed(s, 0, -5, 0, 20000000);
    timed(s, 0, -5, 0, 0);
    timed(s, 0, 1, 0, 1000000000);
    timed(s, 0, 1, -1, 0);
    timed(s, 3, 1, -1, 0);
    T(semtimedop(s, &(struct sembuf){0, 1, 0}, 1, NULL));
    arm(0);
    op(s, 0, -5, 0);
    printf("SIGALRM caught: %d\n", fired);
    arm(SA_RESTART);
    op(s, 0, -5, 0);
    printf("SIGALRM caught, SA_RESTART: %d\n", fired);
    arm(SA_RESTART);
    op(s, 1, 0, 0);
    printf("SIGALRM caught, SA_RESTART: %d\n", fired);
    arm(SA_RESTART);
    timed(s, 0, -5, 5, 0);
    printf("SIGALRM caught, SA_RESTART: %d\n", fired);
    T(semctl(s, 0, GETNCNT));
    T(semctl(s, 1, GETZCNT));
    all(s, "after the waits");
}

/* semaem bounds a SEM_UNDO adjustment; SETVAL sets the semaphore's adjustments back to 0. */
static void undo(int s)
{
    T(semctl(s, 0, SETVAL, val(0)));
    op(s, 0, 2, SEM_UNDO);
    op(s, 0, -2, 0);
    op(s, 0, 32767, SEM_UNDO);
    T(semctl(s, 0, GETVAL));
    op(s, 0, 32767, 0);
    T(semctl(s, 0, SETVAL, val(0)));
    op(s, 0, 32767, SEM_UNDO);
    T(semctl(s, 0, GETVAL));
    op(s, 0, -32767, SEM_UNDO);
}

/* As the set's owner without privileges: root hands the set to nobody and takes that
 * effective uid and gid (the saved ones stay 0, to come back); a user already is its owner. */
static int unprivileged(int s)
{
    if (geteuid())
        return 0;
    struct semid_ds ds;
    semctl(s, 0, IPC_STAT, buf(&ds));
    ds.sem_perm.uid = ds.sem_perm.gid = 65534;
    if (semctl(s, 0, IPC_SET, buf(&ds)) || setresgid(-1, 65534, -1) || setresuid(-1, 65534, -1))
        printf("dropping privileges failed: %s\n", errname(errno));
    return 1;
}

static void permissions(key_t key)
{
    unsigned short v[2] = {0, 0};
    struct semid_ds ds;
    int s = TI(semget(key, 2, IPC_CREAT | IPC_EXCL | 0600));
    T(semctl(s, 0, SETVAL, val(1)));
    int dropped = unprivileged(s);
    semctl(s, 0, IPC_STAT, buf(&ds));
    ds.sem_perm.mode = 0400;
    T(semctl(s, 0, IPC_SET, buf(&ds)));
    printf("-- the owner, without privileges, mode 0400\n");
    T(semget(key, 2, 0200));
    printf("semget(key, 0, 0400) finds it: %d\n", semget(key, 0, 0400) == s);
    T(semctl(s, 0, GETVAL));
    T(semctl(s, 0, GETALL, arr(v)));
    T(semctl(s, 0, SETVAL, val(2)));
    T(semctl(s, 0, SETALL, arr(v)));
    op(s, 0, -1, IPC_NOWAIT);
    op(s, 0, 0, IPC_NOWAIT);
    op(s, 1, 0, IPC_NOWAIT);
    op(s, 5, 0, IPC_NOWAIT);
    ds.sem_perm.mode = 0200;
    printf("-- mode 0200\n");
    T(semctl(s, 0, IPC_SET, buf(&ds)));
    T(semctl(s, 0, IPC_STAT, buf(&ds)));
    T(semctl(s, 0, GETVAL));
    T(semctl(s, 0, GETPID));
    op(s, 1, 0, IPC_NOWAIT);
    op(s, 0, 1, IPC_NOWAIT);
    T(semctl(s, 0, IPC_RMID));
    if (dropped && (setresuid(-1, 0, -1) || setresgid(-1, 0, -1)))
        printf("taking root back failed: %s\n", errname(errno));
}

/* musl's i386 build goes through ipc(2); the direct calls must reach the same sets. */
static void direct(void)
{
#ifdef __i386__
    int ok = 1;
    struct semid_ds ds;
    long long ts64[2] = {0, 1000000};
    int s = syscall(NR_SEMGET, IPC_PRIVATE, 2, 0600);
    ok &= s >= 0 && syscall(NR_SEMCTL, s, 1, SETVAL, 7) == 0 && semctl(s, 1, GETVAL) == 7;
    ok &= syscall(NR_SEMTIMEDOP, s, &(struct sembuf){1, -3, 0}, 1, NULL) == 0;
    ok &= syscall(NR_SEMCTL, s, 1, GETVAL) == 4 && semctl(s, 1, GETVAL) == 4;
    ok &= syscall(NR_SEMTIMEDOP, s, &(struct sembuf){1, -5, 0}, 1, ts64) < 0 && errno == EAGAIN;
    ok &= syscall(NR_SEMCTL, s, 0, STAT_CMD, &ds) == 0 && ds.sem_nsems == 2;
    ok &= syscall(NR_SEMCTL, s, 0, IPC_RMID) == 0 && semctl(s, 0, GETVAL) < 0;
    printf("direct calls agree: %d\n", ok);
#else
    printf("direct calls agree: 1\n");
#endif
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    t0 = time(NULL);
    key_t key = 0x53000000 | getpid();
    creation(key);
    int s = TI(semget(IPC_PRIVATE, 3, 0600));
    values(s);
    ops(s);
    undo(s);
    state(s, "at the end");
    T(semctl(s, 0, IPC_RMID));
    op(s, 0, 1, 0);
    T(semctl(s, 0, GETVAL));
    T(semctl(s, 0, IPC_RMID));
    T(semctl(s, 0, IPC_SET, buf((struct semid_ds *)1)));
    T(semctl(s ^ 0x8000, 0, GETVAL));
    permissions(key);
    direct();
    return 0;
}
