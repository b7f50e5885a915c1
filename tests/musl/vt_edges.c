/* The VTs' edges: VT_WAITACTIVE is EINTR for a handler even with SA_RESTART; VT_SETMODE and
 * VT_GETMODE fault on NULL, kernel and read-only pointers; a relsig or acqsig of -1 or 65 is no
 * signal (the VT is reset, the switch goes on), one of 0 raises nothing and the switch waits,
 * 64 is a signal; a real-time relsig with RLIMIT_SIGPENDING 0 is still raised, without its
 * details (si_code SI_USER), as Linux's SEND_SIG_PRIV is; a second VT_ACTIVATE while a switch
 * waits raises relsig again and retargets it, one to the foreground VT cancels nothing; the VT a
 * switch waits for may be freed, and VT_RELDISP's nonzero 32 bits (-256) let the switch go on,
 * allocating it again; a VT takes a write 2 KiB at a time, up to the first piece it cannot read
 * (tty_write's), and writev's buffers as one write, its pieces across them. It uses VTs 1, 50, 51
 * and 52, and leaves tty1 in front. */
#include "report.h"
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#define VT_GETMODE 0x5601
#define VT_SETMODE 0x5602
#define VT_GETSTATE 0x5603
#define VT_RELDISP 0x5605
#define VT_ACTIVATE 0x5606
#define VT_WAITACTIVE 0x5607
#define VT_DISALLOCATE 0x5608

struct vt_mode {
    char mode, waitv;
    short relsig, acqsig, frsig;
};
struct vt_stat {
    unsigned short v_active, v_signal, v_state;
};

static volatile int got[65], code[65];
static void on_signal(int sig, siginfo_t *info, void *context)
{
    (void)context;
    got[sig]++;
    code[sig] = info->si_code;
}

static int vt;

/* The signals raised since the last call: Linux's switch raises them from a work item, after
   VT_ACTIVATE returns, so wait (up to 2 s) for the first, then 50 ms for any more. */
static void signals(int expect)
{
    for (int i = 0; i < 400 && expect; i++) {
        int any = 0;
        for (int s = 1; s < 65; s++)
            any |= got[s];
        if (any)
            break;
        usleep(5000);
    }
    usleep(50000);
    printf("signals:");
    for (int s = 1; s < 65; s++)
        if (got[s]) {
            printf(" %d x%d (si_code %s)", s, got[s],
                   code[s] == 0x80 ? "SI_KERNEL"
                   : code[s] == 0  ? "SI_USER"
                                   : "other");
            got[s] = 0;
        }
    puts("");
}

static void active(void)
{
    struct vt_stat st;
    usleep(50000);
    ioctl(vt, VT_GETSTATE, &st);
    printf("active %d\n", st.v_active);
}

static void mode_of(int fd)
{
    struct vt_mode m;
    memset(&m, 0x77, sizeof(m));
    long r = ioctl(fd, VT_GETMODE, &m);
    printf("VT_GETMODE = %ld: mode %d, relsig %d, acqsig %d\n", r, m.mode, m.relsig, m.acqsig);
}

static void on_alarm(int sig)
{
    (void)sig;
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_signal, .sa_flags = SA_SIGINFO};
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(40, &sa, NULL);
    sigaction(64, &sa, NULL);
    vt = open("/dev/tty1", O_RDWR);
    T(ioctl(vt, VT_ACTIVATE, 1));
    T(ioctl(vt, VT_WAITACTIVE, 1));
    int t50 = open("/dev/tty50", O_RDWR);
    struct vt_mode autom = {0}, m;

    puts("-- VT_WAITACTIVE and SA_RESTART");
    struct sigaction alarm_sa = {.sa_handler = on_alarm, .sa_flags = SA_RESTART};
    sigaction(SIGALRM, &alarm_sa, NULL);
    struct itimerval it = {{0, 0}, {0, 100000}};
    setitimer(ITIMER_REAL, &it, NULL);
    T(ioctl(vt, VT_WAITACTIVE, 50));

    puts("-- pointers");
    T(ioctl(t50, VT_SETMODE, NULL));
    T(ioctl(t50, VT_GETMODE, NULL));
    T(ioctl(t50, VT_SETMODE, (void *)-4096L));
    T(ioctl(t50, VT_GETMODE, (void *)-4096L));
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    T(ioctl(t50, VT_GETMODE, ro));
    T(ioctl(t50, VT_GETMODE, ro + 4092));
    T(ioctl(t50, VT_SETMODE, ro)); /* zeros: VT_AUTO */
    mode_of(t50);

    puts("-- signals that are none, 0 and 64");
    static const short sigs[] = {-1, 65, 0, 64};
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        printf("relsig and acqsig %d\n", sigs[i]);
        m = (struct vt_mode){1, 0, sigs[i], sigs[i], 0};
        T(ioctl(t50, VT_SETMODE, &m));
        T(ioctl(vt, VT_ACTIVATE, 50));
        T(ioctl(vt, VT_WAITACTIVE, 50));
        signals(sigs[i] == 64);
        mode_of(t50);
        T(ioctl(t50, VT_SETMODE, &m));
        T(ioctl(vt, VT_ACTIVATE, 1));
        signals(sigs[i] == 64);
        if (sigs[i] == 0 || sigs[i] == 64) { /* a signal: the switch waits */
            active();
            T(ioctl(t50, VT_RELDISP, 1));
        }
        T(ioctl(vt, VT_WAITACTIVE, 1));
        T(ioctl(t50, VT_RELDISP, 1)); /* EINVAL if reset, else nothing waits */
        T(ioctl(t50, VT_SETMODE, &autom));
    }

    puts("-- a real-time relsig with RLIMIT_SIGPENDING 0");
    T(ioctl(vt, VT_ACTIVATE, 50));
    T(ioctl(vt, VT_WAITACTIVE, 50));
    m = (struct vt_mode){1, 0, 40, SIGUSR2, 0};
    T(ioctl(t50, VT_SETMODE, &m));
    struct rlimit old, none;
    getrlimit(RLIMIT_SIGPENDING, &old);
    none = old;
    none.rlim_cur = 0;
    T(setrlimit(RLIMIT_SIGPENDING, &none));
    T(ioctl(vt, VT_ACTIVATE, 1));
    signals(1);
    T(setrlimit(RLIMIT_SIGPENDING, &old));
    T(ioctl(t50, VT_RELDISP, 1));
    T(ioctl(vt, VT_WAITACTIVE, 1));
    T(ioctl(t50, VT_SETMODE, &autom));

    puts("-- a switch retargeted, and its VT freed");
    T(ioctl(vt, VT_ACTIVATE, 50));
    T(ioctl(vt, VT_WAITACTIVE, 50));
    m = (struct vt_mode){1, 0, SIGUSR1, SIGUSR2, 0};
    T(ioctl(t50, VT_SETMODE, &m));
    T(ioctl(vt, VT_ACTIVATE, 51));
    signals(1);
    T(ioctl(vt, VT_ACTIVATE, 52));
    signals(1);
    T(ioctl(vt, VT_ACTIVATE, 50)); /* the foreground one: the switch still waits */
    signals(0);
    active();
    T(ioctl(vt, VT_DISALLOCATE, 52));
    T(ioctl(vt, VT_DISALLOCATE, 50));
    T(ioctl(t50, VT_RELDISP, (unsigned long)-256));
    T(ioctl(vt, VT_WAITACTIVE, 52));
    T(ioctl(t50, VT_RELDISP, (unsigned long)(1ull << 32))); /* 0 in 32 bits: nothing waits */
    T(ioctl(t50, VT_SETMODE, &autom));
    T(ioctl(vt, VT_ACTIVATE, 1));
    T(ioctl(vt, VT_WAITACTIVE, 1));

    puts("-- a write's pieces");
    char *p = mmap(NULL, 16384, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 8192, 8192);
    T(write(t50, p + 2048, 8192));
    T(write(t50, p + 100, 8192));
    T(write(t50, p + 6000, 2192));
    T(write(t50, p + 6000, 2193));
    T(write(t50, p + 8000, 300));
    T(write(t50, p + 8192, 0));
    /* writev's buffers are one write: its pieces span them */
    struct iovec ok_null[2] = {{p, 3}, {NULL, 3}};
    T(writev(t50, ok_null, 2));
    struct iovec long_null[2] = {{p, 3000}, {NULL, 3}};
    T(writev(t50, long_null, 2));
    struct iovec split[3] = {{p + 5000, 1000}, {p, 0}, {p + 7000, 1193}};
    T(writev(t50, split, 3));

    close(t50);
    for (int i = 0; i < 400 && ioctl(vt, VT_DISALLOCATE, 50) && errno == EBUSY; i++)
        usleep(5000); /* Linux lets the closed VT go in a work item */
    T(ioctl(vt, VT_DISALLOCATE, 0));
    return 0;
}
