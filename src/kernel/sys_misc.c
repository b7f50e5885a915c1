/* Identity, uname, TLS and exit: the system calls with no subsystem of their own. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"

sword_t sys_getpid(void)
{
    return APP_PID;
}

sword_t sys_getppid(void)
{
    return 0; /* like Linux's init: no parent */
}

sword_t sys_getuid(void)
{
    return 0;
}

sword_t sys_getgroups(word_t size, uaddr_t list)
{
    return (int32_t)size < 0 ? -EINVAL : 0; /* root with no supplementary groups */
}

/* Linux keeps tidptr to clear, and wake a futex on, when the thread exits; the one thread
   exits only with the app, when nobody is left to wake, so it is not kept. The result is
   Linux's: the caller's tid. */
sword_t sys_set_tid_address(uaddr_t tidptr)
{
    return APP_PID;
}

sword_t sys_uname(uaddr_t buf)
{
    struct utsname_k u = {.sysname = "moat",
                          .nodename = "moat",
                          .release = MOAT_VERSION,
                          .version = "#1",
                          .domainname = "(none)"};
    return abi_utsname_to_user(buf, &u);
}

sword_t sys_exit(uint32_t status)
{
    app_exit(status & 0xFF);
}

sword_t sys_exit_group(uint32_t status)
{
    app_exit(status & 0xFF);
}
