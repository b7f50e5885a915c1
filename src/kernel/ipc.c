/* System V IPC's common machinery, as Linux's ipc/util.c: each kind's objects, their keys and
   ids, the permission checks, the control commands all kinds share, and i386's ipc(2), which
   multiplexes every call. */
#include "kernel/ipc.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define IPC_MIN_CYCLE 64 /* Linux's ipc_min_cycle: indexes cycle through at least this many */
#define SEQ_MAX 65535u   /* INT_MAX >> 15: the sequence number wraps to 0 here */

int64_t ipc_now(void)
{
    return (int64_t)(time_realtime_ns() / NSEC_PER_SEC);
}

int ipc_wait_step(uint64_t deadline)
{
    if (time_monotonic_ns() >= deadline)
        return -EAGAIN;
    if (sig_deliverable())
        return -EINTR;
    cputime_wait();
    return 0;
}

int ipc_wait(uint64_t timeout_ns)
{
    uint64_t end = timeout_ns ? time_monotonic_ns() + timeout_ns : UINT64_MAX;
    int err;
    while (!(err = ipc_wait_step(end)))
        ;
    return err;
}

static uint32_t idx_of(int32_t id)
{
    return (uint32_t)id % IPCMNI;
}

static struct ipc_obj *find_idx(const struct ipc_ids *ids, uint32_t idx)
{
    for (struct ipc_obj *o = ids->list; o; o = o->next)
        if (idx_of(o->id) == idx)
            return o;
    return NULL;
}

struct ipc_obj *ipc_find(const struct ipc_ids *ids, int32_t id)
{
    struct ipc_obj *o = id < 0 ? NULL : find_idx(ids, idx_of(id));
    return o && o->id == id ? o : NULL;
}

sword_t ipc_info_result(const struct ipc_ids *ids, int fault)
{
    if (fault)
        return -EFAULT;
    sword_t max = 0;
    for (struct ipc_obj *o = ids->list; o; o = o->next)
        max = (sword_t)idx_of(o->id); /* the list is in index order */
    return max;
}

/* The first index from idx on that no object has: one walk of the list, which is in index
   order. */
static uint32_t first_free(const struct ipc_ids *ids, uint32_t idx)
{
    for (const struct ipc_obj *o = ids->list; o && idx_of(o->id) <= idx; o = o->next)
        if (idx_of(o->id) == idx)
            idx++;
    return idx;
}

/* Linux's idr_alloc_cyclic below max(in_use * 3/2, 64): the first free index from the one
   after the last given, else from 0; the sequence number moves on when indexes wrap. */
sword_t ipc_add(struct ipc_ids *ids, struct ipc_obj *o, int32_t key, uint32_t flg)
{
    if (ids->in_use >= ids->limit)
        return -ENOSPC;
    uint32_t max = ids->in_use * 3 / 2;
    max = max < IPC_MIN_CYCLE ? IPC_MIN_CYCLE : max > IPCMNI ? IPCMNI : max;
    uint32_t idx = first_free(ids, (uint32_t)(ids->last_idx + 1));
    if (idx >= max)
        idx = first_free(ids, 0);
    if ((int32_t)idx <= ids->last_idx && ++ids->seq >= SEQ_MAX)
        ids->seq = 0;
    ids->last_idx = (int32_t)idx;
    ids->in_use++;
    *o = (struct ipc_obj){.key = key,
                          .id = (int32_t)(ids->seq * IPCMNI + idx),
                          .uid = cred.euid,
                          .cuid = cred.euid,
                          .gid = cred.egid,
                          .cgid = cred.egid,
                          .mode = flg & 0777,
                          .ctime = ipc_now()};
    struct ipc_obj **p = &ids->list;
    while (*p && idx_of((*p)->id) < idx)
        p = &(*p)->next;
    o->next = *p;
    *p = o;
    return o->id;
}

void ipc_remove(struct ipc_ids *ids, struct ipc_obj *o)
{
    struct ipc_obj **p = &ids->list;
    while (*p != o)
        p = &(*p)->next;
    *p = o->next;
    ids->in_use--;
}

bool ipc_denied(const struct ipc_obj *o, uint32_t flg)
{
    uint32_t want = (flg >> 6 | flg >> 3 | flg) & 7, granted = o->mode;
    if (cred.euid == o->cuid || cred.euid == o->uid)
        granted >>= 6;
    else if (in_group(o->cgid) || in_group(o->gid))
        granted >>= 3;
    return (want & ~granted & 7) && !capable(CAP_IPC_OWNER);
}

sword_t ipc_get(struct ipc_ids *ids, int32_t key, uint32_t flg, word_t arg,
                sword_t (*make)(int32_t key, uint32_t flg, word_t arg),
                int (*check)(struct ipc_obj *o, word_t arg))
{
    if (key != IPC_PRIVATE) {
        struct ipc_obj *o = ids->list;
        while (o && o->key != key)
            o = o->next;
        if (!o && !(flg & IPC_CREAT))
            return -ENOENT;
        if (o) {
            if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
                return -EEXIST;
            int err = check ? check(o, arg) : 0;
            return err ? err : ipc_denied(o, flg) ? -EACCES : o->id;
        }
    }
    return make(key, flg, arg);
}

/* Linux's ipcctl_obtain_check: the owner or the creator, or CAP_SYS_ADMIN. */
static bool may_change(const struct ipc_obj *o)
{
    return cred.euid == o->cuid || cred.euid == o->uid || capable(CAP_SYS_ADMIN);
}

/* IPC_STAT's fields of o, as its kind's stat fills them. */
static void ds_of(const struct ipc_ctl *k, const struct ipc_obj *o, struct ipc_ds_k *d)
{
    *d = (struct ipc_ds_k){.key = o->key,
                           .uid = o->uid,
                           .gid = o->gid,
                           .cuid = o->cuid,
                           .cgid = o->cgid,
                           .mode = o->mode,
                           .seq = (uint32_t)o->id / IPCMNI};
    k->stat(o, d);
}

sword_t ipc_ctl(const struct ipc_ctl *k, int32_t id, int cmd, bool old, uaddr_t buf)
{
    bool by_index = cmd == k->stat_cmd || cmd == k->stat_cmd + 2, any = cmd == k->stat_cmd + 2;
    if (!by_index && cmd != IPC_STAT && cmd != IPC_SET && cmd != IPC_RMID)
        return -EINVAL;
    struct ipc_ds_k d; /* IPC_SET reads what it sets, and ds_of fills it whole */
    if (cmd == IPC_SET && abi_ipc_ds_from_user(buf, k->kind, old, &d))
        return -EFAULT;
    struct ipc_obj *o = by_index ? find_idx(k->ids, idx_of(id)) : ipc_find(k->ids, id);
    if (!o)
        return -EINVAL;
    if (cmd == IPC_SET || cmd == IPC_RMID) {
        if (!may_change(o))
            return -EPERM;
        if (cmd == IPC_RMID) {
            k->rmid(o);
            return 0;
        }
        int err = k->set ? k->set(o, &d, false) : 0; /* a queue's qbytes (EPERM) first */
        if (err)
            return err;
        if (d.uid == UINT32_MAX || d.gid == UINT32_MAX)
            return -EINVAL; /* ids with no mapping in the user namespace */
        if (k->set)
            k->set(o, &d, true);
        o->uid = d.uid;
        o->gid = d.gid;
        o->mode = (o->mode & ~0777u) | (d.mode & 0777);
        o->ctime = ipc_now();
        return 0;
    }
    if (!any && ipc_denied(o, 0444))
        return -EACCES;
    ds_of(k, o, &d);
    if (abi_ipc_ds_to_user(buf, k->kind, old, &d))
        return -EFAULT;
    return by_index ? o->id : 0;
}

void ipc_proc_text(int kind)
{
    static const struct ipc_ctl *const ctls[] = {&ipc_msg_ctl, &ipc_sem_ctl, &ipc_shm_ctl};
    /* The three headers one after another, each ended by its 0, and a run of n blanks in each
       as one byte, 0x80 + n: 225 bytes, not 375 and a pointer to each. */
    static const char heads[] =
        "\207key\206msqid perms\206cbytes\207qnum lspid lrpid\203uid\203gid  cuid  cgid\206stime"
        "\206rtime\206ctime\n\0"
        "\207key\206semid perms\206nsems\203uid\203gid  cuid  cgid\206otime\206ctime\n\0"
#ifdef __x86_64__ /* size, rss and swap as wide as a 64-bit word's digits */
        "\207key\206shmid perms\222size  cpid  lpid nattch\203uid\203gid  cuid  cgid\206atime"
        "\206dtime\206ctime\223rss\222swap\n";
#else
        "\207key\206shmid perms\207size  cpid  lpid nattch\203uid\203gid  cuid  cgid\206atime"
        "\206dtime\206ctime\210rss\207swap\n";
#endif
    const char *h = heads;
    for (int k = kind; k; k--)
        h += strlen(h) + 1;
    proc_put_packed(h);
    for (const struct ipc_obj *o = ctls[kind]->ids->list; o; o = o->next) {
        struct ipc_ds_k d;
        ds_of(ctls[kind], o, &d);
        const unsigned long long *t = (const unsigned long long *)d.time;
        unsigned long c0 = (unsigned long)d.count[0], c1 = (unsigned long)d.count[1];
        /* Each line in four writes: its head and the part every kind has (the ids and two
           times) are one format each for the three kinds, and the counts and pids before that
           part and what follows it each kind's own (three whole-line formats took some 80
           bytes more). */
        proc_put("%10d %10d  %4o ", d.key, o->id, d.mode);
        if (kind == IPC_KIND_MSG)
            proc_put(" %10lu %10lu %5u %5u ", c0, c1, d.pid[0], d.pid[1]);
        else if (kind == IPC_KIND_SEM)
            proc_put("%10lu ", c0);
        else
            proc_put(sizeof(word_t) == 8 ? "%21lu %5u %5u  %5lu " : "%10lu %5u %5u  %5lu ", c0,
                     d.pid[0], d.pid[1], c1);
        proc_put("%5u %5u %5u %5u %10llu %10llu", d.uid, d.gid, d.cuid, d.cgid, t[0], t[1]);
        if (kind == IPC_KIND_MSG)
            proc_put(" %10llu\n", t[2]);
        else if (kind == IPC_KIND_SEM)
            proc_put("\n");
        else /* every page is resident: rss is the size in pages */
            proc_put(sizeof(word_t) == 8 ? " %10llu %21lu %21lu\n" : " %10llu %10lu %10lu\n", t[2],
                     (c0 + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE, 0ul);
    }
}

/* i386's ipc(2): the call in the low 16 bits, a version above; the *ctl commands say in
   IPC_64 which layout they use (ipc_parse_version). */
enum {
    SEMOP = 1,
    SEMGET = 2,
    SEMCTL = 3,
    SEMTIMEDOP = 4,
    MSGSND = 11,
    MSGRCV = 12,
    MSGGET = 13,
    MSGCTL = 14,
    SHMAT = 21,
    SHMDT = 22,
    SHMGET = 23,
    SHMCTL = 24,
};

/* A *ctl command as ipc(2) gives it: without IPC_64, which says the layout (ipc_parse_version). */
static int32_t ctl_cmd(word_t cmd)
{
    return (int32_t)cmd & ~IPC_64;
}

static bool ctl_old(word_t cmd)
{
    return !(cmd & IPC_64);
}

sword_t sys_ipc(uint32_t call, uint32_t first_arg, word_t second, word_t third, uaddr_t ptr,
                word_t fifth)
{
    int32_t first = (int32_t)first_arg;
    uint32_t version = call >> 16;
    switch (call & 0xFFFF) {
    case SEMOP: /* semtimedop without a timeout */
        fifth = 0;
        __attribute__((fallthrough));
    case SEMTIMEDOP:
        return ipc_semtimedop(first, ptr, (uint32_t)second, fifth, false);
    case SEMGET:
        return sys_semget(first_arg, (uint32_t)second, (uint32_t)third);
    case SEMCTL: {
        uint32_t arg;
        if (!ptr)
            return -EINVAL;
        if (copy_from_user(&arg, ptr, sizeof(arg)))
            return -EFAULT;
        return ipc_semctl(first, (int32_t)second, ctl_cmd(third), arg, ctl_old(third));
    }
    case MSGSND:
        return sys_msgsnd(first_arg, ptr, second, (uint32_t)third);
    case MSGRCV:
        if (!version) { /* struct ipc_kludge: the buffer and the type, as two 32-bit words */
            int32_t kludge[2];
            if (!ptr)
                return -EINVAL;
            if (copy_from_user(kludge, ptr, sizeof(kludge)))
                return -EFAULT;
            ptr = (uint32_t)kludge[0], fifth = (uint32_t)kludge[1]; /* a 32-bit long, as fifth */
        }
        return ipc_msgrcv(first, ptr, abi_long_arg(second), abi_long_arg(fifth), (uint32_t)third);
    case MSGGET:
        return sys_msgget(first_arg, (uint32_t)second);
    case MSGCTL: /* the two take the same arguments: one call */
    case SHMCTL:
        return ((call & 0xFFFF) == MSGCTL ? ipc_msgctl : ipc_shmctl)(first, ctl_cmd(second), ptr,
                                                                     ctl_old(second));
    case SHMAT: {
        if (version == 1)
            return -EINVAL; /* the iBCS2 emulator's entry */
        uaddr_t addr;
        sword_t err = ipc_shmat(first, ptr, (uint32_t)second, &addr);
        uint32_t addr32 = (uint32_t)addr;
        return err ? err : copy_to_user(third, &addr32, sizeof(addr32)) ? -EFAULT : 0;
    }
    case SHMDT:
        return sys_shmdt(ptr);
    case SHMGET:
        return sys_shmget(first_arg, second, (uint32_t)third);
    default:
        return -ENOSYS;
    }
}

/* The direct calls take the 64 layouts only: IPC_64 in cmd is an unknown command. */
sword_t sys_msgctl(uint32_t id, uint32_t cmd, uaddr_t buf)
{
    return ipc_msgctl((int32_t)id, (int32_t)cmd, buf, false);
}

sword_t sys_semctl(uint32_t id, uint32_t num, uint32_t cmd, word_t arg)
{
    return ipc_semctl((int32_t)id, (int32_t)num, (int32_t)cmd, arg, false);
}

sword_t sys_shmctl(uint32_t id, uint32_t cmd, uaddr_t buf)
{
    return ipc_shmctl((int32_t)id, (int32_t)cmd, buf, false);
}

sword_t sys_shmat(uint32_t id, uaddr_t addr, uint32_t flg)
{
    uaddr_t out;
    sword_t err = ipc_shmat((int32_t)id, addr, flg, &out);
    return err ? err : (sword_t)out;
}

sword_t sys_semop(uint32_t id, uaddr_t sops, uint32_t nsops)
{
    return ipc_semtimedop((int32_t)id, sops, nsops, 0, true);
}

sword_t sys_semtimedop(uint32_t id, uaddr_t sops, uint32_t nsops, uaddr_t timeout)
{
    return ipc_semtimedop((int32_t)id, sops, nsops, timeout, true);
}

sword_t sys_msgrcv(uint32_t id, uaddr_t msgp, word_t size, word_t type, uint32_t flg)
{
    return ipc_msgrcv((int32_t)id, msgp, abi_long_arg(size), abi_long_arg(type), flg);
}
