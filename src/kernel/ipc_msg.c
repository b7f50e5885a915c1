/* System V message queues, as Linux's ipc/msg.c: msgget, msgsnd, msgrcv and msgctl. A message
   is a header and its text in pieces of at most a page (kmalloc's largest). */
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/ipc.h"
#include "kernel/kmalloc.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define MSGMAX 8192
#define MSGMNB 16384
#define MSGMNI 32000
#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_NOERROR 010000u
#define MSG_EXCEPT 020000u
#define MSG_COPY 040000u
#define SWORD_MAX ((sword_t)((word_t)-1 >> 1))

struct msg_part {
    struct msg_part *next;
    uint8_t data[];
};
#define PART_MAX (4096 - sizeof(struct msg_part))

struct msg {
    struct msg *next;
    sword_t type;
    uint32_t size;
    struct msg_part *text;
};

struct msq {
    struct ipc_obj o;
    struct msg *first, **tail;
    int64_t stime, rtime;
    uint64_t cbytes, qnum, qbytes;
    int32_t lspid, lrpid;
};

static struct ipc_ids msg_ids = {.limit = MSGMNI, .last_idx = -1};
static uint32_t msg_total, msg_bytes; /* every queue's messages and bytes (MSG_INFO) */

static void msg_free(struct msg *m)
{
    for (struct msg_part *p = m->text, *next; p; p = next) {
        next = p->next;
        uint32_t n = m->size < PART_MAX ? m->size : PART_MAX;
        kfree(p, sizeof(*p) + n);
        m->size -= n;
    }
    kfree(m, sizeof(*m));
}

/* Linux's load_msg: the text from the app, or -EFAULT or -ENOMEM. */
static int msg_load(uaddr_t u, uint32_t size, struct msg **out)
{
    struct msg *m = kmalloc(sizeof(*m));
    if (!m)
        return -ENOMEM;
    struct msg_part **link = &m->text;
    for (uint32_t n; m->size < size; m->size += n) {
        n = size - m->size < PART_MAX ? size - m->size : PART_MAX;
        struct msg_part *p = kmalloc(sizeof(*p) + n);
        int err = !p ? -ENOMEM : copy_from_user(p->data, u + m->size, n) ? -EFAULT : 0;
        if (err) {
            if (p)
                kfree(p, sizeof(*p) + n);
            msg_free(m);
            return err;
        }
        *link = p, link = &p->next;
    }
    *out = m;
    return 0;
}

static int msg_store(uaddr_t u, const struct msg *m, uint32_t size)
{
    uint32_t done = 0;
    for (const struct msg_part *p = m->text; p && done < size; p = p->next) {
        uint32_t n = size - done < PART_MAX ? size - done : PART_MAX;
        if (copy_to_user(u + done, p->data, n))
            return -EFAULT;
        done += n;
    }
    return 0;
}

static sword_t msq_make(int32_t key, uint32_t flg, word_t arg)
{
    struct msq *q = kmalloc(sizeof(*q));
    if (!q)
        return -ENOMEM;
    sword_t id = ipc_add(&msg_ids, &q->o, key, flg);
    if (id < 0) {
        kfree(q, sizeof(*q));
        return id;
    }
    q->tail = &q->first;
    q->qbytes = MSGMNB;
    return id;
}

sword_t sys_msgget(uint32_t key, uint32_t flg)
{
    return ipc_get(&msg_ids, (int32_t)key, flg, 0, msq_make, NULL);
}

static sword_t read_type(uaddr_t u, sword_t *type)
{
    word_t v = 0;
    if (copy_from_user(&v, u, abi_long_size()))
        return -EFAULT;
    *type = abi_long_arg(v);
    return 0;
}

sword_t sys_msgsnd(uint32_t id_arg, uaddr_t msgp, word_t size_arg, uint32_t flg)
{
    int32_t id = (int32_t)id_arg;
    sword_t type, size = abi_long_arg(size_arg);
    if (read_type(msgp, &type))
        return -EFAULT;
    if (size > MSGMAX || size < 0 || id < 0 || type < 1)
        return -EINVAL;
    struct msg *m;
    int err = msg_load(msgp + abi_long_size(), (uint32_t)size, &m);
    if (err)
        return err;
    m->type = type;
    for (;;) {
        struct msq *q = (struct msq *)ipc_find(&msg_ids, id);
        err = !q ? -EINVAL : ipc_denied(&q->o, 0222) ? -EACCES : 0;
        if (!err && q->cbytes + m->size <= q->qbytes && q->qnum + 1 <= q->qbytes) {
            q->lspid = APP_PID;
            q->stime = ipc_now();
            *q->tail = m, q->tail = &m->next;
            q->cbytes += m->size;
            q->qnum++;
            msg_total++;
            msg_bytes += m->size;
            return 0;
        }
        if (!err)
            err = flg & IPC_NOWAIT ? -EAGAIN : ipc_wait(0);
        if (err) {
            msg_free(m);
            return err;
        }
    }
}

/* Linux's find_msg: the first message of the type asked for (type 0: any; below 0: the lowest
   type up to -type; MSG_EXCEPT: any other type), or with MSG_COPY the type-th; its link. */
static struct msg **msg_find(struct msq *q, sword_t type, uint32_t flg)
{
    struct msg **found = NULL;
    sword_t count = 0, le = type < -SWORD_MAX ? SWORD_MAX : -type;
    for (struct msg **p = &q->first; *p; p = &(*p)->next) {
        sword_t t = (*p)->type;
        if (flg & MSG_COPY) {
            if (count++ == type)
                return p;
        } else if (type < 0) {
            if (t <= le) {
                found = p;
                if (t == 1)
                    break;
                le = t - 1;
            }
        } else if (!type || (flg & MSG_EXCEPT ? t != type : t == type)) {
            return p;
        }
    }
    return found;
}

sword_t ipc_msgrcv(int32_t id, uaddr_t msgp, sword_t size, sword_t type, uint32_t flg)
{
    if (id < 0 || size < 0)
        return -EINVAL;
    if (size > MSGMAX)
        size = flg & MSG_COPY ? MSGMAX : size;
    if ((flg & MSG_COPY) && ((flg & MSG_EXCEPT) || !(flg & IPC_NOWAIT)))
        return -EINVAL;
    if ((flg & MSG_COPY) && size && !user_range_ok(msgp + abi_long_size(), (word_t)size, false))
        return -EFAULT; /* prepare_copy reads the buffer first */
    for (;;) {
        struct msq *q = (struct msq *)ipc_find(&msg_ids, id);
        if (!q)
            return -EINVAL;
        if (ipc_denied(&q->o, 0444))
            return -EACCES;
        struct msg **p = msg_find(q, type, flg), *m = p ? *p : NULL;
        if (m) {
            if ((word_t)size < m->size && (!(flg & MSG_NOERROR) || (flg & MSG_COPY)))
                return flg & MSG_NOERROR ? -EINVAL : -E2BIG;
            if (!(flg & MSG_COPY)) {
                if (!(*p = m->next))
                    q->tail = p;
                q->qnum--;
                q->cbytes -= m->size;
                q->rtime = ipc_now();
                q->lrpid = APP_PID;
                msg_total--;
                msg_bytes -= m->size;
            }
            uint32_t n = (word_t)size < m->size ? (uint32_t)size : m->size;
            int err = abi_long_to_user(msgp, (word_t)m->type)
                          ? -EFAULT
                          : msg_store(msgp + abi_long_size(), m, n);
            if (!(flg & MSG_COPY))
                msg_free(m);
            return err ? err : (sword_t)n;
        }
        int err = flg & IPC_NOWAIT ? -ENOMSG : ipc_wait(0);
        if (err)
            return err;
    }
}

static void msq_stat(const struct ipc_obj *o, struct ipc_ds_k *d)
{
    const struct msq *q = (const struct msq *)o;
    d->time[0] = q->stime, d->time[1] = q->rtime, d->time[2] = o->ctime;
    d->count[0] = q->cbytes, d->count[1] = q->qnum, d->count[2] = q->qbytes;
    d->pid[0] = q->lspid, d->pid[1] = q->lrpid;
}

static int msq_set(struct ipc_obj *o, const struct ipc_ds_k *d, bool apply)
{
    if (d->count[2] > MSGMNB && !capable(CAP_SYS_RESOURCE))
        return -EPERM;
    if (apply)
        ((struct msq *)o)->qbytes = d->count[2];
    return 0;
}

static void msq_rmid(struct ipc_obj *o)
{
    struct msq *q = (struct msq *)o;
    ipc_remove(&msg_ids, o);
    for (struct msg *m = q->first, *next; m; m = next) {
        next = m->next;
        msg_total--;
        msg_bytes -= m->size;
        msg_free(m);
    }
    kfree(q, sizeof(*q));
}

const struct ipc_ctl ipc_msg_ctl = {&msg_ids, IPC_KIND_MSG, MSG_STAT, msq_stat, msq_set, msq_rmid};

sword_t ipc_msgctl(int32_t id, int32_t cmd, uaddr_t buf, bool old)
{
    if (id < 0 || cmd < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO:
    case MSG_INFO: {
        /* struct msginfo: msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql, then the
           short msgseg (and two bytes of padding) */
        static const int32_t limits[8] = {
            MSGMNI * (MSGMNB / 1024), MSGMNB, MSGMAX, MSGMNB, MSGMNI, 16, MSGMNB, 0xFFFF};
        int32_t i[8]; /* the limits, copied from .rodata; MSG_INFO's three counts over them */
        __builtin_memcpy(i, limits, sizeof(i));
        if (cmd == MSG_INFO)
            i[0] = (int32_t)msg_ids.in_use, i[1] = (int32_t)msg_total, i[6] = (int32_t)msg_bytes;
        return ipc_info_result(&msg_ids, copy_to_user(buf, i, sizeof(i)));
    }
    default: /* IPC_STAT, IPC_SET, IPC_RMID and the *_STAT ones, or EINVAL */
        return ipc_ctl(&ipc_msg_ctl, id, cmd, old, buf);
    }
}
