/* Proves the virtual terminals behave as Linux's with no screen (its dummy console, the serial line
 * being the console): /dev/console is no VT (KDGKBTYPE is ENOTTY), /dev/tty0 and ttyN are (KB_101);
 * VT_ACTIVATE allocates a VT and switches to it at once, so VT_WAITACTIVE returns, and waits for a
 * signal for any other VT (EINTR); VT_GETSTATE says the foreground VT and which are held open
 * (v_signal untouched), VT_OPENQRY the first free one; VT_DISALLOCATE frees a VT no file holds,
 * refuses tty1's, the foreground one's and a held one's (EBUSY), and 0 frees all it can (a VT
 * not allocated, with an argument: see unallocated); a VT takes writes (EFAULT for a bad buffer),
 * has no key to read (EAGAIN, FIONREAD 0, poll's POLLOUT alone), is no seekable file (ESPIPE; a
 * read of VMIN 0 ends at VTIME), has 25 rows of 80 columns and its own terminal settings (less the
 * line's speed and size, which stay), reset when no file holds it; the font is the console's
 * (KDFONTOP's COPY is EINVAL); KDSKBMODE's mode is 32 bits, a VT allocated anew has the UTF-8
 * keyboard again, and a switch away from a VT in graphics mode is ignored; without
 * CAP_SYS_TTY_CONFIG the switches are EPERM and the queries still answer. VT_SETMODE puts a VT in
 * VT_PROCESS mode, where a switch to it raises its acqsig and a switch away its relsig and waits
 * for VT_RELDISP (1 lets it go, 0 refuses it); a relsig that is no signal resets the VT and the
 * switch goes on. It uses VTs 1, 13, 42 and 43, and leaves tty1 in front. Linux lets a closed VT go
 * in a work item after the close: the test waits for that (released), as VT_GETSTATE shows it. */
#include "report.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define KDGKBTYPE 0x4B33
#define KDSETMODE 0x4B3A
#define KDGETMODE 0x4B3B
#define KDGKBMODE 0x4B44
#define KDSKBMODE 0x4B45
#define KDFONTOP 0x4B72
#define VT_OPENQRY 0x5600
#define VT_GETMODE 0x5601
#define VT_SETMODE 0x5602
#define VT_GETSTATE 0x5603
#define VT_RELDISP 0x5605
#define VT_ACTIVATE 0x5606
#define VT_WAITACTIVE 0x5607
#define VT_DISALLOCATE 0x5608

enum { VT_AUTO, VT_PROCESS, VT_ACKACQ };
struct vt_mode {
    char mode, waitv;
    short relsig, acqsig, frsig;
};
struct vt_stat {
    unsigned short v_active, v_signal, v_state;
};
struct console_font_op {
    unsigned int op, flags, width, height, charcount;
    unsigned char *data;
};

static void on_alarm(int sig)
{
    (void)sig;
}

static volatile int vt_sig, vt_code;
static void on_vt_signal(int sig, siginfo_t *info, void *context)
{
    (void)context;
    vt_sig = sig;
    vt_code = info->si_code;
}

/* Wait (up to 2 s) for a VT_PROCESS VT's signal: Linux's switch raises it in a work item, after
   VT_ACTIVATE, moat's in the call. */
static void vt_signal(void)
{
    for (int i = 0; i < 400 && !vt_sig; i++)
        usleep(5000);
    printf("signal %s, si_code %s\n",
           vt_sig == SIGUSR1   ? "SIGUSR1"
           : vt_sig == SIGUSR2 ? "SIGUSR2"
                               : "none",
           vt_code == 0x80 ? "SI_KERNEL" : "other");
    vt_sig = vt_code = 0;
}

static void vt_mode(int fd)
{
    struct vt_mode m;
    memset(&m, 0x77, sizeof(m));
    long r = ioctl(fd, VT_GETMODE, &m);
    printf("VT_GETMODE = %ld: mode %d, waitv %d, relsig %d, acqsig %d, frsig %d\n", r, m.mode,
           m.waitv, m.relsig, m.acqsig, m.frsig);
}

/* VT_GETSTATE's answer, with v_state's bits for tty0 and the VTs this test uses alone (another
   program on a host may hold other VTs open). */
static void state(int fd)
{
    struct vt_stat st = {0, 0x7777, 0};
    long r = ioctl(fd, VT_GETSTATE, &st);
    printf("VT_GETSTATE = %ld: active %u, signal %#x, open: tty0, tty1, tty13 %#x\n", r,
           st.v_active, st.v_signal, st.v_state & 0x2003u);
}

/* Wait (up to 2 s) until VT n (below 16: VT_GETSTATE's bits) is no longer held: Linux drops a
   closed VT's last hold in a work item, moat at the close. */
static void released(int fd, int n)
{
    struct vt_stat st;
    for (int i = 0; i < 400 && !ioctl(fd, VT_GETSTATE, &st) && st.v_state & 1u << n; i++)
        usleep(5000);
}

/* VT_DISALLOCATE of a VT above 15 that was just closed, which VT_GETSTATE cannot show: tried
   again (for up to 2 s) while it is still held. */
static long disallocate_closed(int fd, int n)
{
    long r;
    for (int i = 0; (r = ioctl(fd, VT_DISALLOCATE, n)) && errno == EBUSY && i < 400; i++)
        usleep(5000);
    return r;
}

/* VT_DISALLOCATE of a VT that is not allocated is EBUSY, as Linux's vt_busy has it while no
   console has ever had a selection (vc_is_sel(NULL): the selection's console and the VT's are
   both none), as on a Linux just booted. Linux never forgets the console of a selection once
   made (TIOCL_SETSEL, gpm): from then on the call frees nothing and says 0. So this is no case
   for a host's Linux; Linux 6.1 i386, booted for it, gives this. */
static int unallocated(void)
{
    int vt = open("/dev/tty1", O_RDWR);
    T(ioctl(vt, VT_DISALLOCATE, 13)); /* never allocated */
    int t13 = open("/dev/tty13", O_RDWR | O_NONBLOCK);
    T(ioctl(vt, VT_DISALLOCATE, 13)); /* held */
    close(t13);
    released(vt, 13);
    T(ioctl(vt, VT_DISALLOCATE, 13));
    T(ioctl(vt, VT_DISALLOCATE, 13)); /* freed */
    return 0;
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return unallocated();
    char type = 0;
    int console = open("/dev/console", O_RDWR);
    T(ioctl(console, KDGKBTYPE, &type));
    int one = open("/dev/tty1", O_RDWR);
    T(ioctl(one, KDGKBTYPE, &type));
    printf("type %d\n", type);
    T(ioctl(one, VT_ACTIVATE, 1));
    T(ioctl(one, VT_WAITACTIVE, 1));
    int vt = open("/dev/tty0", O_RDWR); /* now tty1, the foreground VT */
    state(vt);

    puts("-- freeing");
    T(ioctl(vt, VT_DISALLOCATE, 64));
    T(ioctl(vt, VT_DISALLOCATE, 1)); /* the foreground one */
    int t13 = open("/dev/tty13", O_RDWR | O_NONBLOCK);
    state(vt);
    int free_vt = 0;
    T(ioctl(vt, VT_OPENQRY, &free_vt));
    printf("first free VT: %s\n", free_vt > 1 && free_vt != 13 ? "not 1 nor 13" : "?");
    T(ioctl(vt, VT_DISALLOCATE, 13)); /* held */
    close(t13);
    released(vt, 13);
    T(ioctl(vt, VT_DISALLOCATE, 13));

    puts("-- a VT's file");
    t13 = open("/dev/tty13", O_RDWR | O_NONBLOCK);
    char c;
    T(write(t13, "shown nowhere\n", 14));
    T(write(t13, (void *)8, 1));
    T(read(t13, &c, 1));
    T(read(t13, &c, 0));
    int n = -1;
    T(ioctl(t13, FIONREAD, &n));
    printf("waiting %d\n", n);
    struct pollfd p = {t13, POLLIN | POLLOUT, 0};
    T(poll(&p, 1, 0));
    printf("revents %#x\n", p.revents);
    T(lseek(t13, 0, SEEK_SET));
    struct winsize ws;
    T(ioctl(t13, TIOCGWINSZ, &ws));
    printf("%u rows, %u columns\n", ws.ws_row, ws.ws_col);

    puts("-- its settings");
    struct termios t;
    T(tcgetattr(t13, &t));
    printf("iflag %#o oflag %#o cflag %#o lflag %#o line %u VMIN %u VINTR %u\n", t.c_iflag,
           t.c_oflag, t.c_cflag, t.c_lflag, t.c_line, t.c_cc[VMIN], t.c_cc[VINTR]);
    cfmakeraw(&t);
    t.c_cflag = (t.c_cflag & ~(unsigned)(CBAUD | CSIZE)) | B9600 | CS7 | PARENB | CLOCAL;
    T(tcsetattr(t13, TCSANOW, &t));
    int again = open("/dev/tty13", O_RDWR);
    T(tcgetattr(again, &t)); /* one VT's, through another file; its line's speed and size stay */
    printf("lflag %#o cflag %#o\n", t.c_lflag, t.c_cflag);
    t.c_cc[VMIN] = 0; /* no key: 0 at once, or once VTIME passes */
    T(tcsetattr(again, TCSANOW, &t));
    T(read(again, &c, 1));
    t.c_cc[VTIME] = 1;
    T(tcsetattr(again, TCSANOW, &t));
    T(read(again, &c, 1));
    struct termios tty1;
    T(tcgetattr(one, &tty1)); /* another VT's are its own */
    printf("tty1's lflag %#o\n", tty1.c_lflag);
    close(again);
    close(t13);
    t13 = open("/dev/tty13", O_RDWR);
    T(tcgetattr(t13, &t)); /* no file held it: reset */
    printf("lflag %#o\n", t.c_lflag);

    puts("-- switching");
    T(ioctl(vt, VT_ACTIVATE, 0));
    T(ioctl(vt, VT_ACTIVATE, 64));
    T(ioctl(vt, VT_WAITACTIVE, 64));
    T(ioctl(vt, VT_ACTIVATE, 42)); /* allocated on the way */
    T(ioctl(vt, VT_WAITACTIVE, 42));
    state(vt);
    T(ioctl(vt, VT_DISALLOCATE, 42)); /* in front */
    T(ioctl(vt, VT_ACTIVATE, 1));
    T(ioctl(vt, VT_WAITACTIVE, 1));
    signal(SIGALRM, on_alarm);
    alarm(1);
    T(ioctl(vt, VT_WAITACTIVE, 43)); /* no switch comes */
    T(ioctl(vt, VT_DISALLOCATE, 42));
    close(t13);
    released(vt, 13);
    T(ioctl(vt, VT_DISALLOCATE, 0)); /* 13 too */

    puts("-- modes and the font");
    int mode = -1;
    T(ioctl(vt, KDGETMODE, &mode));
    printf("mode %d\n", mode);
    T(ioctl(vt, KDSETMODE, 4));
    T(ioctl(vt, KDGKBMODE, &mode));
    printf("keyboard mode %d\n", mode);
    T(ioctl(vt, KDSKBMODE, 5));
    struct console_font_op op = {.op = 3};
    T(ioctl(vt, KDFONTOP, &op));
    T(ioctl(vt, KDFONTOP, (void *)8));

    puts("-- a VT made anew");
    t13 = open("/dev/tty13", O_RDWR);
    T(ioctl(t13, KDSKBMODE, (unsigned long)(1ull << 32))); /* K_RAW: the mode is 32 bits */
    T(ioctl(t13, KDGKBMODE, &mode));
    printf("keyboard mode %d\n", mode);
    close(t13);
    released(vt, 13);
    T(ioctl(vt, VT_DISALLOCATE, 13));
    t13 = open("/dev/tty13", O_RDWR);
    T(ioctl(t13, KDGKBMODE, &mode)); /* back to UTF-8 */
    printf("keyboard mode %d\n", mode);
    close(t13);
    released(vt, 13);
    T(ioctl(vt, KDSETMODE, 1)); /* KD_GRAPHICS in front: a switch is ignored */
    T(ioctl(vt, VT_ACTIVATE, 13));
    ualarm(200000, 0);
    T(ioctl(vt, VT_WAITACTIVE, 13));
    state(vt);
    T(ioctl(vt, KDSETMODE, 0));
    T(ioctl(vt, VT_DISALLOCATE, 13)); /* the switch allocated it */

    puts("-- VT_PROCESS switching");
    struct sigaction sa = {.sa_sigaction = on_vt_signal, .sa_flags = SA_SIGINFO};
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    int t42 = open("/dev/tty42", O_RDWR);
    vt_mode(t42);
    T(ioctl(t42, VT_RELDISP, 1)); /* VT_AUTO */
    struct vt_mode m = {3, 1, SIGUSR1, SIGUSR2, 9};
    T(ioctl(t42, VT_SETMODE, &m));
    T(ioctl(t42, VT_SETMODE, (void *)8));
    m.mode = VT_PROCESS;
    T(ioctl(t42, VT_SETMODE, &m));
    vt_mode(t42);
    T(ioctl(t42, VT_RELDISP, 1)); /* no switch waits */
    T(ioctl(t42, VT_RELDISP, VT_ACKACQ));
    T(ioctl(vt, VT_ACTIVATE, 42)); /* acquired: acqsig */
    vt_signal();
    T(ioctl(vt, VT_WAITACTIVE, 42));
    T(ioctl(t42, VT_RELDISP, VT_ACKACQ));
    T(ioctl(vt, VT_ACTIVATE, 1)); /* asked to let go: relsig */
    vt_signal();
    state(vt);
    T(ioctl(t42, VT_RELDISP, 0)); /* refused */
    state(vt);
    T(ioctl(t42, VT_RELDISP, 1)); /* no switch waits any more */
    T(ioctl(vt, VT_ACTIVATE, 1));
    vt_signal();
    T(ioctl(t42, VT_RELDISP, 1)); /* let go */
    T(ioctl(vt, VT_WAITACTIVE, 1));
    state(vt);
    T(ioctl(vt, VT_ACTIVATE, 42));
    vt_signal();
    T(ioctl(vt, VT_WAITACTIVE, 42));
    m.relsig = 100; /* no signal: as if its owner were gone, the VT is reset and switched from */
    T(ioctl(t42, VT_SETMODE, &m));
    T(ioctl(vt, VT_ACTIVATE, 1));
    T(ioctl(vt, VT_WAITACTIVE, 1));
    vt_mode(t42);
    close(t42);
    T(disallocate_closed(vt, 42));

    puts("-- as nobody");
    T(setuid(65534));
    T(ioctl(vt, VT_ACTIVATE, 1));
    T(ioctl(vt, VT_WAITACTIVE, 1));
    T(ioctl(vt, KDSKBMODE, 3));
    T(ioctl(vt, VT_SETMODE, &m));
    T(ioctl(vt, VT_RELDISP, 1));
    vt_mode(vt);
    op.op = 0;
    T(ioctl(vt, KDFONTOP, &op));
    state(vt);
    T(ioctl(vt, KDGKBTYPE, &type));
    T(open("/dev/tty2", O_RDWR));
    return 0;
}
