/* System V IPC, as Linux's ipc/: message queues (ipc_msg.c), semaphore sets (ipc_sem.c) and
   shared memory segments (ipc_shm.c), each kind with its own ids, on the common machinery of
   ipc.c: keys, ids, permissions, and the control commands every kind shares. */
#pragma once

#include "kernel/abi.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define IPC_PRIVATE 0
#define IPC_CREAT 01000u
#define IPC_EXCL 02000u
#define IPC_NOWAIT 04000u
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64 0x100
#define IPCMNI 32768 /* an id's index lies in its low 15 bits, its sequence number above */

/* What every object has: Linux's kern_ipc_perm, and its place in its kind's list. */
struct ipc_obj {
    struct ipc_obj *next; /* the kind's objects, by index */
    int32_t key, id;
    uint32_t uid, gid, cuid, cgid, mode;
    int64_t ctime;
};

/* A kind's objects. */
struct ipc_ids {
    struct ipc_obj *list;
    uint32_t in_use, seq, limit;
    int32_t last_idx;
};

/* get: the object of key, checked by check (the kind's more_checks; may be NULL) and for the
   permissions flg asks, or a new one from make (key IPC_PRIVATE, or IPC_CREAT and none). */
sword_t ipc_get(struct ipc_ids *ids, int32_t key, uint32_t flg, word_t arg,
                sword_t (*make)(int32_t key, uint32_t flg, word_t arg),
                int (*check)(struct ipc_obj *o, word_t arg));
/* A new object's perm filled in and its id given: the id, or -ENOSPC past the kind's limit
   (the caller frees it then). */
sword_t ipc_add(struct ipc_ids *ids, struct ipc_obj *o, int32_t key, uint32_t flg);
void ipc_remove(struct ipc_ids *ids, struct ipc_obj *o);
/* The object with id, or NULL (Linux: EINVAL). */
struct ipc_obj *ipc_find(const struct ipc_ids *ids, int32_t id);
/* Does flg (S_I* bits, any of each class) ask for what the caller lacks (Linux's ipcperms)? */
bool ipc_denied(const struct ipc_obj *o, uint32_t flg);
/* *_INFO's result after its copy out (fault: nonzero if that failed, EFAULT): the largest
   index in use, or 0. */
sword_t ipc_info_result(const struct ipc_ids *ids, int fault);

/* The control commands the kinds share: IPC_STAT and its by-index forms, the kind's *_STAT
   (stat_cmd) and *_STAT_ANY (stat_cmd + 2, for every kind), with stat filling the kind's
   fields; IPC_SET (set: the kind's own part, checked and then applied; may be NULL); IPC_RMID
   (rmid). Any other command is EINVAL. */
struct ipc_ctl {
    struct ipc_ids *ids;
    int kind, stat_cmd;
    void (*stat)(const struct ipc_obj *o, struct ipc_ds_k *d);
    int (*set)(struct ipc_obj *o, const struct ipc_ds_k *d, bool apply);
    void (*rmid)(struct ipc_obj *o);
};
sword_t ipc_ctl(const struct ipc_ctl *k, int32_t id, int cmd, bool old, uaddr_t buf);
extern const struct ipc_ctl ipc_msg_ctl, ipc_sem_ctl, ipc_shm_ctl;
/* /proc/sysvipc/msg, sem or shm (kind: IPC_KIND_*): the header, then a line per object in
   index order, as Linux's sysvipc_*_proc_show, onto the text being made (proc_put). */
void ipc_proc_text(int kind);
/* The caller's calendar time in seconds, for the objects' times. */
int64_t ipc_now(void);
/* Wait for a signal (-EINTR), or until timeout_ns has passed (-EAGAIN; 0: no timeout). */
int ipc_wait(uint64_t timeout_ns);
/* One look of such a wait until deadline (monotonic ns; UINT64_MAX: none): -EAGAIN once it has
   passed, else -EINTR for a signal, else 0 after a tick's wait (poll and select wait so too). */
int ipc_wait_step(uint64_t deadline);

/* The kinds' calls, with the cmd and version already split (old: the ipc() multiplexer's
   IPC_OLD layouts). */
sword_t ipc_msgctl(int32_t id, int32_t cmd, uaddr_t buf, bool old);
sword_t ipc_semctl(int32_t id, int32_t num, int32_t cmd, word_t arg, bool old);
sword_t ipc_shmctl(int32_t id, int32_t cmd, uaddr_t buf, bool old);
sword_t ipc_semtimedop(int32_t id, uaddr_t sops, uint32_t nsops, uaddr_t timeout, bool time64);
sword_t ipc_shmat(int32_t id, uaddr_t addr, uint32_t flg, uaddr_t *out);
sword_t ipc_msgrcv(int32_t id, uaddr_t msgp, sword_t size, sword_t type, uint32_t flg);

/* Shared memory's part in the address space (ipc_shm.c), for mm_unmap: [va, va + len) is
   about to be unmapped, its segment pages counted out of their attaches (false: there are no
   attaches); then it is, and the attaches with no page left end. And is va, mapped to pa, a
   segment's page (its key as the segment was made, its id, and the page's offset in it)? */
bool shm_unmapping(uaddr_t va, word_t len);
void shm_unmapped(void);
bool shm_page(uaddr_t va, paddr_t pa, int32_t *key, int32_t *id, uint64_t *off);
