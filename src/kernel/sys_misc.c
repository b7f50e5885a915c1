/* Identity, uname and its names, priority, TLS and exit: the system calls with no subsystem of
   their own. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/machine.h"
#include "kernel/rlimit.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

sword_t sys_getpid(void)
{
    return APP_PID;
}

sword_t sys_getppid(void)
{
    return 0; /* like Linux's init: no parent */
}

/* The one process's group and session. Linux's init starts in its parent's, the kernel's (0);
   setsid makes it the leader of both (1), after which setsid is EPERM, as for any group
   leader, and setpgid may not move a session leader. */
static bool is_app(uint32_t pid)
{
    return pid == 0 || pid == APP_PID;
}

sword_t sys_getpgid(uint32_t pid)
{
    return is_app(pid) ? (sword_t)app.pgid : -ESRCH;
}

sword_t sys_getpgrp(void)
{
    return (sword_t)app.pgid;
}

sword_t sys_getsid(uint32_t pid)
{
    return is_app(pid) ? (sword_t)app.sid : -ESRCH;
}

sword_t sys_setsid(void)
{
    if (app.pgid == APP_PID)
        return -EPERM;
    app.pgid = app.sid = APP_PID;
    return APP_PID;
}

/* As Linux's: pgid 0 means the process's own pid, and a group to join must exist in its
   session, where there is no other. */
sword_t sys_setpgid(uint32_t pid, uint32_t pgid)
{
    if ((int32_t)pgid < 0)
        return -EINVAL;
    if (!is_app(pid))
        return -ESRCH;
    if (app.sid == APP_PID || (pgid && pgid != APP_PID))
        return -EPERM;
    app.pgid = APP_PID;
    return 0;
}

/* reboot(2), as Linux's: the magic numbers, then the command. Power off, halt and restart end
   the app (status 0) and stop the machine so; Ctrl-Alt-Del's setting has nothing to act on. */
/* init_module, finit_module and delete_module. moat never loads code into itself: it is Linux
   with kernel.modules_disabled set (/proc/sys/kernel/modules_disabled reads 1 and takes no 0),
   whose three calls refuse at once, with EPERM, and whose /proc/modules is empty. */
sword_t sys_module(void)
{
    return -EPERM;
}

#define REBOOT_MAGIC1 0xFEE1DEADu
#define REBOOT_MAGIC2 672274793u /* and Linux's three others */
#define REBOOT_MAGIC2A 85072278u
#define REBOOT_MAGIC2B 369367448u
#define REBOOT_MAGIC2C 537993216u
#define REBOOT_CMD_RESTART 0x01234567u
#define REBOOT_CMD_HALT 0xCDEF0123u
#define REBOOT_CMD_CAD_ON 0x89ABCDEFu
#define REBOOT_CMD_CAD_OFF 0x00000000u
#define REBOOT_CMD_POWER_OFF 0x4321FEDCu
#define REBOOT_CMD_RESTART2 0xA1B2C3D4u

sword_t sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, uaddr_t arg)
{
    if (!capable(CAP_SYS_BOOT))
        return -EPERM;
    if (magic1 != REBOOT_MAGIC1 || (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A &&
                                    magic2 != REBOOT_MAGIC2B && magic2 != REBOOT_MAGIC2C))
        return -EINVAL;
    char why[256];
    switch (cmd) {
    case REBOOT_CMD_CAD_ON:
    case REBOOT_CMD_CAD_OFF:
        return 0;
    case REBOOT_CMD_POWER_OFF:
        app_reboot(MACHINE_END_POWEROFF, "power off");
    case REBOOT_CMD_HALT:
        app_reboot(MACHINE_END_HALT, "halt");
    case REBOOT_CMD_RESTART:
        app_reboot(MACHINE_END_RESET, "restart");
    case REBOOT_CMD_RESTART2:
        if (copy_string_from_user(why, arg, sizeof(why)) == -EFAULT)
            return -EFAULT;
        app_reboot(MACHINE_END_RESET, "restart");
    default:
        return -EINVAL;
    }
}

/* Linux keeps tidptr to clear, and wake a futex on, when the thread exits; the one thread
   exits only with the app, when nobody is left to wake, so it is not kept. The result is
   Linux's: the caller's tid. */
sword_t sys_set_tid_address(uaddr_t tidptr)
{
    return APP_PID;
}

/* personality, as Linux's: the old value, the new one kept unless it is 0xffffffff (a query).
   The execution domain is always Linux's; PER_LINUX32 makes uname say i686, and
   ADDR_NO_RANDOMIZE turns ASLR off for the programs execve runs next (but a set-id one, as
   Linux's PER_CLEAR_ON_SETID: cred_exec). */
sword_t sys_personality(uint32_t persona)
{
    uint32_t old = app.personality;
    if (persona != 0xFFFFFFFFu)
        app.personality = persona;
    return (sword_t)old;
}

/* The names uname reports, which CAP_SYS_ADMIN may set: __NEW_UTS_LEN bytes and a NUL. In
   .bss, where the file keeps no room for them: each takes its default at its first use. */
static char uts_names[2][UTS_LEN + 1];
static bool uts_named[2];

char *uts_name(bool domain)
{
    if (!uts_named[domain]) {
        strlcpy(uts_names[domain], domain ? "(none)" : "moat", UTS_LEN + 1);
        uts_named[domain] = true;
    }
    return uts_names[domain];
}

sword_t sys_uname(uaddr_t buf)
{
    struct utsname_k u = {.sysname = UTS_SYSNAME,
                          .nodename = uts_name(false),
                          .release = UTS_RELEASE,
                          .version = UTS_VERSION,
                          .domainname = uts_name(true)};
    return abi_utsname_to_user(buf, &u);
}

/* sethostname and setdomainname, as Linux's: up to 64 bytes, the rest of the name cleared. */
static sword_t set_uts_name(bool domain, uaddr_t uname, uint32_t len)
{
    char tmp[UTS_LEN];
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    if ((int32_t)len < 0 || len > UTS_LEN)
        return -EINVAL;
    if (copy_from_user(tmp, uname, len))
        return -EFAULT;
    char *name = uts_name(domain);
    memcpy(name, tmp, len);
    memset(name + len, 0, UTS_LEN + 1 - len);
    return 0;
}

sword_t sys_sethostname(uaddr_t name, uint32_t len)
{
    return set_uts_name(false, name, len);
}

sword_t sys_setdomainname(uaddr_t name, uint32_t len)
{
    return set_uts_name(true, name, len);
}

/* getpriority, setpriority and i386's nice: the one process's nice value, kept and reported
   as Linux does (getpriority's raw result is 20 - nice), though with nothing else to run it
   changes nothing. Lowering it takes RLIMIT_NICE's room or CAP_SYS_NICE (Linux's can_nice). */
enum { PRIO_PROCESS, PRIO_PGRP, PRIO_USER };

static sword_t prio_target(uint32_t which, uint32_t who)
{
    if (which > PRIO_USER)
        return -EINVAL;
    if (who && who != (which == PRIO_PROCESS ? APP_PID : which == PRIO_PGRP ? app.pgid : cred.uid))
        return -ESRCH; /* another process, another group (the app's is Linux init's, 0, until
                          setsid) or another user's */
    return 0;
}

/* (Wide, so that nice's sum never overflows.) */
static int32_t nice_clamp(int64_t n)
{
    return n < -20 ? -20 : n > 19 ? 19 : (int32_t)n;
}

sword_t sys_getpriority(uint32_t which, uint32_t who)
{
    sword_t err = prio_target(which, who);
    return err ? err : 20 - app.nice;
}

static bool can_nice(int32_t nice)
{
    return (uint64_t)(20 - nice) <= rlimit_cur(RLIMIT_NICE) || capable(CAP_SYS_NICE);
}

sword_t sys_setpriority(uint32_t which, uint32_t who, uint32_t niceval)
{
    sword_t err = prio_target(which, who);
    int32_t nice = nice_clamp((int32_t)niceval);
    if (!err && nice < app.nice && !can_nice(nice))
        err = -EACCES;
    if (!err)
        app.nice = nice;
    return err;
}

sword_t sys_nice(uint32_t increment)
{
    int32_t inc = (int32_t)increment;
    int32_t nice = nice_clamp((int64_t)app.nice + inc);
    if (inc < 0 && !can_nice(nice))
        return -EPERM;
    app.nice = nice;
    return 0;
}

/* ioprio_get and ioprio_set: the one process's I/O priority, kept and reported as Linux keeps
   it (none until set), on the same targets as getpriority's (IOPRIO_WHO_* count from 1). The
   value is checked first, as Linux's ioprio_check_cap: the class (bits 13 to 15), and its
   data, which only best effort and real time have (8 levels). */
#define IOPRIO_CLASS(v) (((v) >> 13) & 7)
#define IOPRIO_DATA(v) ((v) & ((1u << 13) - 1))
enum { IOPRIO_CLASS_NONE, IOPRIO_CLASS_RT, IOPRIO_CLASS_BE, IOPRIO_CLASS_IDLE };
static uint32_t io_priority;

sword_t sys_ioprio_get(uint32_t which, uint32_t who)
{
    sword_t err = prio_target(which - 1, who);
    return err ? err : (sword_t)io_priority;
}

sword_t sys_ioprio_set(uint32_t which, uint32_t who, uint32_t ioprio)
{
    uint32_t class = IOPRIO_CLASS(ioprio), data = IOPRIO_DATA(ioprio);
    if (class == IOPRIO_CLASS_RT && !capable(CAP_SYS_ADMIN) && !capable(CAP_SYS_NICE))
        return -EPERM;
    if (class > IOPRIO_CLASS_IDLE || (class == IOPRIO_CLASS_NONE && data) ||
        ((class == IOPRIO_CLASS_RT || class == IOPRIO_CLASS_BE) && data >= 8))
        return -EINVAL;
    sword_t err = prio_target(which - 1, who);
    if (!err)
        io_priority = ioprio;
    return err;
}

sword_t sys_exit(uint32_t status)
{
    app_exit(status & 0xFF);
}

sword_t sys_exit_group(uint32_t status)
{
    app_exit(status & 0xFF);
}

/* unshare, as a Linux built without namespaces but the mount one (a copy of moat's one tree,
   which nothing else can see): the flags Linux knows, then EINVAL for the namespaces it
   would lack (UTS, IPC, user, PID, network, time; a cgroup one is ignored, as there); what
   one thread shares with no other (files, fs, sighand, vm, SysV undo) is unshared already. A
   namespace takes CAP_SYS_ADMIN (EPERM), checked after the user namespace's EINVAL. */
#define CLONE_NEWTIME 0x00000080u
#define CLONE_VM 0x00000100u
#define CLONE_FS 0x00000200u
#define CLONE_FILES 0x00000400u
#define CLONE_SIGHAND 0x00000800u
#define CLONE_THREAD 0x00010000u
#define CLONE_NEWNS 0x00020000u
#define CLONE_SYSVSEM 0x00040000u
#define CLONE_NEWCGROUP 0x02000000u
#define CLONE_NEWUTS 0x04000000u
#define CLONE_NEWIPC 0x08000000u
#define CLONE_NEWUSER 0x10000000u
#define CLONE_NEWPID 0x20000000u
#define CLONE_NEWNET 0x40000000u

sword_t sys_unshare(word_t flags)
{
    if (flags & ~(word_t)(CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND | CLONE_VM |
                          CLONE_FILES | CLONE_SYSVSEM | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
                          CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWTIME))
        return -EINVAL;
    if (flags & CLONE_NEWUSER)
        return -EINVAL;
    if ((flags & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID |
                  CLONE_NEWNET | CLONE_NEWTIME)) &&
        !capable(CAP_SYS_ADMIN))
        return -EPERM;
    if (flags & (CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME))
        return -EINVAL;
    return 0;
}
