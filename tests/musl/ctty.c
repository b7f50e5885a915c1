/* Proves the controlling terminal as Linux's: the app, as init, starts without one, so
 * /dev/tty is ENXIO and the console's TIOCGPGRP, TIOCGSID and TIOCNOTTY are ENOTTY, and
 * TIOCSCTTY is EPERM before setsid. A session leader does not take /dev/console, nor ttyS0
 * opened write-only or with O_NOCTTY, but takes ttyS0 opened for reading: then /dev/tty opens,
 * the terminal names the session and the group (TIOCSPGRP takes the group's own number only),
 * /proc/self/stat shows it (tty_nr 4:64, tpgid); TIOCNOTTY gives it up, the group getting
 * SIGHUP and SIGCONT, and TIOCSCTTY takes it again. */
#include "report.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static volatile int hups, conts;

static void count(int sig)
{
    if (sig == SIGHUP)
        hups++;
    else
        conts++;
}

/* /proc/self/stat's tty_nr and tpgid (fields 7 and 8), as "major:minor tpgid is the group". */
static void stat_tty(void)
{
    char buf[512];
    int fd = open("/proc/self/stat", O_RDONLY);
    long n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *p = strrchr(buf, ')');
    long nr = 0, tpgid = 0;
    if (p) {
        strtol(p + 4, &p, 10); /* ppid */
        strtol(p, &p, 10);     /* pgrp */
        strtol(p, &p, 10);     /* session */
        nr = strtol(p, &p, 10);
        tpgid = strtol(p, &p, 10);
    }
    printf("stat: tty_nr %ld:%ld, tpgid %s\n", nr >> 8, nr & 255,
           tpgid == -1          ? "-1"
           : tpgid == getpgrp() ? "the group"
                                : "other");
}

/* TIOCGSID and TIOCGPGRP, compared with getsid and getpgrp. */
static void ids(int fd)
{
    pid_t id = -2;
    if (ioctl(fd, TIOCGSID, &id))
        printf("TIOCGSID: %s\n", errname(errno));
    else
        printf("TIOCGSID: %s\n", id == getsid(0) ? "the session" : "other");
    if (ioctl(fd, TIOCGPGRP, &id))
        printf("TIOCGPGRP: %s\n", errname(errno));
    else
        printf("TIOCGPGRP: %s\n", id == getpgrp() ? "the group" : "other");
}

int main(void)
{
    signal(SIGHUP, count);
    signal(SIGCONT, count);
    int con = open("/dev/console", O_RDWR);
    T(open("/dev/tty", O_RDWR));
    ids(con);
    T(ioctl(con, TIOCNOTTY));
    T(ioctl(con, TIOCSCTTY, 0));
    stat_tty();
    printf("setsid: %s\n", setsid() > 0 ? "leader" : errname(errno));
    T(open("/dev/tty", O_RDWR));
    T(ioctl(con, TIOCGPGRP, &(pid_t){0}));
    int again = open("/dev/console", O_RDWR);
    T(open("/dev/tty", O_RDWR));
    int wo = open("/dev/ttyS0", O_WRONLY);
    T(open("/dev/tty", O_RDWR));
    int noctty = open("/dev/ttyS0", O_RDONLY | O_NOCTTY);
    T(open("/dev/tty", O_RDWR));
    printf("opened: %s\n", again >= 0 && wo >= 0 && noctty >= 0 ? "yes" : "no");
    int s = open("/dev/ttyS0", O_RDWR);
    TF(open("/dev/tty", O_RDWR));
    ids(s);
    ids(con); /* /dev/console is the same terminal */
    stat_tty();
    T(ioctl(s, TIOCSCTTY, 0)); /* already the session's */
    T(ioctl(s, TIOCSPGRP, &(pid_t){getpgrp()}));
    T(ioctl(s, TIOCSPGRP, &(pid_t){-1}));
    T(ioctl(s, TIOCSPGRP, &(pid_t){99999}));
    T(ioctl(s, TIOCSPGRP, (pid_t *)0));
    T(ioctl(s, TIOCNOTTY));
    printf("SIGHUP %d, SIGCONT %d\n", hups, conts);
    T(open("/dev/tty", O_RDWR));
    ids(s);
    stat_tty();
    T(ioctl(con, TIOCSCTTY, 0));
    TF(open("/dev/tty", O_RDWR));
    ids(s);
    T(ioctl(s, TIOCNOTTY)); /* no terminal left to hang up at exit */
    printf("SIGHUP %d, SIGCONT %d\n", hups, conts);
    return 0;
}
