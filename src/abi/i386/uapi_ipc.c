/* System V IPC's structures as Linux i386 lays them out: the 64 forms (struct ipc64_perm and
   msqid64_ds, semid64_ds, shmid64_ds, with each time's upper half beside it), and the old
   forms that the ipc() multiplexer's commands without IPC_64 use (16-bit ids and counts). */
#include "abi/i386/uapi.h"
#include "kernel/abi.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

struct ipc64_perm_32 {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode, pad1, seq, pad2;
    uint32_t unused1, unused2;
};

struct ipc_perm_old {
    int32_t key;
    uint16_t uid, gid, cuid, cgid, mode, seq;
};

/* The 64 forms: the perm, then longs (a time as two), the pids among them. */
union ipc64_ds_32 {
    struct {
        struct ipc64_perm_32 perm;
        uint32_t stime, stime_high, rtime, rtime_high, ctime, ctime_high;
        uint32_t cbytes, qnum, qbytes, lspid, lrpid, unused4, unused5;
    } msg;
    struct {
        struct ipc64_perm_32 perm;
        uint32_t otime, otime_high, ctime, ctime_high, nsems, unused3, unused4;
    } sem;
    struct {
        struct ipc64_perm_32 perm;
        uint32_t segsz, atime, atime_high, dtime, dtime_high, ctime, ctime_high;
        uint32_t cpid, lpid, nattch, unused4, unused5;
    } shm;
};
_Static_assert(sizeof(struct ipc64_perm_32) == 36 && sizeof(((union ipc64_ds_32 *)0)->msg) == 88 &&
                   sizeof(((union ipc64_ds_32 *)0)->sem) == 64 &&
                   sizeof(((union ipc64_ds_32 *)0)->shm) == 84,
               "ipc64 layouts");

union ipc_ds_old {
    struct {
        struct ipc_perm_old perm;
        uint32_t first, last;
        int32_t stime, rtime, ctime;
        uint32_t lcbytes, lqbytes;
        uint16_t cbytes, qnum, qbytes, lspid, lrpid, pad;
    } msg;
    struct {
        struct ipc_perm_old perm;
        int32_t otime, ctime;
        uint32_t base, pending, pending_last, undo;
        uint16_t nsems, pad;
    } sem;
    struct {
        struct ipc_perm_old perm;
        int32_t segsz, atime, dtime, ctime;
        uint16_t cpid, lpid, nattch, unused;
        uint32_t unused2, unused3;
    } shm;
};
_Static_assert(sizeof(struct ipc_perm_old) == 16 && sizeof(((union ipc_ds_old *)0)->msg) == 56 &&
                   sizeof(((union ipc_ds_old *)0)->sem) == 44 &&
                   sizeof(((union ipc_ds_old *)0)->shm) == 48,
               "old ipc layouts");

static const uint8_t ds_size[2][3] = {
    {sizeof(((union ipc64_ds_32 *)0)->msg), sizeof(((union ipc64_ds_32 *)0)->sem),
     sizeof(((union ipc64_ds_32 *)0)->shm)},
    {sizeof(((union ipc_ds_old *)0)->msg), sizeof(((union ipc_ds_old *)0)->sem),
     sizeof(((union ipc_ds_old *)0)->shm)},
};

#ifndef IA32_COMPAT /* the old queue's counts, clamped (i386's own form) */
static uint16_t u16(uint64_t v)
{
    return v > 0xFFFF ? 0xFFFF : (uint16_t)v;
}
#endif

int abi_ipc_ds_to_user(uaddr_t u, int kind, bool old, const struct ipc_ds_k *d)
{
    union {
        union ipc64_ds_32 n;
        union ipc_ds_old o;
    } b;
    memset(&b, 0, sizeof(b));
    const int64_t *t = d->time;
    const uint64_t *c = d->count;
    if (old) {
        b.o.msg.perm = (struct ipc_perm_old){d->key,
                                             (uint16_t)cred_id16(d->uid),
                                             (uint16_t)cred_id16(d->gid),
                                             (uint16_t)cred_id16(d->cuid),
                                             (uint16_t)cred_id16(d->cgid),
                                             (uint16_t)d->mode,
                                             (uint16_t)d->seq};
        if (kind == IPC_KIND_MSG) {
            b.o.msg.stime = (int32_t)t[0], b.o.msg.rtime = (int32_t)t[1],
            b.o.msg.ctime = (int32_t)t[2];
#ifdef IA32_COMPAT /* Linux's compat form: the counts cut to 16 bits, no long ones */
            b.o.msg.cbytes = (uint16_t)c[0], b.o.msg.qnum = (uint16_t)c[1];
            b.o.msg.qbytes = (uint16_t)c[2];
#else
            b.o.msg.lcbytes = (uint32_t)c[0], b.o.msg.lqbytes = (uint32_t)c[2];
            b.o.msg.cbytes = u16(c[0]), b.o.msg.qnum = u16(c[1]), b.o.msg.qbytes = u16(c[2]);
#endif
            b.o.msg.lspid = (uint16_t)d->pid[0], b.o.msg.lrpid = (uint16_t)d->pid[1];
        } else if (kind == IPC_KIND_SEM) {
            b.o.sem.otime = (int32_t)t[0], b.o.sem.ctime = (int32_t)t[1];
            b.o.sem.nsems = (uint16_t)c[0];
        } else {
            b.o.shm.segsz = (int32_t)c[0];
            b.o.shm.atime = (int32_t)t[0], b.o.shm.dtime = (int32_t)t[1],
            b.o.shm.ctime = (int32_t)t[2];
            b.o.shm.cpid = (uint16_t)d->pid[0], b.o.shm.lpid = (uint16_t)d->pid[1];
            b.o.shm.nattch = (uint16_t)c[1]; /* cut, where the queue's counts are clamped */
        }
    } else {
        b.n.msg.perm = (struct ipc64_perm_32){.key = d->key,
                                              .uid = d->uid,
                                              .gid = d->gid,
                                              .cuid = d->cuid,
                                              .cgid = d->cgid,
                                              .mode = (uint16_t)d->mode,
                                              .seq = (uint16_t)d->seq};
        /* after the perm, the longs in order: a time is its two halves */
        uint32_t *w = (uint32_t *)((char *)&b + sizeof(struct ipc64_perm_32));
        if (kind == IPC_KIND_SHM)
            *w++ = (uint32_t)c[0];
        for (int i = 0; i < (kind == IPC_KIND_SEM ? 2 : 3); i++)
            *w++ = (uint32_t)t[i], *w++ = (uint32_t)((uint64_t)t[i] >> 32);
        if (kind == IPC_KIND_MSG)
            *w++ = (uint32_t)c[0], *w++ = (uint32_t)c[1], *w++ = (uint32_t)c[2];
        else if (kind == IPC_KIND_SEM)
            *w++ = (uint32_t)c[0];
        if (kind != IPC_KIND_SEM)
            *w++ = (uint32_t)d->pid[0], *w++ = (uint32_t)d->pid[1];
        if (kind == IPC_KIND_SHM)
            *w = (uint32_t)c[1];
    }
    return copy_to_user(u, &b, ds_size[old][kind]);
}

int abi_ipc_ds_from_user(uaddr_t u, int kind, bool old, struct ipc_ds_k *d)
{
    union {
        union ipc64_ds_32 n;
        union ipc_ds_old o;
    } b;
    if (copy_from_user(&b, u, ds_size[old][kind]))
        return -EFAULT;
    if (old) { /* the 16-bit ids as they are, as Linux's copy_*_from_user */
        d->uid = b.o.msg.perm.uid;
        d->gid = b.o.msg.perm.gid;
        d->mode = b.o.msg.perm.mode;
        d->count[2] = b.o.msg.qbytes ? b.o.msg.qbytes : b.o.msg.lqbytes;
    } else {
        d->uid = b.n.msg.perm.uid, d->gid = b.n.msg.perm.gid, d->mode = b.n.msg.perm.mode;
        d->count[2] = b.n.msg.qbytes;
    }
    return 0;
}

int abi_shminfo_to_user(uaddr_t u, bool old, const uint64_t v[5])
{
    uint32_t w[9] = {0};
    for (int i = 0; i < 5; i++)
        w[i] = (uint32_t)v[i];
    bool clamp = old; /* shmmax as an int */
#ifdef IA32_COMPAT
    clamp = true; /* Linux's compat form clamps it in both layouts */
#endif
    if (clamp)
        w[0] = v[0] > INT32_MAX ? INT32_MAX : (uint32_t)v[0];
    return copy_to_user(u, w, old ? 5 * sizeof(w[0]) : sizeof(w));
}

int abi_shm_info_to_user(uaddr_t u, const uint64_t v[6])
{
    uint32_t w[6];
    for (int i = 0; i < 6; i++)
        w[i] = (uint32_t)v[i];
    return copy_to_user(u, w, sizeof(w));
}
