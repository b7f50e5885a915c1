/* Proves the console's terminal settings: tcgetattr reports a raw 115200 8N1 serial tty with
 * ICRNL, OPOST|ONLCR, ISIG and Linux's control characters; tcsetattr takes new ones (raw, as
 * cfmakeraw makes them, then the old ones back with TCSAFLUSH) and reports them; canonical
 * mode and echo, which the console does not have, are EINVAL and change nothing; tcdrain and
 * tcflush work. */
#include "report.h"
#include <termios.h>
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
    T(tcsetattr(1, TCSAFLUSH, &old));
    show_tio("back");
    T(tcdrain(1));
    T(tcflush(1, TCIFLUSH));
    T(tcflush(1, 7));
    return 0;
}
