/* How the app ends: each way prints one final line that tools/run.py reads, then stops. */
#include "kernel/app.h"
#include "kernel/console.h"
#include "kernel/fmt.h"
#include "kernel/machine.h"
#include "kernel/signal.h"

struct app app;

void app_exit(uint32_t status)
{
    klog("app exited with status %u", status);
    machine_exit(MACHINE_EXIT_APP_ENDED);
}

void app_kill(int sig)
{
    klog("app killed by signal %d (%s)", sig, sig_name(sig));
    machine_exit(MACHINE_EXIT_APP_ENDED);
}

void app_reboot(enum machine_end how, const char *what)
{
    klog("reboot: %s, as the app asked", what);
    machine_end_as(how);
    app_exit(0);
}

void app_refuse(const char *fmt, ...)
{
    char why[160];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    klog("app refused: %s", why);
    machine_exit(MACHINE_EXIT_REFUSED);
}
