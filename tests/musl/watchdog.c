/* /dev/watchdog, as Linux's softdog: one opener (EBUSY), its ioctls, writes that keep it
 * alive, the magic close ('V') that stops it, a close without it that leaves it running, and
 * then the reset when nothing keeps it alive: the app is killed. moat-only: the host has no
 * watchdog device. */
#include "report.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* linux/watchdog.h's, which musl's headers lack */
struct watchdog_info {
    uint32_t options, firmware_version;
    uint8_t identity[32];
};
#define WDIOC_GETSUPPORT _IOR('W', 0, struct watchdog_info)
#define WDIOC_GETSTATUS _IOR('W', 1, int)
#define WDIOC_SETOPTIONS _IOR('W', 4, int)
#define WDIOC_KEEPALIVE _IOR('W', 5, int)
#define WDIOC_SETTIMEOUT _IOWR('W', 6, int)
#define WDIOC_GETTIMEOUT _IOR('W', 7, int)
#define WDIOC_SETPRETIMEOUT _IOWR('W', 8, int)
#define WDIOC_GETPRETIMEOUT _IOR('W', 9, int)
#define WDIOC_GETTIMELEFT _IOR('W', 10, int)
#define WDIOS_DISABLECARD 1
#define WDIOS_ENABLECARD 2

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
    nanosleep(&ts, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int fd = TF(open("/dev/watchdog", O_WRONLY));
    T(open("/dev/watchdog", O_WRONLY));
    struct watchdog_info info;
    memset(&info, 0xff, sizeof(info));
    T(ioctl(fd, WDIOC_GETSUPPORT, &info));
    printf("options %#x firmware %u identity \"%s\"\n", info.options, info.firmware_version,
           (char *)info.identity);
    int v = 0;
    T(ioctl(fd, WDIOC_GETTIMEOUT, &v));
    printf("timeout %d\n", v);
    v = 0;
    T(ioctl(fd, WDIOC_SETTIMEOUT, &v));
    v = 65536;
    T(ioctl(fd, WDIOC_SETTIMEOUT, &v));
    v = 1;
    T(ioctl(fd, WDIOC_SETTIMEOUT, &v));
    printf("timeout now %d\n", v);
    T(ioctl(fd, WDIOC_GETTIMELEFT, &v));
    T(ioctl(fd, WDIOC_GETSTATUS, &v));
    v = 0;
    T(ioctl(fd, WDIOC_SETOPTIONS, &v));
    T(ioctl(fd, WDIOC_GETPRETIMEOUT, &v));
    T(ioctl(fd, WDIOC_SETPRETIMEOUT, &v));
    T(ioctl(fd, TCGETS, &v));
    char c;
    T(read(fd, &c, 1));
    /* kept alive for 3 s by a write or a keepalive every 400 ms, with a 1 s timeout */
    for (int i = 0; i < 8; i++) {
        nap_ms(400);
        if (i % 2)
            write(fd, "x", 1);
        else
            ioctl(fd, WDIOC_KEEPALIVE, 0);
    }
    printf("alive after 3 s of keepalives\n");
    T(write(fd, "xVx", 3));
    T(close(fd));
    nap_ms(1500);
    printf("alive 1.5 s after the magic close\n");
    v = WDIOS_ENABLECARD;
    fd = TF(open("/dev/watchdog", O_WRONLY));
    T(ioctl(fd, WDIOC_SETOPTIONS, &v));
    v = WDIOS_DISABLECARD;
    T(ioctl(fd, WDIOC_SETOPTIONS, &v));
    nap_ms(1500);
    printf("alive 1.5 s after WDIOS_DISABLECARD\n");
    v = WDIOS_ENABLECARD;
    T(ioctl(fd, WDIOC_SETOPTIONS, &v));
    T(write(fd, "V", 1));
    T(write(fd, "x", 1)); /* the last write holds no 'V': a close does not stop it */
    T(close(fd));
    printf("closed without the magic: waiting\n");
    nap_ms(3000);
    printf("still alive: the watchdog did not fire\n");
    return 1;
}
