/* /dev/watchdog (10:130), as Linux's softdog behind its watchdog device: opening it starts a
   countdown (60 s, or what WDIOC_SETTIMEOUT sets: 1 to 65535), each write or WDIOC_KEEPALIVE
   starts it again, and a close stops it only after a write that held a 'V' (the magic close);
   otherwise it runs on, said so on the console. When it runs out, the machine resets, as
   softdog's emergency_restart: the app is killed (SIGKILL) and the machine then resets
   whatever onexit= says. One opener at a time (EBUSY), as Linux's. */
#include "kernel/watchdog.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/machine.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define WDIOC_GETSUPPORT 0x80285700u
#define WDIOC_GETSTATUS 0x80045701u
#define WDIOC_GETBOOTSTATUS 0x80045702u
#define WDIOC_SETOPTIONS 0x80045704u
#define WDIOC_KEEPALIVE 0x80045705u
#define WDIOC_SETTIMEOUT 0xC0045706u
#define WDIOC_GETTIMEOUT 0x80045707u
#define WDIOC_SETPRETIMEOUT 0xC0045708u
#define WDIOC_GETPRETIMEOUT 0x80045709u
#define WDIOC_GETTIMELEFT 0x8004570Au
#define WDIOF_SETTIMEOUT 0x0080u
#define WDIOF_MAGICCLOSE 0x0100u
#define WDIOF_KEEPALIVEPING 0x8000u
#define WDIOS_DISABLECARD 1
#define WDIOS_ENABLECARD 2

static const struct file *opener;
static uint32_t timeout = 60; /* s: softdog's soft_margin */
static uint64_t deadline;     /* ns of the monotonic clock; 0: stopped */
static bool may_release;      /* the last write held a 'V' */

static void ping(void)
{
    if (deadline)
        deadline = time_monotonic_ns() + timeout * NSEC_PER_SEC;
}

static void start(void)
{
    deadline = 1;
    ping();
}

void watchdog_tick(void)
{
    if (!deadline || time_monotonic_ns() < deadline)
        return;
    deadline = 0;
    klog("watchdog: no keepalive in %u s: initiating system reboot", timeout);
    machine_end_as(MACHINE_END_RESET);
    sig_send(SIGKILL, SI_KERNEL, 0);
}

int watchdog_open(const struct file *f)
{
    if (opener)
        return -EBUSY;
    opener = f;
    may_release = false;
    start();
    return 0;
}

void watchdog_release(const struct file *f)
{
    if (f != opener)
        return;
    opener = NULL;
    if (deadline && !may_release) {
        klog("watchdog: watchdog0: watchdog did not stop!");
        ping();
    } else {
        deadline = 0;
    }
}

int32_t watchdog_write(uintptr_t buf, uint32_t len, bool kernel)
{
    if (!len)
        return 0;
    may_release = false;
    char chunk[64];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < sizeof(chunk) ? len - done : (uint32_t)sizeof(chunk);
        if (copy_from_source(chunk, buf + done, n, kernel))
            return -EFAULT;
        for (uint32_t i = 0; i < n; i++)
            may_release |= chunk[i] == 'V';
        done += n;
    }
    ping();
    return (int32_t)len;
}

int32_t watchdog_ioctl(uint32_t request, word_t arg)
{
    int32_t v; /* the int the two setting calls take, read before anything else (EFAULT) */
    if ((request == WDIOC_SETOPTIONS || request == WDIOC_SETTIMEOUT) &&
        copy_from_user(&v, arg, sizeof(v)))
        return -EFAULT;
    switch (request) {
    case WDIOC_GETSUPPORT: { /* static: copied from .rodata, not built on the stack */
        static const struct {
            uint32_t options, firmware_version;
            char identity[32];
        } info = {WDIOF_SETTIMEOUT | WDIOF_MAGICCLOSE | WDIOF_KEEPALIVEPING, 0,
                  "Software Watchdog"};
        return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
    }
    case WDIOC_GETSTATUS:
    case WDIOC_GETBOOTSTATUS:
    case WDIOC_GETPRETIMEOUT:
        return put_user_u32(arg, 0);
    case WDIOC_SETOPTIONS:
        if (v & WDIOS_DISABLECARD)
            deadline = 0;
        if (v & WDIOS_ENABLECARD)
            start();
        return v & (WDIOS_DISABLECARD | WDIOS_ENABLECARD) ? 0 : -EINVAL;
    case WDIOC_KEEPALIVE:
        ping();
        return 0;
    case WDIOC_SETTIMEOUT:
        if (v < 1 || v > 65535)
            return -EINVAL;
        timeout = (uint32_t)v;
        ping();
        return put_user_u32(arg, timeout);
    case WDIOC_GETTIMEOUT:
        return put_user_u32(arg, timeout);
    case WDIOC_SETPRETIMEOUT:
    case WDIOC_GETTIMELEFT:
        return -EOPNOTSUPP; /* softdog has neither */
    default:
        return -ENOTTY;
    }
}
