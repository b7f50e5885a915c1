/* The app's credentials, as Linux's struct cred: its user and group ids, its supplementary
   groups and its capabilities, and the permission checks that read them. The app starts as
   root, with every capability, and may give them up as a Linux process does. */
#pragma once

#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

/* The capabilities the kernel checks (linux/capability.h's numbers). */
enum {
    CAP_CHOWN = 0,
    CAP_DAC_OVERRIDE = 1,
    CAP_DAC_READ_SEARCH = 2,
    CAP_FOWNER = 3,
    CAP_FSETID = 4,
    CAP_KILL = 5,
    CAP_SETGID = 6,
    CAP_SETUID = 7,
    CAP_SETPCAP = 8,
    CAP_NET_BIND_SERVICE = 10,
    CAP_NET_ADMIN = 12,
    CAP_NET_RAW = 13,
    CAP_IPC_LOCK = 14,
    CAP_IPC_OWNER = 15,
    CAP_SYS_CHROOT = 18,
    CAP_SYS_ADMIN = 21,
    CAP_SYS_BOOT = 22,
    CAP_SYS_NICE = 23,
    CAP_SYS_RESOURCE = 24,
    CAP_SYS_TIME = 25,
    CAP_SYS_TTY_CONFIG = 26,
    CAP_MKNOD = 27,
    CAP_SYSLOG = 34,
    CAP_LAST_CAP = 40, /* Linux 6.1's */
};
#define CAP_FULL ((2ull << CAP_LAST_CAP) - 1)

struct cred {
    uint32_t uid, euid, suid, fsuid; /* real, effective, saved, file system */
    uint32_t gid, egid, sgid, fsgid;
    uint32_t ngroups;
    uint32_t *groups; /* sorted, as Linux's groups_sort (getgroups returns them so) */
    uint64_t inh, prm, eff, bnd, amb; /* the capability sets: inheritable ... ambient */
    bool keepcaps;   /* SECBIT_KEEP_CAPS: setuid away from root keeps prm (execve clears it) */
    bool secureexec; /* the running program was started set-id: AT_SECURE */
};
extern struct cred cred;

static inline bool capable(int cap)
{
    return cred.eff >> cap & 1;
}

bool in_group(uint32_t gid); /* the fsgid or a supplementary group */
/* An id as i386's first, 16-bit calls see it: 65534, the overflow id, when it does not fit. */
static inline uint32_t cred_id16(uint32_t id)
{
    return id > 0xFFFF ? 65534 : id;
}

/* getresuid and getresgid (group), getgroups and setgroups, in 32-bit ids or (old16) i386's
   first 16-bit ones. */
sword_t cred_get_res(bool group, uaddr_t r, uaddr_t e, uaddr_t s, bool old16);
sword_t cred_get_groups(uint32_t size, uaddr_t list, bool old16);
sword_t cred_set_groups(uint32_t size, uaddr_t list, bool old16);

/* May the app (its fsuid, fsgid, groups and capabilities) reach n so: MAY_* or-ed, as
   Linux's generic_permission. 0 or -EACCES. */
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4
struct vnode;
int cred_permission(const struct vnode *n, uint32_t mask);
/* Linux's inode_owner_or_capable: the fsuid owns n, or the app has CAP_FOWNER. */
bool cred_owns(const struct vnode *n);
/* A new node in dir: the fsuid's, and the fsgid's or a set-group-ID dir's group (a
   directory inherits the bit), as Linux's inode_init_owner. */
void cred_init_owner(struct vnode *n, const struct vnode *dir);
/* A write or truncation by the app drops set-user-ID (and set-group-ID with group x) unless it
   has CAP_FSETID, as Linux's file_remove_privs. */
void cred_write_kills_suid(struct vnode *n);

/* execve's new credentials from the program's file, as Linux's bprm_fill_uid and
   cap_bprm_creds_from_file: set-id bits, root's capabilities, AT_SECURE; and what a program
   that may gain privilege does not inherit (the personality's ASLR opt-out, a stack limit
   over 8 MiB). After the point of no return. via: the mount the file was reached through. */
void cred_exec(const struct vnode *file, uint8_t via);
