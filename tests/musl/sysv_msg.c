/* Proves System V message queues as Linux's: msgget's creation rules (IPC_EXCL, a missing key,
 * a key found again, the requested mode checked against the queue's); IPC_INFO's limits and
 * IPC_STAT's fields after each step; messages taken by type (0, a type, the lowest up to -type,
 * MSG_EXCEPT), E2BIG or MSG_NOERROR's truncation, ENOMSG; msgsnd's checks in Linux's order
 * (the header read first, then the size, the type, the body, the id); a queue full by bytes and
 * by count (msg_qbytes bounds both), EAGAIN with IPC_NOWAIT and EINTR from a timer signal with
 * or without SA_RESTART (Linux restarts neither call); MSG_COPY; msgrcv into a bad buffer, which
 * loses the message; EINVAL for a gone id and for a stale one (the same slot, another
 * sequence: Linux says EIDRM only to a caller that raced with the removal); the owner without
 * privileges (EACCES, EPERM for msg_qbytes past msgmnb). On i386 the direct calls (399-402) see the
 * queues musl reaches through ipc(2). Every queue is removed. */
#define _GNU_SOURCE
#include "sysv.h"
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#ifdef __i386__
#define NR_MSGGET 399
#define NR_MSGSND 400
#define NR_MSGRCV 401
#define NR_MSGCTL 402
#else
#define NR_MSGGET SYS_msgget
#define NR_MSGSND SYS_msgsnd
#define NR_MSGRCV SYS_msgrcv
#define NR_MSGCTL SYS_msgctl
#endif

/* IPC_STAT as the kernel takes it: musl's i386 IPC_STAT carries its time64 bit (0x100). */
#define STAT_CMD 2

#ifndef MSG_COPY
#define MSG_COPY 040000 /* Linux's; musl's header lacks it */
#endif

struct msg {
    long type;
    char text[8200];
};

static struct msg m;

/* An id's value depends on the host's other queues: show only that it is one. */
static void state(int q, const char *what)
{
    struct msqid_ds ds;
    if (msgctl(q, IPC_STAT, &ds) < 0) {
        printf("%s: IPC_STAT -1 %s\n", what, errname(errno));
        return;
    }
    printf("%s: qnum %lu cbytes %lu qbytes %lu lspid %s lrpid %s stime %s rtime %s\n", what,
           (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes,
           who(ds.msg_lspid), who(ds.msg_lrpid), when(ds.msg_stime), when(ds.msg_rtime));
}

static long snd(int q, long type, const char *text, int flags)
{
    m.type = type;
    strcpy(m.text, text);
    long r = msgsnd(q, &m, strlen(text), flags);
    printf("msgsnd type %ld \"%s\"%s = %ld%s%s\n", type, text, flags & IPC_NOWAIT ? " NOWAIT" : "",
           r, r < 0 ? " " : "", r < 0 ? errname(errno) : "");
    return r;
}

static long rcv(int q, size_t size, long type, int flags)
{
    memset(&m, 0, sizeof(m));
    long r = msgrcv(q, &m, size, type, flags);
    printf("msgrcv size %zu type %ld%s%s%s%s = %ld", size, type,
           flags & IPC_NOWAIT ? " NOWAIT" : "", flags & MSG_EXCEPT ? " EXCEPT" : "",
           flags & MSG_NOERROR ? " NOERROR" : "", flags & MSG_COPY ? " COPY" : "", r);
    if (r < 0)
        printf(" %s\n", errname(errno));
    else
        printf(" type %ld \"%.*s\"\n", m.type, (int)r, m.text);
    return r;
}

static void creation(key_t key)
{
    struct msginfo info;
    int a = TI(msgget(IPC_PRIVATE, 0600));
    int b = TI(msgget(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600));
    printf("two private queues differ: %d\n", a != b);
    T(msgget(key, 0600));
    int k = TI(msgget(key, IPC_CREAT | IPC_EXCL | 0640));
    T(msgget(key, IPC_CREAT | IPC_EXCL | 0600));
    printf("msgget(key, 0) finds it: %d\n", msgget(key, 0) == k);
    printf("msgget(key, IPC_CREAT | 0600) finds it: %d\n", msgget(key, IPC_CREAT | 0600) == k);
    struct msqid_ds ds;
    T(msgctl(k, IPC_STAT, &ds));
    printf("perm: key matches %d, uid %d gid %d cuid %d cgid %d (the caller's), mode %o\n",
           ds.msg_perm.__key == key, ds.msg_perm.uid == geteuid(), ds.msg_perm.gid == getegid(),
           ds.msg_perm.cuid == geteuid(), ds.msg_perm.cgid == getegid(), ds.msg_perm.mode);
    printf("fresh: ctime %s\n", when(ds.msg_ctime));
    state(k, "fresh");
    T(msgctl(k, IPC_RMID, NULL));
    T(msgget(key, 0));
    T(msgctl(a, IPC_RMID, NULL));
    T(msgctl(b, IPC_RMID, NULL));
    printf("IPC_INFO >= 0: %d\n", msgctl(0, IPC_INFO, (struct msqid_ds *)&info) >= 0);
    printf("msgmax %d msgmnb %d msgmni %d msgssz %d msgseg %d\n", info.msgmax, info.msgmnb,
           info.msgmni, info.msgssz, info.msgseg);
}

static void by_type(int q)
{
    snd(q, 1, "one", 0);
    snd(q, 2, "two", 0);
    snd(q, 3, "three", 0);
    snd(q, 1, "uno", 0);
    state(q, "four sent");
    rcv(q, 64, 2, 0);
    rcv(q, 64, -3, 0);
    rcv(q, 64, 1, MSG_EXCEPT);
    rcv(q, 64, 5, IPC_NOWAIT);
    state(q, "three taken");
    rcv(q, 64, 0, 0);
    rcv(q, 64, 0, IPC_NOWAIT);
    snd(q, 7, "truncate me", 0);
    rcv(q, 4, 0, IPC_NOWAIT);
    state(q, "after E2BIG");
    rcv(q, 4, 0, MSG_NOERROR);
    state(q, "after MSG_NOERROR");
}

/* The buffer m, with its type set: the call's text then shows the type it sends. */
static struct msg *typed(long type)
{
    m.type = type;
    return &m;
}

static void refusals(int q)
{
    struct msg *bad = (struct msg *)1;
    T(msgsnd(q, typed(1), 8193, 0));
    T(msgsnd(q, typed(0), 1, 0));
    T(msgsnd(q, typed(-1), 1, 0));
    T(msgsnd(q, typed(1), (size_t)-1, 0));
    T(msgsnd(q, bad, 1, 0));
    T(msgsnd(-1, bad, 1, 0));
    T(msgsnd(-1, typed(1), 1, 0));
    memset(m.text, 'x', 8192);
    T(msgsnd(q, typed(1), 8192, 0));
    T(msgrcv(q, &m, 8192, 0, 0));
    T(msgrcv(-1, &m, 1, 0, IPC_NOWAIT));
    T(msgrcv(q, &m, (size_t)-1, 0, IPC_NOWAIT));
    snd(q, 4, "lost", 0);
    T(msgrcv(q, bad, 64, 0, IPC_NOWAIT));
    state(q, "after msgrcv into a bad buffer");
    T(msgctl(q, 99, NULL));
    T(msgctl(q, -1, NULL));
    T(msgctl(-1, IPC_STAT, NULL));
    T(syscall(NR_MSGCTL, q, STAT_CMD, bad));
    T(msgctl(q, IPC_SET, (struct msqid_ds *)bad));
    /* The same slot with another sequence number: a stale id. */
    T(msgctl(q ^ 0x8000, IPC_STAT, NULL));
    T(msgsnd(q ^ 0x8000, typed(1), 1, IPC_NOWAIT));
}

static void set_qbytes(int q, unsigned long bytes)
{
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    ds.msg_qbytes = bytes;
    long r = msgctl(q, IPC_SET, &ds);
    printf("IPC_SET msg_qbytes %lu = %ld%s%s\n", bytes, r, r < 0 ? " " : "",
           r < 0 ? errname(errno) : "");
}

static void full(int q)
{
    set_qbytes(q, 20);
    snd(q, 1, "0123456789", 0);
    snd(q, 2, "abcdefghij", IPC_NOWAIT);
    snd(q, 3, "z", IPC_NOWAIT);
    state(q, "full by bytes");
    arm(0);
    snd(q, 3, "z", 0);
    printf("SIGALRM caught: %d\n", fired);
    arm(SA_RESTART);
    snd(q, 3, "z", 0);
    printf("SIGALRM caught, SA_RESTART: %d\n", fired);
    rcv(q, 64, 0, 0);
    rcv(q, 64, 0, 0);
    set_qbytes(q, 3);
    snd(q, 1, "", IPC_NOWAIT);
    snd(q, 2, "", IPC_NOWAIT);
    snd(q, 3, "", IPC_NOWAIT);
    snd(q, 4, "", IPC_NOWAIT);
    state(q, "full by count");
    rcv(q, 64, -4, 0);
    rcv(q, 64, -4, 0);
    rcv(q, 64, -4, 0);
    arm(0);
    rcv(q, 64, 0, 0);
    printf("SIGALRM caught: %d\n", fired);
    arm(SA_RESTART);
    rcv(q, 64, 0, 0);
    printf("SIGALRM caught, SA_RESTART: %d\n", fired);
    set_qbytes(q, 16384);
}

static void copy(int q)
{
    snd(q, 1, "a", 0);
    snd(q, 2, "b", 0);
    snd(q, 3, "c", 0);
    rcv(q, 64, 1, MSG_COPY | IPC_NOWAIT);
    rcv(q, 64, 0, MSG_COPY | IPC_NOWAIT);
    rcv(q, 64, 3, MSG_COPY | IPC_NOWAIT);
    rcv(q, 64, 1, MSG_COPY);
    rcv(q, 64, 1, MSG_COPY | MSG_EXCEPT | IPC_NOWAIT);
    state(q, "after copies");
    rcv(q, 64, 0, 0);
    rcv(q, 64, 0, 0);
    rcv(q, 64, 0, 0);
}

/* As the queue's owner without privileges: root hands the queue to nobody and takes that
 * effective uid and gid (the saved ones stay 0, to come back); a user already is its owner. */
static int unprivileged(int q)
{
    if (geteuid())
        return 0;
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    ds.msg_perm.uid = ds.msg_perm.gid = 65534;
    if (msgctl(q, IPC_SET, &ds) || setresgid(-1, 65534, -1) || setresuid(-1, 65534, -1))
        printf("dropping privileges failed: %s\n", errname(errno));
    return 1;
}

static void permissions(key_t key)
{
    int q = TI(msgget(key, IPC_CREAT | IPC_EXCL | 0600));
    snd(q, 1, "for the owner", 0);
    int dropped = unprivileged(q);
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    ds.msg_perm.mode = 0400;
    T(msgctl(q, IPC_SET, &ds));
    printf("-- the owner, without privileges, mode 0400\n");
    printf("msgget(key, 0400) finds it: %d\n", msgget(key, 0400) == q);
    T(msgget(key, 0200));
    printf("msgget(key, 0) finds it: %d\n", msgget(key, 0) == q);
    snd(q, 1, "denied", IPC_NOWAIT);
    rcv(q, 64, 0, IPC_NOWAIT);
    set_qbytes(q, 16385);
    set_qbytes(q, 100);
    ds.msg_perm.mode = 0200;
    printf("-- mode 0200\n");
    T(msgctl(q, IPC_SET, &ds));
    T(msgctl(q, IPC_STAT, &ds));
    rcv(q, 64, 0, IPC_NOWAIT);
    T(msgctl(q, IPC_RMID, NULL));
    if (dropped && (setresuid(-1, 0, -1) || setresgid(-1, 0, -1)))
        printf("taking root back failed: %s\n", errname(errno));
}

/* musl's i386 build goes through ipc(2); the direct calls must reach the same queues. */
static void direct(void)
{
#ifdef __i386__
    int ok = 1;
    struct msqid_ds ds;
    int q = syscall(NR_MSGGET, IPC_PRIVATE, 0600);
    m.type = 5;
    strcpy(m.text, "hi");
    ok &= q >= 0 && msgsnd(q, &m, 2, 0) == 0;
    ok &= syscall(NR_MSGCTL, q, STAT_CMD, &ds) == 0 && ds.msg_qnum == 1;
    ok &= syscall(NR_MSGRCV, q, &m, 64, 5, IPC_NOWAIT) == 2 && m.type == 5;
    ok &= syscall(NR_MSGSND, q, &m, 2, 0) == 0 && msgrcv(q, &m, 64, 0, IPC_NOWAIT) == 2;
    /* ipc(2)'s MSGCTL without IPC_64: the old msqid_ds, its 16-bit msg_qbytes at 48 (a 64-bit
       Linux leaves msg_lqbytes at 40 zero, i386's fills it); IPC_SET through it takes it */
    uint32_t old[14] = {0};
    ok &= syscall(SYS_ipc, 14, q, 2 /* IPC_STAT: musl's has IPC_64 */, 0, old, 0) == 0 &&
          (uint16_t)old[12] == 16384;
    old[12] = 1000;
    ok &= syscall(SYS_ipc, 14, q, IPC_SET, 0, old, 0) == 0 && msgctl(q, IPC_STAT, &ds) == 0 &&
          ds.msg_qbytes == 1000;
    ok &= syscall(NR_MSGCTL, q, IPC_RMID, NULL) == 0 && msgctl(q, IPC_STAT, &ds) < 0;
    printf("direct calls and the old layout agree: %d\n", ok);
#else
    printf("direct calls and the old layout agree: 1\n");
#endif
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    t0 = time(NULL);
    key_t key = 0x4d000000 | getpid();
    creation(key);
    int q = TI(msgget(IPC_PRIVATE, 0600));
    by_type(q);
    refusals(q);
    full(q);
    copy(q);
    T(msgctl(q, IPC_RMID, NULL));
    T(msgsnd(q, typed(1), 1, IPC_NOWAIT));
    T(msgrcv(q, &m, 1, 0, IPC_NOWAIT));
    T(msgctl(q, IPC_STAT, (struct msqid_ds *)&m));
    T(msgctl(q, IPC_RMID, NULL));
    permissions(key);
    direct();
    return 0;
}
