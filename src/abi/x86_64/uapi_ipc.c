/* System V IPC's structures as Linux x86_64 lays them out (struct ipc64_perm, msqid64_ds,
   semid64_ds, shmid64_ds: the only forms it has), or i386's for int $0x80 (ia32.h). */
#include "abi/x86_64/ia32.h"
#include "abi/x86_64/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

struct ipc64_perm_64 {
    int32_t key;
    uint32_t uid, gid, cuid, cgid, mode;
    uint16_t seq, pad2;
    uint32_t pad3;
    uint64_t unused1, unused2;
};
_Static_assert(sizeof(struct ipc64_perm_64) == 48, "ipc64_perm layout");

/* After the perm: longs, the two pids sharing one (msg: stime rtime ctime cbytes qnum qbytes
   pids; sem: otime unused ctime unused nsems; shm: segsz atime dtime ctime pids nattch), then
   two unused. */
static const uint8_t ds_size[3] = {120, 104, 112};

int abi_ipc_ds_to_user(uaddr_t u, int kind, bool old, const struct ipc_ds_k *d)
{
    IA32_CONVERT(ipc_ds_to_user, u, kind, old, d);
    struct {
        struct ipc64_perm_64 perm;
        uint64_t w[9];
    } b;
    memset(&b, 0, sizeof(b));
    b.perm = (struct ipc64_perm_64){.key = d->key,
                                    .uid = d->uid,
                                    .gid = d->gid,
                                    .cuid = d->cuid,
                                    .cgid = d->cgid,
                                    .mode = d->mode,
                                    .seq = (uint16_t)d->seq};
    uint64_t pids = (uint32_t)d->pid[0] | (uint64_t)(uint32_t)d->pid[1] << 32, *w = b.w;
    const int64_t *t = d->time;
    const uint64_t *c = d->count;
    if (kind == IPC_KIND_MSG) {
        *w++ = (uint64_t)t[0], *w++ = (uint64_t)t[1], *w++ = (uint64_t)t[2];
        *w++ = c[0], *w++ = c[1], *w++ = c[2], *w = pids;
    } else if (kind == IPC_KIND_SEM) {
        w[0] = (uint64_t)t[0], w[2] = (uint64_t)t[1], w[4] = c[0];
    } else {
        *w++ = c[0], *w++ = (uint64_t)t[0], *w++ = (uint64_t)t[1], *w++ = (uint64_t)t[2];
        *w++ = pids, *w = c[1];
    }
    return copy_to_user(u, &b, ds_size[kind]);
}

int abi_ipc_ds_from_user(uaddr_t u, int kind, bool old, struct ipc_ds_k *d)
{
    IA32_CONVERT(ipc_ds_from_user, u, kind, old, d);
    struct {
        struct ipc64_perm_64 perm;
        uint64_t w[9];
    } b;
    if (copy_from_user(&b, u, ds_size[kind]))
        return -EFAULT;
    d->uid = b.perm.uid, d->gid = b.perm.gid, d->mode = b.perm.mode;
    d->count[2] = b.w[5]; /* a queue's qbytes */
    return 0;
}

int abi_shminfo_to_user(uaddr_t u, bool old, const uint64_t v[5])
{
    IA32_CONVERT(shminfo_to_user, u, old, v);
    uint64_t w[9] = {v[0], v[1], v[2], v[3], v[4]};
    return copy_to_user(u, w, sizeof(w));
}

int abi_shm_info_to_user(uaddr_t u, const uint64_t v[6])
{
    IA32_CONVERT(shm_info_to_user, u, v);
    return copy_to_user(u, v, 6 * sizeof(v[0]));
}
