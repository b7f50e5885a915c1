/* System V shared memory, as Linux's ipc/shm.c: shmget, shmat, shmdt and shmctl. A segment's
   pages are an unnamed file's (the tree's frames, as Linux's shmem), mapped by every attach
   with VM_SHARED, which no unmapping frees. An attach is a record of where it was made and of how
   many of its pages are still mapped there (munmap may take some, and the page entries never move:
   mremap refuses shared pages); it lasts while any are, so the pages of a segment are always within
   its attaches, and a segment removed (IPC_RMID) is freed with its last attach. */
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/ipc.h"
#include "kernel/kmalloc.h"
#include "kernel/mm.h"
#include "kernel/rlimit.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"
#include "kernel/vm.h"

#define SHMMNI 4096
#define SHMMAX ((word_t)-1 - (1u << 24))
#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_DEST 01000u
#define SHM_LOCKED 02000u
#define SHM_RDONLY 010000u
#define SHM_RND 020000u
#define SHM_REMAP 040000u
#define SHM_EXEC 0100000u

struct shm {
    struct ipc_obj o;
    struct vnode *file;
    word_t segsz;
    uint32_t attaches; /* its records, and an attach under way */
    int32_t cpid, lpid, name_key;
    int64_t atime, dtime;
};

struct shm_attach {
    struct shm_attach *next;
    uaddr_t start, end; /* where it was made: its pages lie within */
    struct shm *seg;
    word_t live; /* of its pages, those still mapped */
};
#define MAX_MAP_COUNT 65530 /* Linux's vm.max_map_count: attaches past it are ENOMEM */

static struct ipc_ids shm_ids = {.limit = SHMMNI, .last_idx = -1};
static struct shm_attach *attaches;
static struct shm_attach *detaching; /* shmdt's: its unmapping does not end it */
static uint32_t attach_count;
static uint64_t shm_pages;

static uint32_t pages_of(word_t size)
{
    return (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);
}

static void seg_free(struct shm *s)
{
    shm_pages -= pages_of(s->segsz);
    vfs_put(s->file);
    kfree(s, sizeof(*s));
}

static void seg_destroy_if_done(struct shm *s)
{
    if (!s->attaches && (s->o.mode & SHM_DEST)) {
        ipc_remove(&shm_ids, &s->o);
        seg_free(s);
    }
}

static sword_t seg_make(int32_t key, uint32_t flg, word_t size)
{
    if (size < 1 || size > SHMMAX)
        return -EINVAL;
    struct shm *s = kmalloc(sizeof(*s));
    struct vnode *n = s ? vfs_new(S_IFREG | 0600) : NULL;
    if (!n) {
        if (s)
            kfree(s, sizeof(*s));
        return -ENOMEM;
    }
    vfs_get(n);
    *s = (struct shm){.file = n, .segsz = size, .cpid = APP_PID, .name_key = key};
    shm_pages += pages_of(size);
    int err = size > UINT32_MAX ? -ENOMEM : vfs_allocate(n, 0, size, false);
    sword_t id = err ? err : ipc_add(&shm_ids, &s->o, key, flg);
    if (id < 0)
        seg_free(s);
    return id;
}

static int seg_check(struct ipc_obj *o, word_t size)
{
    return ((struct shm *)o)->segsz < size ? -EINVAL : 0;
}

sword_t sys_shmget(uint32_t key, word_t size, uint32_t flg)
{
    return ipc_get(&shm_ids, (int32_t)key, flg, size, seg_make, seg_check);
}

/* Is va, mapped to pa, a page of attach a? */
static bool attach_page(const struct shm_attach *a, uaddr_t va, paddr_t pa)
{
    return va >= a->start && va < a->end &&
           pa == vfs_frame(a->seg->file, (uint32_t)((va - a->start) / PAGE_SIZE));
}

/* A shared mapping's page at va: its protection (nonzero), and its frame in *pa; else 0. */
static uint32_t shared_page(uaddr_t va, paddr_t *pa)
{
    uint32_t prot;
    return vm_query_marks(va, pa, &prot) && (prot & VM_SHARED) ? prot : 0;
}

bool shm_unmapping(uaddr_t va, word_t len)
{
    for (struct shm_attach *a = attaches; a; a = a->next) {
        uaddr_t from = va > a->start ? va : a->start, to = va + len < a->end ? va + len : a->end;
        word_t gone = 0;
        paddr_t pa;
        for (uaddr_t p = from; p < to; p += PAGE_SIZE)
            gone += shared_page(p, &pa) && attach_page(a, p, pa);
        if (gone) { /* Linux's shm_close, for each mapping closed */
            a->live -= gone;
            a->seg->dtime = ipc_now();
            a->seg->lpid = APP_PID;
        }
    }
    return attaches != NULL;
}

void shm_unmapped(void)
{
    for (struct shm_attach **p = &attaches, *a; (a = *p);) {
        if (a->live || a == detaching) {
            p = &a->next;
            continue;
        }
        *p = a->next;
        kfree(a, sizeof(*a));
        attach_count--;
        struct shm *s = a->seg;
        s->attaches--;
        seg_destroy_if_done(s);
    }
}

bool shm_page(uaddr_t va, paddr_t pa, int32_t *key, int32_t *id, uint64_t *off)
{
    for (const struct shm_attach *a = attaches; a; a = a->next)
        if (attach_page(a, va, pa)) {
            *key = a->seg->name_key;
            *id = a->seg->o.id;
            *off = va - a->start;
            return true;
        }
    return false;
}

sword_t ipc_shmat(int32_t id, uaddr_t addr, uint32_t flg, uaddr_t *out)
{
    if (id < 0)
        return -EINVAL;
    bool fixed = addr != 0; /* even where SHM_RND rounds it to 0 */
    if (addr & ~PAGE_MASK) {
        if (!(flg & SHM_RND))
            return -EINVAL;
        addr &= PAGE_MASK;
        if (!addr && (flg & SHM_REMAP))
            return -EINVAL;
    }
    if (!fixed && (flg & SHM_REMAP))
        return -EINVAL;
    /* read-only: never writable (Linux's file opened O_RDONLY has no VM_MAYWRITE) */
    uint32_t prot =
        PROT_READ | (flg & SHM_RDONLY ? VM_NOWRITE : PROT_WRITE) | (flg & SHM_EXEC ? PROT_EXEC : 0);
    uint32_t acc = 0444 | (flg & SHM_RDONLY ? 0 : 0222) | (flg & SHM_EXEC ? 0111 : 0);
    struct shm *s = (struct shm *)ipc_find(&shm_ids, id);
    if (!s)
        return -EINVAL;
    if (ipc_denied(&s->o, acc))
        return -EACCES;
    word_t len = page_round_up(s->segsz);
    if (fixed && !(flg & SHM_REMAP)) {
        if (addr + s->segsz < addr)
            return -EINVAL;
        for (uaddr_t p = addr; p - addr < len; p += PAGE_SIZE)
            if (p >= USER_MIN && p < USER_TOP && vm_mapped(p))
                return -EINVAL;
    }
    struct shm_attach *a = attach_count < MAX_MAP_COUNT ? kmalloc(sizeof(*a)) : NULL;
    if (!a)
        return -ENOMEM;
    s->attaches++; /* while MAP_FIXED's unmapping might end the last attach */
    int err = mm_map_shared(&addr, len, prot, fixed, s->file);
    s->attaches--;
    if (err) {
        kfree(a, sizeof(*a));
        seg_destroy_if_done(s);
        return err;
    }
    *a = (struct shm_attach){attaches, addr, addr + len, s, len / PAGE_SIZE};
    attaches = a;
    attach_count++;
    s->attaches++;
    s->atime = ipc_now();
    s->lpid = APP_PID;
    *out = addr;
    return 0;
}

sword_t sys_shmdt(uaddr_t addr)
{
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    struct shm_attach *a = attaches;
    while (a && a->start != addr)
        a = a->next;
    if (!a)
        return -EINVAL;
    /* its pages, run by run, then the attach itself */
    detaching = a;
    for (uaddr_t p = a->start, run; p < a->end; p = run + PAGE_SIZE) {
        paddr_t pa;
        for (run = p; run < a->end && shared_page(run, &pa) && attach_page(a, run, pa);)
            run += PAGE_SIZE;
        if (run > p)
            mm_unmap(p, run - p);
    }
    detaching = NULL;
    shm_unmapped();
    return 0;
}

/* shm_nattch, as Linux counts it: the mappings, an attach split by munmap or mprotect
   counting one for each run of its pages alike. */
static uint64_t nattch(const struct shm *s)
{
    uint64_t n = 0;
    for (const struct shm_attach *a = attaches; a; a = a->next) {
        uint32_t last = 0;
        for (uaddr_t p = a->start; a->seg == s && p < a->end; p += PAGE_SIZE) {
            paddr_t pa;
            uint32_t prot = shared_page(p, &pa);
            bool mine = prot && attach_page(a, p, pa);
            n += mine && prot != last;
            last = mine ? prot : 0;
        }
    }
    return n;
}

static void seg_stat(const struct ipc_obj *o, struct ipc_ds_k *d)
{
    const struct shm *s = (const struct shm *)o;
    d->time[0] = s->atime, d->time[1] = s->dtime, d->time[2] = o->ctime;
    d->count[0] = s->segsz, d->count[1] = nattch(s);
    d->pid[0] = s->cpid, d->pid[1] = s->lpid;
}

/* IPC_RMID: the key goes at once; the segment with its last attach. */
static void seg_rmid(struct ipc_obj *o)
{
    o->mode |= SHM_DEST;
    o->key = IPC_PRIVATE;
    seg_destroy_if_done((struct shm *)o);
}

const struct ipc_ctl ipc_shm_ctl = {&shm_ids, IPC_KIND_SHM, SHM_STAT, seg_stat, NULL, seg_rmid};

sword_t ipc_shmctl(int32_t id, int32_t cmd, uaddr_t buf, bool old)
{
    if (id < 0 || cmd < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO: {
        static const uint64_t v[5] = {SHMMAX, 1, SHMMNI, SHMMNI, SHMMAX};
        return ipc_info_result(&shm_ids, abi_shminfo_to_user(buf, old, v));
    }
    case SHM_INFO: {
        const uint64_t v[6] = {shm_ids.in_use, shm_pages, shm_pages, 0, 0, 0};
        return ipc_info_result(&shm_ids, abi_shm_info_to_user(buf, v));
    }
    case SHM_LOCK:
    case SHM_UNLOCK: {
        struct shm *s = (struct shm *)ipc_find(&shm_ids, id);
        if (!s)
            return -EINVAL;
        if (!capable(CAP_IPC_LOCK)) {
            if (cred.euid != s->o.uid && cred.euid != s->o.cuid)
                return -EPERM;
            if (cmd == SHM_LOCK && !rlimit_cur(RLIMIT_MEMLOCK))
                return -EPERM;
        }
        s->o.mode = cmd == SHM_LOCK ? s->o.mode | SHM_LOCKED : s->o.mode & ~SHM_LOCKED;
        return 0;
    }
    default: /* IPC_STAT, IPC_SET, IPC_RMID and the *_STAT ones, or EINVAL */
        return ipc_ctl(&ipc_shm_ctl, id, cmd, old, buf);
    }
}
