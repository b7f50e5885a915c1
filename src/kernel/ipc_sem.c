/* System V semaphore sets, as Linux's ipc/sem.c: semget, semop and semtimedop, semctl. One
   process, one thread: nothing but the app itself changes a set, so an operation that would
   block waits only for a signal (-EINTR) or its timeout (-EAGAIN), and no count of waiters
   is ever above 0. SEM_UNDO keeps the app's adjustments (semadj), with Linux's limits, to be
   applied at an exit that nothing outlives. */
#include "kernel/app.h"
#include "kernel/errno.h"
#include "kernel/ipc.h"
#include "kernel/kmalloc.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define SEMMSL 32000
#define SEMMNI 32000
#define SEMMNS (SEMMSL * SEMMNI)
#define SEMOPM 500
#define SEMOPM_FAST 64 /* operations read onto the stack; more into kmalloc's */
#define SEMVMX 32767
#define SEMAEM SEMVMX
#define GETPID 11
#define GETVAL 12
#define GETALL 13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL 16
#define SETALL 17
#define SEM_STAT 18
#define SEM_INFO 19
#define SEM_UNDO 0x1000

struct sem {
    int32_t pid;  /* the last to change it: sempid */
    uint16_t val; /* semval */
    int16_t adj;  /* the app's SEM_UNDO adjustment: semadj */
};
#define PER_BLOCK (4096 / sizeof(struct sem))

struct sem_set {
    struct ipc_obj o;
    uint32_t nsems;
    int64_t otime;
    struct sem *block[]; /* nsems / PER_BLOCK of them, rounded up */
};

struct sembuf_k { /* struct sembuf, the same in every ABI */
    uint16_t num;
    int16_t op, flg;
};

static struct ipc_ids sem_ids = {.limit = SEMMNI, .last_idx = -1};
static uint32_t used_sems;

static uint32_t blocks(uint32_t nsems)
{
    return (uint32_t)((nsems + PER_BLOCK - 1) / PER_BLOCK);
}

static struct sem *sem_at(struct sem_set *s, uint32_t i)
{
    return &s->block[i / PER_BLOCK][i % PER_BLOCK];
}

static void set_free(struct sem_set *s)
{
    uint32_t n = blocks(s->nsems);
    for (uint32_t b = 0; b < n && s->block[b]; b++)
        kfree(s->block[b], PER_BLOCK * sizeof(struct sem));
    kfree(s, sizeof(*s) + n * sizeof(s->block[0]));
}

static sword_t set_make(int32_t key, uint32_t flg, word_t arg)
{
    uint32_t nsems = (uint32_t)arg, n = blocks(nsems);
    if (!nsems)
        return -EINVAL;
    if (used_sems + nsems > SEMMNS)
        return -ENOSPC;
    struct sem_set *s = kmalloc(sizeof(*s) + n * sizeof(s->block[0]));
    if (!s)
        return -ENOMEM;
    s->nsems = nsems;
    for (uint32_t b = 0; b < n; b++)
        if (!(s->block[b] = kmalloc(PER_BLOCK * sizeof(struct sem)))) {
            set_free(s);
            return -ENOMEM;
        }
    sword_t id = ipc_add(&sem_ids, &s->o, key, flg);
    if (id < 0)
        set_free(s);
    else
        used_sems += nsems;
    return id;
}

static int set_check(struct ipc_obj *o, word_t nsems)
{
    return nsems > ((struct sem_set *)o)->nsems ? -EINVAL : 0;
}

sword_t sys_semget(uint32_t key, uint32_t nsems, uint32_t flg)
{
    if (nsems > SEMMSL) /* and below 0 */
        return -EINVAL;
    return ipc_get(&sem_ids, (int32_t)key, flg, nsems, set_make, set_check);
}

/* Linux's perform_atomic_semop: the operations in order, each seeing the ones before; on the
   first that would block (1, or -EAGAIN under its IPC_NOWAIT) or leave the range (-ERANGE),
   the ones done are undone. */
static int apply(struct sem_set *s, const struct sembuf_k *ops, uint32_t n)
{
    uint32_t i;
    int err = 0;
    for (i = 0; i < n && !err; i++) {
        struct sem *m = sem_at(s, ops[i].num);
        int32_t v = m->val + ops[i].op, adj = m->adj - ops[i].op;
        if ((!ops[i].op && m->val) || v < 0)
            err = ops[i].flg & IPC_NOWAIT ? -EAGAIN : 1;
        else if (v > SEMVMX || ((ops[i].flg & SEM_UNDO) && (adj < -SEMAEM - 1 || adj > SEMAEM)))
            err = -ERANGE;
        else if (ops[i].flg & SEM_UNDO)
            m->adj = (int16_t)adj;
        if (!err)
            m->val = (uint16_t)v;
    }
    if (!err) {
        for (i = 0; i < n; i++)
            sem_at(s, ops[i].num)->pid = APP_PID;
        s->otime = ipc_now();
        return 0;
    }
    for (i--; i-- > 0;) {
        struct sem *m = sem_at(s, ops[i].num);
        m->val = (uint16_t)(m->val - ops[i].op);
        if (ops[i].flg & SEM_UNDO)
            m->adj = (int16_t)(m->adj + ops[i].op);
    }
    return err;
}

static sword_t semop(int32_t id, const struct sembuf_k *ops, uint32_t nsops, uaddr_t utimeout,
                     const struct timespec_k *timeout)
{
    const struct timespec_k ts = *timeout;
    if (id < 0 || (utimeout && (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= (int64_t)NSEC_PER_SEC)))
        return -EINVAL;
    uint16_t max = 0;
    bool alter = false;
    for (uint32_t i = 0; i < nsops; i++) {
        max = ops[i].num > max ? ops[i].num : max;
        alter |= ops[i].op != 0;
    }
    struct sem_set *s = (struct sem_set *)ipc_find(&sem_ids, id);
    if (!s)
        return -EINVAL;
    if (max >= s->nsems)
        return -EFBIG;
    if (ipc_denied(&s->o, alter ? 0222 : 0444))
        return -EACCES;
    int err = apply(s, ops, nsops);
    if (err <= 0)
        return err;
    if (!utimeout)
        return ipc_wait(0);
    if (!ts.sec && !ts.nsec)
        return -EAGAIN;
    return ipc_wait((uint64_t)ts.sec >> 32 ? 0
                                           : (uint64_t)ts.sec * NSEC_PER_SEC + (uint64_t)ts.nsec);
}

sword_t ipc_semtimedop(int32_t id, uaddr_t usops, uint32_t nsops, uaddr_t utimeout, bool time64)
{
    struct timespec_k ts = {0};
    if (utimeout && abi_timespec_from_user(utimeout, 0, time64, &ts))
        return -EFAULT;
    if (nsops > SEMOPM)
        return -E2BIG;
    if (nsops < 1)
        return -EINVAL;
    struct sembuf_k fast[SEMOPM_FAST], *ops = fast;
    size_t size = nsops * sizeof(ops[0]);
    if (nsops > SEMOPM_FAST && !(ops = kmalloc(size)))
        return -ENOMEM;
    sword_t err = copy_from_user(ops, usops, size) ? -EFAULT : semop(id, ops, nsops, utimeout, &ts);
    if (ops != fast)
        kfree(ops, size);
    return err;
}

static void set_stat(const struct ipc_obj *o, struct ipc_ds_k *d)
{
    const struct sem_set *s = (const struct sem_set *)o;
    d->time[0] = s->otime, d->time[1] = o->ctime;
    d->count[0] = s->nsems;
}

static void set_rmid(struct ipc_obj *o)
{
    ipc_remove(&sem_ids, o);
    used_sems -= ((struct sem_set *)o)->nsems;
    set_free((struct sem_set *)o);
}

const struct ipc_ctl ipc_sem_ctl = {&sem_ids, IPC_KIND_SEM, SEM_STAT, set_stat, NULL, set_rmid};

/* A semaphore's new value, by SETVAL or SETALL: its adjustment goes, as Linux's clears every
   process's. */
static void set_val(struct sem *m, uint16_t v)
{
    *m = (struct sem){.pid = APP_PID, .val = v};
}

static sword_t sem_all(struct sem_set *s, int32_t cmd, uaddr_t u)
{
    uint16_t v[256];
    bool range = false;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < s->nsems; i += 256) {
            uint32_t n = s->nsems - i < 256 ? s->nsems - i : 256;
            if (cmd == GETALL) {
                for (uint32_t j = 0; j < n; j++)
                    v[j] = sem_at(s, i + j)->val;
                if (copy_to_user(u + i * 2, v, n * 2))
                    return -EFAULT;
                continue;
            }
            /* SETALL: every value is read and checked before any is set, as Linux's copy */
            if (copy_from_user(v, u + i * 2, n * 2))
                return -EFAULT;
            for (uint32_t j = 0; j < n; j++) /* read twice: never trusted twice */
                if (pass)
                    set_val(sem_at(s, i + j), v[j] > SEMVMX ? SEMVMX : v[j]);
                else
                    range |= v[j] > SEMVMX;
        }
        if (cmd == GETALL)
            return 0;
        if (range)
            return -ERANGE;
    }
    s->o.ctime = ipc_now();
    return 0;
}

sword_t ipc_semctl(int32_t id, int32_t num, int32_t cmd, word_t arg, bool old)
{
    if (id < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO:
    case SEM_INFO: {
        /* the limits, copied from .rodata, not stored one by one; SEM_INFO's two counts */
        static const int32_t limits[10] = {SEMMNS, SEMMNI, SEMMNS, SEMMNS, SEMMSL,
                                           SEMOPM, SEMOPM, 20,     SEMVMX, SEMAEM};
        int32_t i[10];
        __builtin_memcpy(i, limits, sizeof(i));
        if (cmd == SEM_INFO)
            i[7] = (int32_t)sem_ids.in_use, i[9] = (int32_t)used_sems;
        return ipc_info_result(&sem_ids, copy_to_user(arg, i, sizeof(i)));
    }
    case SETVAL:
        if ((int32_t)arg < 0 || (int32_t)arg > SEMVMX)
            return -ERANGE;
        break;
    case GETPID:
    case GETVAL:
    case GETALL:
    case GETNCNT:
    case GETZCNT:
    case SETALL:
        break;
    default: /* IPC_STAT, IPC_SET, IPC_RMID and the *_STAT ones, or EINVAL */
        return ipc_ctl(&ipc_sem_ctl, id, cmd, old, arg);
    }
    struct sem_set *s = (struct sem_set *)ipc_find(&sem_ids, id);
    if (!s)
        return -EINVAL;
    bool write = cmd == SETVAL || cmd == SETALL;
    if (cmd == SETVAL && (num < 0 || (uint32_t)num >= s->nsems))
        return -EINVAL;
    if (ipc_denied(&s->o, write ? 0222 : 0444))
        return -EACCES;
    if (cmd == GETALL || cmd == SETALL)
        return sem_all(s, cmd, arg);
    if (num < 0 || (uint32_t)num >= s->nsems)
        return -EINVAL;
    struct sem *m = sem_at(s, (uint32_t)num);
    switch (cmd) {
    case SETVAL:
        set_val(m, (uint16_t)arg);
        s->o.ctime = ipc_now();
        return 0;
    case GETVAL:
        return m->val;
    case GETPID:
        return m->pid;
    default:
        return 0; /* GETNCNT, GETZCNT: no one else waits */
    }
}
