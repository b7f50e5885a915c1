/* The keyboard's flags and LEDs, its meta mode, the bell and VT switch locking, as Linux's with
 * no keyboard (its dummy console): KDGKBLED and KDSKBLED keep a VT's lock flags and their
 * defaults (EINVAL past 0x77); KDSETLED shows fixed LEDs (0-7) or the flags again (more), for
 * the VT it is called on, and KDGETLED reads the foreground VT's; KDGKBMETA and KDSKBMETA take
 * K_METABIT or K_ESCPREFIX (a new VT's); KIOCSOUND and KDMKTONE sound nothing; KDSIGACCEPT
 * takes a signal for a key that never comes (EINVAL for none or SIGKILL; EPERM without
 * CAP_SYS_TTY_CONFIG, even with CAP_KILL, before the signal is looked at); VT_LOCKSWITCH keeps
 * VT_ACTIVATE from switching until VT_UNLOCKSWITCH; VT_GETHIFONTMASK is 0; a VT freed and
 * allocated again has its flags' defaults as flags and shows them, and keeps its meta mode; as
 * nobody, the changes are EPERM and the reads are not (KDSKBMETA is left out: EPERM on Linux
 * 6.1, 0 on 6.18). It uses VTs 1 and 53 and leaves tty1 in front. */
#include "report.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KIOCSOUND 0x4B2F
#define KDMKTONE 0x4B30
#define KDGETLED 0x4B31
#define KDSETLED 0x4B32
#define KDSIGACCEPT 0x4B4E
#define KDGKBMETA 0x4B62
#define KDSKBMETA 0x4B63
#define KDGKBLED 0x4B64
#define KDSKBLED 0x4B65
#define K_METABIT 3
#define K_ESCPREFIX 4
#define VT_GETSTATE 0x5603
#define VT_ACTIVATE 0x5606
#define VT_WAITACTIVE 0x5607
#define VT_DISALLOCATE 0x5608
#define VT_LOCKSWITCH 0x560B
#define VT_UNLOCKSWITCH 0x560C
#define VT_GETHIFONTMASK 0x560D

static int tty1, vt;

static void kbled(void)
{
    unsigned char c = 0x88;
    T(ioctl(vt, KDGKBLED, &c));
    printf("flags %#x\n", c);
}

/* The LEDs shown: Linux updates them from a tasklet, so wait (up to 1 s) for what is expected. */
static void leds(int want)
{
    unsigned char c = 0x88;
    for (int i = 0; i < 100 && !ioctl(vt, KDGETLED, &c) && c != want; i++)
        usleep(10000);
    printf("KDGETLED: %#x\n", c);
}

static void meta(void)
{
    int m = 0x55;
    T(ioctl(vt, KDGKBMETA, &m));
    printf("meta %d\n", m);
}

enum { CAP_SYS_TTY_CONFIG = 26, LINUX_CAPABILITY_VERSION_3 = 0x20080522 };

/* CAP_SYS_TTY_CONFIG in the effective set, or not (it stays permitted). */
static void tty_config(int on)
{
    struct {
        unsigned version;
        int pid;
    } header = {LINUX_CAPABILITY_VERSION_3, 0};
    struct {
        unsigned effective, permitted, inheritable;
    } data[2];
    syscall(SYS_capget, &header, data);
    data[0].effective = on ? data[0].effective | 1u << CAP_SYS_TTY_CONFIG
                           : data[0].effective & ~(1u << CAP_SYS_TTY_CONFIG);
    T(syscall(SYS_capset, &header, data));
}

static void front(void)
{
    struct {
        unsigned short active, signal, state;
    } st;
    usleep(50000); /* Linux switches in a work item */
    ioctl(tty1, VT_GETSTATE, &st);
    printf("active %d\n", st.active);
}

int main(void)
{
    tty1 = open("/dev/tty1", O_RDWR);
    T(ioctl(tty1, VT_ACTIVATE, 1));
    T(ioctl(tty1, VT_WAITACTIVE, 1));
    vt = open("/dev/tty53", O_RDWR);

    puts("-- flags");
    kbled();
    T(ioctl(vt, KDSKBLED, 0x88));
    T(ioctl(vt, KDSKBLED, 0x100));
    T(ioctl(vt, KDSKBLED, 0x71));
    kbled();
    T(ioctl(vt, KDGKBLED, NULL));

    puts("-- LEDs");
    leds(0);
    T(ioctl(vt, KDSETLED, 5)); /* on tty53, not in front */
    leds(0);
    T(ioctl(tty1, VT_ACTIVATE, 53));
    T(ioctl(tty1, VT_WAITACTIVE, 53));
    leds(5);
    T(ioctl(vt, KDSETLED, 8)); /* the flags again */
    leds(1);
    T(ioctl(vt, KDSKBLED, 0));
    leds(0);
    T(ioctl(vt, KDSETLED, 0x100000002ul)); /* 2 in 32 bits */
    leds(2);
    T(ioctl(vt, KDSETLED, 0xff));
    T(ioctl(tty1, VT_ACTIVATE, 1));
    T(ioctl(tty1, VT_WAITACTIVE, 1));
    T(ioctl(vt, KDGETLED, NULL));

    puts("-- meta");
    meta();
    T(ioctl(vt, KDSKBMETA, 2));
    T(ioctl(vt, KDSKBMETA, K_METABIT));
    meta();
    T(ioctl(vt, KDSKBMETA, 0x100000000ul | K_ESCPREFIX));
    meta();
    T(ioctl(vt, KDGKBMETA, NULL));

    puts("-- sound");
    T(ioctl(vt, KIOCSOUND, 0));
    T(ioctl(vt, KDMKTONE, 0));

    puts("-- KDSIGACCEPT");
    T(ioctl(vt, KDSIGACCEPT, 0));
    T(ioctl(vt, KDSIGACCEPT, SIGKILL));
    T(ioctl(vt, KDSIGACCEPT, 65));
    T(ioctl(vt, KDSIGACCEPT, SIGWINCH));
    tty_config(0); /* CAP_KILL is not enough */
    T(ioctl(vt, KDSIGACCEPT, SIGWINCH));
    T(ioctl(vt, KDSIGACCEPT, 0));
    tty_config(1);

    puts("-- VT_LOCKSWITCH");
    T(ioctl(tty1, VT_LOCKSWITCH, 0));
    T(ioctl(tty1, VT_ACTIVATE, 53));
    front();
    T(ioctl(tty1, VT_UNLOCKSWITCH, 0));
    T(ioctl(tty1, VT_ACTIVATE, 53));
    T(ioctl(tty1, VT_WAITACTIVE, 53));
    T(ioctl(tty1, VT_ACTIVATE, 1));
    T(ioctl(tty1, VT_WAITACTIVE, 1));

    puts("-- VT_GETHIFONTMASK");
    unsigned short mask = 0x5555;
    T(ioctl(vt, VT_GETHIFONTMASK, &mask));
    printf("mask %#x\n", mask);
    T(ioctl(vt, VT_GETHIFONTMASK, NULL));

    puts("-- freed and allocated again: the flags their defaults, the LEDs them, meta kept");
    T(ioctl(vt, KDSKBLED, 0x61));
    T(ioctl(vt, KDSETLED, 3));
    T(ioctl(vt, KDSKBMETA, K_METABIT));
    close(vt);
    for (int i = 0; i < 400 && ioctl(tty1, VT_DISALLOCATE, 53) && errno == EBUSY; i++)
        usleep(5000); /* Linux lets the closed VT go in a work item */
    vt = open("/dev/tty53", O_RDWR);
    kbled();
    meta();
    T(ioctl(tty1, VT_ACTIVATE, 53));
    T(ioctl(tty1, VT_WAITACTIVE, 53));
    leds(6);
    T(ioctl(tty1, VT_ACTIVATE, 1));
    T(ioctl(tty1, VT_WAITACTIVE, 1));

    T(ioctl(vt, KDSKBLED, 0));
    T(ioctl(vt, KDSKBMETA, K_ESCPREFIX));

    puts("-- as nobody");
    T(setuid(65534));
    kbled();
    meta();
    T(ioctl(vt, KDSKBLED, 0));
    T(ioctl(vt, KDSETLED, 0xff));
    T(ioctl(vt, KIOCSOUND, 0));
    T(ioctl(vt, KDMKTONE, 0));
    T(ioctl(vt, KDSIGACCEPT, SIGWINCH));
    T(ioctl(tty1, VT_LOCKSWITCH, 0));
    T(ioctl(tty1, VT_UNLOCKSWITCH, 0));
    close(vt);
    return 0;
}
