/* Identity, uname, TLS and exit: the system calls with no subsystem of their own. */
#include "arch/x86/gdt.h"
#include "kernel/app.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

int32_t sys_getpid(void)
{
    return APP_PID;
}

int32_t sys_getppid(void)
{
    return 0; /* like Linux's init: no parent */
}

int32_t sys_getuid(void)
{
    return 0;
}

int32_t sys_getgroups(uint32_t size, uint32_t list)
{
    return (int32_t)size < 0 ? -EINVAL : 0; /* root with no supplementary groups */
}

/* Linux keeps tidptr to clear, and wake a futex on, when the thread exits; the one thread
   exits only with the app, when nobody is left to wake, so it is not kept. The result is
   Linux's: the caller's tid. */
int32_t sys_set_tid_address(uint32_t tidptr)
{
    return APP_PID;
}

int32_t sys_set_thread_area(uint32_t desc)
{
    return gdt_set_tls(desc);
}

int32_t sys_uname(uint32_t buf)
{
    struct {
        char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
    } u;
    memset(&u, 0, sizeof(u));
    strlcpy(u.sysname, "moat", sizeof(u.sysname));
    strlcpy(u.nodename, "moat", sizeof(u.nodename));
    strlcpy(u.release, MOAT_VERSION, sizeof(u.release));
    strlcpy(u.version, "#1", sizeof(u.version));
    strlcpy(u.machine, "i686", sizeof(u.machine));
    strlcpy(u.domainname, "(none)", sizeof(u.domainname));
    return copy_to_user(buf, &u, sizeof(u));
}

int32_t sys_exit(uint32_t status)
{
    app_exit(status & 0xFF);
}

int32_t sys_exit_group(uint32_t status)
{
    app_exit(status & 0xFF);
}
