/* The app's credentials (cred.h): the set*id, getgroups and setgroups, capget and capset
   system calls, with Linux's rules, and the permission checks the file calls make. */
#include "kernel/cred.h"
#include "kernel/app.h"
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/mount.h"
#include "kernel/rlimit.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"
#include <stddef.h>

struct cred cred = {.prm = CAP_FULL, .eff = CAP_FULL, .bnd = CAP_FULL};

/* A set of ids, real, effective, saved and file system: the user's or the group's. */
enum { REAL, EFF, SAVED, FS };
#define NO_ID 0xFFFFFFFFu /* (uid_t)-1: "unchanged", and never a valid id */
_Static_assert(offsetof(struct cred, fsuid) == offsetof(struct cred, uid) + 3 * 4, "uid set");
_Static_assert(offsetof(struct cred, fsgid) == offsetof(struct cred, gid) + 3 * 4, "gid set");

static uint32_t *ids(struct cred *c, bool group)
{
    return group ? &c->gid : &c->uid;
}

/* What effective fsuid 0 brings: the capabilities that follow the fsuid (Linux's CAP_FS_SET). */
#define CAP_FS_SET                                                                                 \
    (1ull << CAP_CHOWN | 1ull << CAP_DAC_OVERRIDE | 1ull << CAP_DAC_READ_SEARCH |                  \
     1ull << CAP_FOWNER | 1ull << CAP_FSETID | 1ull << 9 /* LINUX_IMMUTABLE */ |                   \
     1ull << CAP_MKNOD | 1ull << 32 /* MAC_OVERRIDE */)

/* The end of a change of ids, as Linux's cap_emulate_setxuid and commit_creds: leaving root
   (no id 0 left) loses the permitted and effective sets unless keepcaps, and the ambient set;
   effective uid 0 has the permitted set effective; new effective or file system ids make the
   app undumpable. */
static sword_t commit(const struct cred *old)
{
    if ((!old->uid || !old->euid || !old->suid) && cred.uid && cred.euid && cred.suid) {
        if (!cred.keepcaps)
            cred.prm = cred.eff = 0;
        cred.amb = 0;
    }
    if (!old->euid && cred.euid)
        cred.eff = 0;
    if (old->euid && !cred.euid)
        cred.eff = cred.prm;
    if (cred.euid != old->euid || cred.egid != old->egid || cred.fsuid != old->fsuid ||
        cred.fsgid != old->fsgid)
        prctl_undumpable();
    return 0;
}

/* Out of line: one copy of the capability's pick and test for the five checks of set_id,
   set_re, set_res and set_fs. */
static __attribute__((noinline)) bool may_set(bool group)
{
    return capable(group ? CAP_SETGID : CAP_SETUID);
}

/* setuid and setgid: with CAP_SETUID (CAP_SETGID) all four ids; without, the effective and
   file system ones, to the real or the saved id. */
static sword_t set_id(bool group, uint32_t id)
{
    struct cred old = cred;
    uint32_t *v = ids(&cred, group);
    if (id == NO_ID)
        return -EINVAL;
    if (may_set(group))
        v[REAL] = v[SAVED] = id;
    else if (id != v[REAL] && id != v[SAVED])
        return -EPERM;
    v[EFF] = v[FS] = id;
    return commit(&old);
}

/* setreuid and setregid: the real id to the real or effective one, the effective to any of
   the three (or anything with the capability); the saved id follows the effective one when
   the real id is set, or the effective one to other than the old real id. */
static sword_t set_re(bool group, uint32_t r, uint32_t e)
{
    struct cred old = cred;
    uint32_t *v = ids(&cred, group);
    const uint32_t *o = ids(&old, group);
    if ((r != NO_ID && r != o[REAL] && r != o[EFF] && !may_set(group)) ||
        (e != NO_ID && e != o[REAL] && e != o[EFF] && e != o[SAVED] && !may_set(group)))
        return -EPERM;
    if (r != NO_ID)
        v[REAL] = r;
    if (e != NO_ID)
        v[EFF] = e;
    if (r != NO_ID || (e != NO_ID && e != o[REAL]))
        v[SAVED] = v[EFF];
    v[FS] = v[EFF];
    return commit(&old);
}

static bool one_of(const uint32_t *v, uint32_t id)
{
    return id == NO_ID || id == v[REAL] || id == v[EFF] || id == v[SAVED];
}

/* setresuid and setresgid: each id to one of the three, or anything with the capability. */
static sword_t set_res(bool group, uint32_t r, uint32_t e, uint32_t s)
{
    struct cred old = cred;
    uint32_t *v = ids(&cred, group);
    if (!(one_of(v, r) && one_of(v, e) && one_of(v, s)) && !may_set(group))
        return -EPERM;
    const uint32_t set[3] = {r, e, s};
    for (int i = REAL; i <= SAVED; i++)
        if (set[i] != NO_ID)
            v[i] = set[i];
    v[FS] = v[EFF];
    return commit(&old);
}

/* setfsuid and setfsgid: the old file system id, always; the new one only if it is one of the
   four (or with the capability). The file system capabilities follow fsuid 0 in and out. */
static sword_t set_fs(bool group, uint32_t id)
{
    struct cred old = cred;
    uint32_t *v = ids(&cred, group), prev = v[FS];
    if (id == NO_ID || id == prev || !(one_of(v, id) || may_set(group)))
        return (sword_t)prev;
    v[FS] = id;
    if (!group && !prev)
        cred.eff &= ~CAP_FS_SET;
    if (!group && !id)
        cred.eff |= cred.prm & CAP_FS_SET;
    commit(&old);
    return (sword_t)prev;
}

sword_t sys_setuid(uint32_t uid)
{
    return set_id(false, uid);
}

sword_t sys_setgid(uint32_t gid)
{
    return set_id(true, gid);
}

sword_t sys_setreuid(uint32_t ruid, uint32_t euid)
{
    return set_re(false, ruid, euid);
}

sword_t sys_setregid(uint32_t rgid, uint32_t egid)
{
    return set_re(true, rgid, egid);
}

sword_t sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid)
{
    return set_res(false, ruid, euid, suid);
}

sword_t sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid)
{
    return set_res(true, rgid, egid, sgid);
}

sword_t sys_setfsuid(uint32_t uid)
{
    return set_fs(false, uid);
}

sword_t sys_setfsgid(uint32_t gid)
{
    return set_fs(true, gid);
}

sword_t sys_getuid(void)
{
    return (sword_t)cred.uid;
}

sword_t sys_geteuid(void)
{
    return (sword_t)cred.euid;
}

sword_t sys_getgid(void)
{
    return (sword_t)cred.gid;
}

sword_t sys_getegid(void)
{
    return (sword_t)cred.egid;
}

/* An id to the app's memory, 32 bits wide or (old16) i386's 16, where an id above 65535 is the
   overflow id, 65534: 0 or -EFAULT. One copy for getresuid's and getgroups' ids. */
static __attribute__((noinline)) int put_id(uaddr_t to, uint32_t id, bool old16)
{
    if (old16)
        id = cred_id16(id);
    return copy_to_user(to, &id, old16 ? 2 : 4);
}

sword_t cred_get_res(bool group, uaddr_t r, uaddr_t e, uaddr_t s, bool old16)
{
    const uint32_t *v = ids(&cred, group);
    const uaddr_t to[3] = {r, e, s};
    for (int i = REAL; i <= SAVED; i++)
        if (put_id(to[i], v[i], old16))
            return -EFAULT;
    return 0;
}

sword_t sys_getresuid(uaddr_t ruid, uaddr_t euid, uaddr_t suid)
{
    return cred_get_res(false, ruid, euid, suid, false);
}

sword_t sys_getresgid(uaddr_t rgid, uaddr_t egid, uaddr_t sgid)
{
    return cred_get_res(true, rgid, egid, sgid, false);
}

bool in_group(uint32_t gid)
{
    if (gid == cred.fsgid)
        return true;
    for (uint32_t i = 0; i < cred.ngroups; i++)
        if (cred.groups[i] == gid)
            return true;
    return false;
}

/* getgroups: the count for size 0, else EINVAL when they do not fit; in 16-bit ids for i386's
   first call (uid16.c), an id above 65535 as the overflow id, 65534. */
sword_t cred_get_groups(uint32_t size, uaddr_t list, bool old16)
{
    if ((int32_t)size < 0 || (size && size < cred.ngroups))
        return -EINVAL;
    for (uint32_t i = 0; size && i < cred.ngroups; i++)
        if (put_id(list + i * (old16 ? 2 : 4), cred.groups[i], old16))
            return -EFAULT;
    return (sword_t)cred.ngroups;
}

sword_t sys_getgroups(uint32_t size, uaddr_t list)
{
    return cred_get_groups(size, list, false);
}

/* setgroups, as Linux's: CAP_SETGID, then at most NGROUPS_MAX (65536); moat keeps up to 512
   (what /proc/self/status can list whole), ENOMEM beyond. (gid_t)-1 is no group (EINVAL), a
   16-bit one too. Kept sorted, duplicates and all. */
#define NGROUPS_MAX 65536
#define NGROUPS_KEPT 512
sword_t cred_set_groups(uint32_t size, uaddr_t list, bool old16)
{
    if (!capable(CAP_SETGID))
        return -EPERM;
    if (size > NGROUPS_MAX)
        return -EINVAL;
    uint32_t n = size, *g = NULL;
    if (n > NGROUPS_KEPT || (n && !(g = kmalloc(n * sizeof(*g)))))
        return -ENOMEM;
    int err = 0;
    for (uint32_t i = 0; i < n && !err; i++) {
        if (copy_from_user(&g[i], list + i * (old16 ? 2 : 4), old16 ? 2 : 4))
            err = -EFAULT;
        else if (g[i] == (old16 ? 0xFFFF : NO_ID))
            err = -EINVAL;
    }
    if (err) {
        kfree(g, n * sizeof(*g));
        return err;
    }
    for (uint32_t i = 1; i < n; i++) /* insertion sort: the list is short */
        for (uint32_t j = i; j && g[j - 1] > g[j]; j--) {
            uint32_t t = g[j];
            g[j] = g[j - 1], g[j - 1] = t;
        }
    if (cred.ngroups)
        kfree(cred.groups, cred.ngroups * sizeof(*g));
    cred.groups = g, cred.ngroups = n;
    return 0;
}

sword_t sys_setgroups(uint32_t size, uaddr_t list)
{
    return cred_set_groups(size, list, false);
}

/* capget and capset, as Linux's: the header's version (1 gives one 32-bit set, 2 and 3 two;
   another is EINVAL, with 3 written back, and capget's is no error when there is no data to
   fill), then the pid (the app's, or 0). */
#define CAP_VERSION_1 0x19980330u
#define CAP_VERSION_2 0x20071026u
#define CAP_VERSION_3 0x20080522u

static sword_t cap_header(uaddr_t header, uint32_t *sets)
{
    uint32_t v;
    if (copy_from_user(&v, header, 4))
        return -EFAULT;
    *sets = v == CAP_VERSION_1 ? 1 : v == CAP_VERSION_2 || v == CAP_VERSION_3 ? 2 : 0;
    if (*sets)
        return 0;
    v = CAP_VERSION_3;
    return copy_to_user(header, &v, 4) ? -EFAULT : -EINVAL;
}

/* The data: for each 32-bit half, effective, permitted, inheritable. */
sword_t sys_capget(uaddr_t header, uaddr_t data)
{
    uint32_t sets;
    int32_t pid;
    sword_t err = cap_header(header, &sets);
    if (err || !data)
        return err == -EINVAL && !data ? 0 : err;
    if (copy_from_user(&pid, header + 4, 4))
        return -EFAULT;
    if (pid < 0)
        return -EINVAL;
    if (pid && pid != APP_PID)
        return -ESRCH;
    uint32_t d[2][3];
    for (int i = 0; i < 2; i++)
        d[i][0] = (uint32_t)(cred.eff >> 32 * i), d[i][1] = (uint32_t)(cred.prm >> 32 * i),
        d[i][2] = (uint32_t)(cred.inh >> 32 * i);
    return copy_to_user(data, d, sets * sizeof(d[0])) ? -EFAULT : 0;
}

/* capset, as Linux's cap_capset: the permitted set may only shrink, the effective one lies
   within it, and the inheritable one within the old inheritable and bounding sets and, without
   CAP_SETPCAP, the old permitted one; the ambient set keeps what stays in both. */
sword_t sys_capset(uaddr_t header, uaddr_t data)
{
    uint32_t sets, d[2][3] = {{0}};
    int32_t pid;
    sword_t err = cap_header(header, &sets);
    if (err)
        return err;
    if (copy_from_user(&pid, header + 4, 4))
        return -EFAULT;
    if (pid && pid != APP_PID)
        return -EPERM;
    if (copy_from_user(d, data, sets * sizeof(d[0])))
        return -EFAULT;
    uint64_t set[3];
    for (int k = 0; k < 3; k++)
        set[k] = ((uint64_t)d[1][k] << 32 | d[0][k]) & CAP_FULL;
    uint64_t eff = set[0], prm = set[1], inh = set[2];
    if ((!capable(CAP_SETPCAP) && (inh & ~(cred.inh | cred.prm))) ||
        (inh & ~(cred.inh | cred.bnd)) || (prm & ~cred.prm) || (eff & ~prm))
        return -EPERM;
    cred.eff = eff, cred.prm = prm, cred.inh = inh;
    cred.amb &= prm & inh;
    return 0;
}

/* Linux's generic_permission: the owner's bits, the group's or the others', then what
   CAP_DAC_READ_SEARCH (reading, and searching directories) and CAP_DAC_OVERRIDE (anything
   but running a file without an x bit) allow. /proc is the app's own: a write there (its
   sysctl files') needs effective uid 0, as Linux's proc_sys_permission, and nothing there runs. */
int cred_permission(const struct vnode *n, uint32_t mask)
{
    bool dir = S_ISDIR(n->mode);
    if (n->proc)
        return ((mask & MAY_WRITE) && cred.euid) || ((mask & MAY_EXEC) && !dir) ? -EACCES : 0;
    uint32_t mode = n->mode;
    if (cred.fsuid == n->uid)
        mode >>= 6;
    else if (in_group(n->gid))
        mode >>= 3;
    if (!(mask & ~mode & 7))
        return 0;
    if ((dir ? !(mask & MAY_WRITE) : mask == MAY_READ) && capable(CAP_DAC_READ_SEARCH))
        return 0;
    if ((dir || !(mask & MAY_EXEC) || (n->mode & 0111)) && capable(CAP_DAC_OVERRIDE))
        return 0;
    return -EACCES;
}

bool cred_owns(const struct vnode *n)
{
    return cred.fsuid == n->uid || capable(CAP_FOWNER);
}

#define S_ISUID 04000
#define S_ISGID 02000
#define S_IXGRP 00010

void cred_init_owner(struct vnode *n, const struct vnode *dir)
{
    n->uid = cred.fsuid;
    n->gid = cred.fsgid;
    if (!dir || !(dir->mode & S_ISGID))
        return;
    n->gid = dir->gid;
    if (S_ISDIR(n->mode))
        n->mode |= S_ISGID;
    else if ((n->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) && !in_group(n->gid) &&
             !capable(CAP_FSETID))
        n->mode &= ~(uint32_t)S_ISGID; /* Linux's mode_strip_sgid */
}

void cred_write_kills_suid(struct vnode *n)
{
    uint32_t kill = n->mode & S_ISUID;
    if ((n->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
        kill |= S_ISGID;
    if (kill && S_ISREG(n->mode) && !capable(CAP_FSETID))
        n->mode &= ~kill;
}

/* Root's way in (handle_privileged_root): effective or real uid 0 has the bounding and
   inheritable sets permitted, and effective uid 0 has them effective. A set-id program
   clears the ambient set; with no_new_privs the set-id bits are ignored, the effective ids
   fall back to the real ones and no capability is gained. A program that may gain privilege
   loses the personality flags that weaken it (PER_CLEAR_ON_SETID: ASLR off and the like);
   AT_SECURE for a set-id program, or one that gains capabilities but not as real root, with
   the stack's soft limit at most 8 MiB (Linux's _STK_LIM). */
#define PER_CLEAR_ON_SETID 0x0740000u /* READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE, ... */
#define STK_LIM (8u << 20)
void cred_exec(const struct vnode *file, uint8_t via)
{
    struct cred old = cred;
    bool nnp = prctl_no_new_privs();
    bool nosuid = mount_flags(file, via) & MS_NOSUID; /* a nosuid mount's file runs as the caller */
    bool suid = !nosuid && (file->mode & S_ISUID),
         sgid = !nosuid && (file->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP);
    if (!nnp && suid)
        cred.euid = file->uid;
    if (!nnp && sgid)
        cred.egid = file->gid;
    bool setid = cred.euid != old.uid || cred.egid != old.gid;
    cred.prm = !cred.euid || !cred.uid ? old.bnd | old.inh : 0;
    if ((!nnp && (suid || sgid)) || (cred.prm & ~old.prm))
        app.personality &= ~PER_CLEAR_ON_SETID;
    if (nnp && (setid || (cred.prm & ~old.prm))) { /* they get no more than they had */
        cred.euid = cred.uid, cred.egid = cred.gid;
        cred.prm &= old.prm;
    }
    cred.suid = cred.fsuid = cred.euid;
    cred.sgid = cred.fsgid = cred.egid;
    if (setid)
        cred.amb = 0;
    cred.prm |= cred.amb;
    cred.eff = !cred.euid ? cred.prm : cred.amb;
    cred.keepcaps = false;
    cred.secureexec = setid || (cred.uid && (!cred.euid || (cred.prm & ~cred.amb)));
    if (cred.secureexec && rlimits[RLIMIT_STACK].cur > STK_LIM)
        rlimits[RLIMIT_STACK].cur = STK_LIM;
}
