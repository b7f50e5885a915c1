/* Proves the console's terminal settings: tcgetattr reports a raw 115200 8N1 serial tty with
 * ICRNL, OPOST|ONLCR, ISIG and Linux's control characters; tcsetattr takes new ones (raw, as
 * cfmakeraw makes them, then the old ones back with TCSAFLUSH) and reports them; canonical
 * mode and echo, which the console does not have, are taken without them (tcgetattr shows
 * what is in effect, as POSIX has it); VMIN 0 makes a read of the terminal give up at once,
 * or after VTIME tenths of a second; tcdrain and tcflush work. */
#include "report.h"
#include <fcntl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void show_tio(const char *what)
{
    struct termios t;
    tcgetattr(1, &t);
    printf("%s: iflag %o oflag %o cflag %o lflag %o intr %d eof %d min %d time %d speed %s\n", what,
           t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag, t.c_cc[VINTR], t.c_cc[VEOF], t.c_cc[VMIN],
           t.c_cc[VTIME], cfgetospeed(&t) == B115200 ? "115200" : "other");
}

int main(void)
{
    struct termios old, raw, t;
    T(tcgetattr(1, &old));
    show_tio("start");
    raw = old;
    cfmakeraw(&raw);
    T(tcsetattr(1, TCSANOW, &raw));
    show_tio("raw");
    t = raw;
    t.c_lflag |= ICANON;
    T(tcsetattr(1, TCSANOW, &t));
    t = raw;
    t.c_lflag |= ECHO;
    T(tcsetattr(1, TCSADRAIN, &t));
    show_tio("still raw");
    char c;
    struct timespec a, b;
    int tty = open("/dev/console", O_RDWR); /* no /dev/tty: no controlling terminal */
    t = raw;
    t.c_cc[VMIN] = 0;
    T(tcsetattr(tty, TCSAFLUSH, &t)); /* nothing waiting, whatever came before */
    T(read(tty, &c, 1));
    t.c_cc[VTIME] = 3;
    T(tcsetattr(tty, TCSANOW, &t));
    clock_gettime(CLOCK_MONOTONIC, &a);
    T(read(tty, &c, 1));
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    printf("after VTIME 3: %s\n", ms >= 290 && ms < 2000 ? "0.3 s" : "WRONG");
    T(tcsetattr(1, TCSAFLUSH, &old));
    show_tio("back");
    T(tcdrain(1));
    T(tcflush(1, TCIFLUSH));
    T(tcflush(1, 7));
    return 0;
}
