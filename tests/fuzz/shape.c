/* The fuzzer's rules: which call comes next, what its arguments may be, and what it must
   leave behind. The why of each rule is in fuzz.c's first comment. */
#include "fuzz.h"
#include "raw.h"

#define KHALF 0xC0000000u
#define SIG_DFL 0u
#define SIG_IGN 1u

/* Where the built argument structs sit in fz.structs. */
enum { ACT = 0, TS = 64, SIGEV = 128, IOV = 256, IOV_MAX = 8, MMAP = 512, ITV = 576, STACK = 608 };

/* Calls moat implements: 7 in 16 calls pick one of these. Those it had when these rules were
   written, and mremap and unshare since, so fewer than have an entry point in
   src/abi/i386/syscall.tbl; the other later ones come only in the draw of any number up to 450. */
static const uint16_t implemented[] = {
    3,   4,   5,   13,  20,  27,  33,  37,  43,  45,  54,  55,  64,  76,  77,  78,  80,
    85,  91,  104, 105, 116, 122, 125, 146, 158, 163, 162, 172, 174, 175, 176, 177, 178,
    183, 186, 191, 192, 195, 196, 197, 199, 200, 201, 202, 205, 219, 221, 224, 238, 241,
    242, 243, 258, 265, 266, 270, 295, 300, 305, 307, 310, 311, 312, 318, 335, 340, 355,
    383, 386, 403, 406, 439, 185, 203, 204, 206, 208, 210, 213, 214, 215, 216, /* the credentials */
};

static uint32_t below(uint32_t n)
{
    return fuzz_rand() % n;
}

static uint32_t *built(uint32_t off)
{
    return (uint32_t *)(fz.structs + off);
}

/* In the app's own image or stack (the vsyscall page too): never handed out at random. */
static int own(uint32_t v)
{
    return (v >= fz.image_lo && v < fz.image_hi) || (v >= fz.stack_lo && v < KHALF);
}

static uint32_t word(void)
{
    uint32_t v = fuzz_rand();
    return own(v) ? v | KHALF : v;
}

static uint32_t kernel_addr(void)
{
    switch (below(5)) {
    case 0:
        return KHALF;
    case 1:
        return 0xFFFFF000u;
    case 2:
        return 0xFFFFFFFFu - below(16);
    case 3:
        return KHALF + (fuzz_rand() & 0x3FFFFFFFu);
    default:
        return KHALF - 1 - below(16); /* the vsyscall page's end: straddles the kernel */
    }
}

/* An address whose first byte cannot be read: nothing can be copied from it at all. */
static uint32_t unreadable(void)
{
    switch (below(6)) {
    case 0:
        return 0;
    case 1:
        return below(0x10000); /* the null region */
    case 2:
        return fz.edge_e + FZ_PAGE; /* a hole */
    case 3:
        return fz.edge_f + FZ_PAGE + below(FZ_PAGE); /* PROT_NONE */
    case 4:
        return fz.gap;
    default:
        return below(2) ? 0xFFFFF000u : KHALF + (fuzz_rand() & 0x3FFFFFFFu);
    }
}

/* The last n bytes or fewer of a target page that is followed by a hole or PROT_NONE. */
static uint32_t straddle(uint32_t n)
{
    return (below(2) ? fz.edge_e : fz.edge_f) + FZ_PAGE - 1 - below(n);
}

static uint32_t target_ptr(void)
{
    uint32_t i = below(FZ_NTARGETS);
    return fz.target[i] + below(fz.target_len[i] - FZ_ROOM + 1);
}

static uint32_t ptr(void)
{
    switch (below(10)) {
    case 0:
    case 1:
    case 2:
        return target_ptr();
    case 3:
    case 4:
        return straddle(64);
    case 5:
        return fz.scratch + below(FZ_SCRATCH_PAGES * FZ_PAGE - FZ_ROOM);
    case 6:
        return fz.ro + below(FZ_PAGE);
    case 7:
        return fz.text_lo + below(fz.text_hi - fz.text_lo);
    case 8:
        return fz.vsyscall ? fz.vsyscall + below(FZ_PAGE) : 0;
    default:
        return unreadable();
    }
}

static uint32_t arg(void)
{
    switch (below(16)) {
    case 0:
    case 1:
        return 0;
    case 2:
    case 3:
    case 4:
        return below(17);
    case 5:
        return below(4097);
    case 6:
        return 0xFFFFFFFFu;
    case 7:
        return (uint32_t) - (int32_t)(2 + below(15));
    case 8:
    case 9:
        return word();
    case 10:
    case 11:
        return kernel_addr();
    default:
        return ptr();
    }
}

static int skipped(uint32_t nr)
{
    switch (nr) {
    case 1:
    case 252:
    case 2:
    case 190:
    case 120:
    case 435:
    case 11:
    case 358:
    case 88:
    case 119:
    case 173:
    case 29:
    case 72:
    case 179:
    case 113:
    case 166:
    case 354:
    case 75:
    case 168:
    case 309:
    case 414:
    case 82:
    case 142:
    case 308:
    case 413:
    case 240:
    case 422:
    case 449:
    case 256:
    case 319:
    case 441:
    case 117:
    case 397:
        return 1;
    default:
        return 0;
    }
}

/* A CPU clock stands still while the app sleeps on it: such a sleep only ends by a signal. */
static uint32_t wall_clock(uint32_t clock)
{
    return clock == 2 || (int32_t)clock < 0 ? 1 : clock;
}

/* A mode whose type is a FIFO's becomes a regular file's: opening a FIFO waits for the other
   end, and nothing would come. */
static uint32_t no_fifo(uint32_t mode)
{
    return (mode & 0170000) == 0010000 ? mode ^ 0010000 ^ 0100000 : mode;
}

static uint32_t no_kill(uint32_t sig)
{
    return sig == 9 || sig == 19 ? 0 : sig;
}

/* act for rt_sigaction and sigaction: the handler is first in both layouts. */
static uint32_t act_ptr(uint32_t sig)
{
    switch (below(6)) {
    case 0:
        return 0;
    case 1:
        return unreadable();
    case 2:
        return straddle(15); /* too short for either struct */
    default: {
        uint32_t *s = built(ACT);
        int dfl_ignores = sig == 17 || sig == 18 || sig == 23 || sig == 28;
        s[0] = dfl_ignores && below(2) ? SIG_DFL : SIG_IGN;
        s[1] = below(2) ? fuzz_rand() : below(17);
        s[2] = arg();
        s[3] = fuzz_rand();
        s[4] = fuzz_rand();
        return (uint32_t)s;
    }
    }
}

/* A time to sleep or wait: under 1 ms, invalid, or a bad pointer. wide: __kernel_timespec. */
static uint32_t time_ptr(int wide, int nonnull)
{
    switch (below(6)) {
    case 0:
        if (!nonnull)
            return 0; /* fall through */
    case 1:
        return unreadable() | (nonnull ? KHALF : 0);
    case 2:
        return straddle(wide ? 15 : 7);
    default: {
        int32_t sec = 0, nsec = (int32_t)below(1000000);
        switch (below(8)) {
        case 0:
            nsec = -1;
            break;
        case 1:
            nsec = 1000000000;
            break;
        case 2:
            sec = -1;
            break;
        default:
            break;
        }
        int32_t *t = (int32_t *)built(TS);
        if (wide) {
            t[0] = sec, t[1] = sec < 0 ? -1 : 0, t[2] = nsec, t[3] = nsec < 0 ? -1 : 0;
        } else {
            t[0] = sec, t[1] = nsec;
        }
        return (uint32_t)t;
    }
    }
}

/* A range the memory calls may change: inside the scratch region, or one they must refuse. */
static void range(uint32_t *addr, uint32_t *len)
{
    uint32_t p = below(FZ_SCRATCH_PAGES), base = fz.scratch + p * FZ_PAGE;
    uint32_t room = (FZ_SCRATCH_PAGES - p) * FZ_PAGE;
    switch (below(8)) {
    case 0:
    case 1:
    case 2:
        *addr = base;
        *len = below(4) ? (1 + below(FZ_SCRATCH_PAGES - p)) * FZ_PAGE : below(room + 1);
        break;
    case 3:
        *addr = base + 1 + below(FZ_PAGE - 1);
        *len = below(room - (*addr - base) + 1);
        break;
    case 4:
        *addr = kernel_addr();
        *len = fuzz_rand();
        break;
    case 5:
        *addr = base;
        *len = 0u - base + below(0x10000); /* wraps past 4 GiB into the null region */
        break;
    case 6: {
        uint32_t k = 1 + below(2); /* from the vsyscall page or just below it into the kernel */
        *addr = KHALF - k * FZ_PAGE;
        *len = (k + 1 + below(3)) * FZ_PAGE;
        break;
    }
    default:
        *addr = 0;
        *len = below(0x10001);
        break;
    }
}

static uint32_t mmap_flags(void)
{
    static const uint32_t types[] = {0x02, 0x02, 0x02, 0x02, 0x02, 0x01, 0x03, 0x00};
    uint32_t f = types[below(8)];
    if (below(8))
        f |= 0x20; /* MAP_ANONYMOUS */
    if (!below(3))
        f |= 0x10; /* MAP_FIXED */
    if (!below(8))
        f |= 0x100000; /* MAP_FIXED_NOREPLACE */
    if (!below(8))
        f |= fuzz_rand() & 0xFFF00u; /* GROWSDOWN .. SYNC */
    if (!below(16))
        f |= 0x0C | (fuzz_rand() & 0xFFF00000u);
    return f;
}

/* mmap's six arguments: a fixed mapping only where range() allows. */
static void mmap_args(uint32_t m[6])
{
    m[2] = below(4) ? below(8) : arg();
    m[3] = mmap_flags();
    m[4] = below(4) ? 0xFFFFFFFFu : arg();
    m[5] = below(4) ? 0 : arg();
    if (m[3] & 0x10) {
        range(&m[0], &m[1]);
        return;
    }
    /* A hint anywhere, the app's own memory too: it must not be taken when not free. */
    switch (below(4)) {
    case 0:
        m[0] = 0;
        break;
    case 1:
        m[0] = fz.image_lo + (below(fz.image_hi - fz.image_lo) & ~(FZ_PAGE - 1u));
        break;
    case 2:
        m[0] = fz.edge_e + FZ_PAGE * below(5);
        break;
    default:
        m[0] = arg();
        break;
    }
    m[1] = below(4) ? (1 + below(16)) * FZ_PAGE - below(2) * below(FZ_PAGE) : arg();
}

static void quiet_writev(uint32_t a[6])
{
    if (below(2)) {
        a[1] = unreadable();
        return;
    }
    uint32_t *v = built(IOV);
    for (int i = 0; i < IOV_MAX; i++) {
        int empty = (int)below(2);
        v[2 * i] = empty ? ptr() : unreadable();
        v[2 * i + 1] = empty ? 0 : arg();
    }
    a[1] = (uint32_t)v;
    a[2] = below(IOV_MAX + 1);
}

static int tty_setter(uint32_t req)
{
    uint32_t low = req & 0xFFFF;
    if (low < 0x5400 || low > 0x54FF)
        return 0;
    return low != 0x5401 && low != 0x5413 && low != 0x541B && low != 0x540F && low != 0x5429;
}

/* Half the time, valid selectors (fds, sizes, which, how), so calls get past their first
   check; the pointers stay hostile. */
static void plausible(uint32_t nr, uint32_t a[6])
{
    switch (nr) {
    case 3:
    case 4:
    case 54:
    case 146:
        a[0] = below(4);
        break;
    case 37: /* kill: the app is pid 1, its group 0 */
        a[0] = below(3);
        break;
    case 238:
    case 270:
        a[0] = a[1] = 1;
        break;
    case 104:
    case 105: /* ITIMER_REAL, _VIRTUAL, _PROF; a small interval and value */
        a[0] = below(3);
        if (nr == 104) {
            uint32_t *t = built(ITV);
            for (int i = 0; i < 4; i++)
                t[i] = i & 1 ? below(4) ? below(1000000) : fuzz_rand() : below(4) ? 0 : arg();
            a[1] = (uint32_t)t;
        }
        break;
    case 125:
    case 380:
        a[2] = below(8);
        break;
    case 175: /* rt_sigprocmask */
        a[0] = below(4);
        a[3] = 8;
        break;
    case 176:
        a[1] = below(9);
        break;
    case 177:
        a[3] = 8;
        break;
    case 186: { /* sigaltstack: a built stack_t */
        static const uint32_t flags[] = {0, 1, 2, 0x80000000u};
        uint32_t *t = built(STACK);
        t[0] = ptr();
        t[1] = flags[below(4)];
        t[2] = below(2) ? below(0x10000) : arg();
        a[0] = (uint32_t)t;
        break;
    }
    case 243: { /* set_thread_area: a user_desc in a target, since entry -1 is written back */
        uint32_t *d = (uint32_t *)fz.target[1];
        d[0] = below(2) ? 0xFFFFFFFFu : below(16);
        d[1] = arg();
        d[2] = arg();
        d[3] = fuzz_rand() & 0x1FF;
        a[0] = (uint32_t)d;
        break;
    }
    case 265:
    case 403:
        a[0] = below(12);
        break;
    default:
        break;
    }
}

/* Apply the rules of fuzz.c's first comment to one call's arguments. */
static void shape(uint32_t nr, uint32_t a[6])
{
    if (below(2))
        plausible(nr, a);
    switch (nr) {
    case 3:
    case 180: /* read, pread64: the console would wait for input */
        if (a[0] < 1024 && (int32_t)a[2] > 0)
            a[2] = 0;
        break;
    case 145:
    case 333: /* readv, preadv */
        if (a[0] < 1024)
            a[2] = 0;
        break;
    case 4:
    case 181: /* write, pwrite64: nothing reaches the console */
        if (a[0] < 1024 && (int32_t)a[2] > 0)
            a[1] = unreadable();
        break;
    case 146:
    case 334: /* writev, pwritev */
        if (a[0] < 1024)
            quiet_writev(a);
        break;
    case 6:
    case 436: /* close, close_range */
        if (a[0] <= 2)
            a[0] += 3;
        break;
    case 63:
    case 330: /* dup2, dup3 */
        if (a[1] <= 2)
            a[1] += 3;
        break;
    case 54: /* ioctl */
        if (below(2))
            a[1] = (const uint32_t[]){0x5401, 0x5413, 0x541B, 0x540F, 0x5429}[below(5)];
        if (tty_setter(a[1]))
            a[1] = 0x5401;
        break;
    case 37:
    case 238:
    case 178:
    case 424: /* kill, tkill, rt_sigqueueinfo, pidfd_send_signal */
        a[1] = no_kill(below(2) ? below(66) : a[1]);
        break;
    case 270:
    case 335: /* tgkill, rt_tgsigqueueinfo */
        a[2] = no_kill(below(2) ? below(66) : a[2]);
        break;
    case 48: /* signal */
        a[1] = SIG_IGN;
        break;
    case 67:
    case 174: /* sigaction, rt_sigaction */
        if (below(2))
            a[0] = below(66);
        if (below(2))
            a[3] = 8;
        a[1] = act_ptr(a[0]);
        break;
    case 259: /* timer_create */
        if (below(2)) {
            uint32_t *s = built(SIGEV);
            s[0] = fuzz_rand();
            s[1] = no_kill(below(66));
            s[2] = below(6);
            s[3] = arg();
            a[1] = (uint32_t)s;
        } else {
            a[1] = below(2) ? 0 : unreadable();
        }
        break;
    case 172:                         /* prctl */
        if (a[0] == 22 || a[0] == 35) /* PR_SET_SECCOMP, PR_SET_MM */
            a[0] = 0;
        break;
    case 340: /* prlimit64 */
        a[2] = 0;
        break;
    case 103: /* syslog: no SYSLOG_ACTION_READ, which waits for a line once all are read; the
                 reads no further than a target's room (the log may hold more) */
        if (a[0] == 2)
            a[0] = 3;
        if ((a[0] == 3 || a[0] == 4) && a[2] > FZ_ROOM && (int32_t)a[2] >= 0)
            a[2] = below(FZ_ROOM + 1);
        break;
    case 14:
    case 297: /* mknod, mknodat: no FIFO */
        a[nr == 297 ? 2 : 1] = no_fifo(a[nr == 297 ? 2 : 1]);
        break;
    case 355: /* getrandom: no further than a target's room, or into nothing writable */
        if (below(2))
            a[1] = below(FZ_ROOM + 1);
        if (a[1] > FZ_ROOM)
            a[0] = unreadable();
        break;
    case 162: /* nanosleep */
        a[0] = time_ptr(0, 0);
        break;
    case 267: /* clock_nanosleep */
        a[2] = time_ptr(0, 0);
        a[0] = wall_clock(a[0]);
        break;
    case 407: /* clock_nanosleep_time64 */
        a[2] = time_ptr(1, 0);
        a[0] = wall_clock(a[0]);
        break;
    case 177: /* rt_sigtimedwait */
        a[2] = time_ptr(0, 1);
        break;
    case 400: /* msgsnd: a full queue says EAGAIN */
        a[3] |= 04000;
        break;
    case 401: /* msgrcv: an empty one says ENOMSG */
        a[4] |= 04000;
        break;
    case 420: /* semtimedop_time64 */
        a[3] = time_ptr(1, 1);
        break;
    case 421: /* rt_sigtimedwait_time64 */
        a[2] = time_ptr(1, 1);
        break;
    case 91:
    case 125:
    case 144:
    case 150:
    case 151:
    case 218:
    case 219:
    case 257:
    case 274:
    case 380:
        range(&a[0], &a[1]);
        break;
    case 192: /* mmap2 */
        mmap_args(a);
        break;
    case 90: /* old_mmap: its six arguments in a struct */
        mmap_args(built(MMAP));
        a[0] = below(8) ? (uint32_t)built(MMAP) : unreadable();
        break;
    case 163: /* mremap(old, old_len, new_len, flags, new_addr) */
        range(&a[0], &a[1]);
        a[3] = below(8);
        range(&a[4], &a[2]);
        break;
    default:
        break;
    }
}

uint32_t fuzz_pick(uint32_t a[6])
{
    uint32_t nr;
    do {
        uint32_t how = below(16);
        nr = how == 0  ? fuzz_rand()
             : how < 8 ? implemented[below(sizeof implemented / sizeof implemented[0])]
                       : below(451);
    } while (skipped(nr));
    for (int i = 0; i < 6; i++)
        a[i] = arg();
    shape(nr, a);
    return nr;
}

int fuzz_maps(uint32_t nr)
{
    return nr == __NR_brk || nr == 90 || nr == 163 || nr == __NR_mmap2;
}

/* [lo, lo+len) meets [start, end)? */
static int meets(uint32_t lo, uint32_t len, uint32_t start, uint32_t end)
{
    return lo < end && start < lo + len;
}

static int in_scratch(uint32_t lo, uint32_t len)
{
    return lo >= fz.scratch && len <= FZ_SCRATCH_PAGES * FZ_PAGE &&
           lo - fz.scratch <= FZ_SCRATCH_PAGES * FZ_PAGE - len;
}

const char *fuzz_cleanup(uint32_t nr, const uint32_t a[6], int32_t r)
{
    if (nr == 45) {
        if ((uint32_t)sys1(__NR_brk, fz.brk0) != fz.brk0)
            return "the break cannot be put back";
        return 0;
    }
    uint32_t want, len, fixed;
    const uint32_t *m = nr == 90 && a[0] == (uint32_t)built(MMAP) ? built(MMAP) : a;
    if (nr == 192 || nr == 90) {
        want = m[0], len = m[1], fixed = m[3] & 0x10;
    } else if (nr == 163) {
        want = a[4], len = a[2], fixed = a[3] & 2;
    } else {
        return 0;
    }
    if (r < 0 && r >= -4095)
        return 0;
    uint32_t lo = (uint32_t)r, n = (len + FZ_PAGE - 1) & ~(FZ_PAGE - 1u);
    if (lo & (FZ_PAGE - 1))
        return "a new mapping is not page aligned";
    if (fixed)
        return lo == want && in_scratch(lo, n) ? 0 : "a fixed mapping is not where asked";
    if (nr == 163 && lo == a[0]) { /* in place (as Linux, whatever the range): only growth is new */
        uint32_t old = (a[1] + FZ_PAGE - 1) & ~(FZ_PAGE - 1u);
        if (n <= old)
            return 0;
        lo += old, n -= old;
    }
    if (n == 0 || lo < 0x10000 || lo + n < lo || lo + n > KHALF)
        return "a new mapping is outside user space";
    if (meets(lo, n, fz.image_lo, fz.image_hi) || meets(lo, n, fz.stack_lo, KHALF) ||
        meets(lo, n, fz.edge_e, fz.edge_e + FZ_PAGE) ||
        meets(lo, n, fz.edge_f, fz.edge_f + 3 * FZ_PAGE))
        return "a new mapping overlaps the app's memory";
    sys2(__NR_munmap, lo, n);
    return 0;
}
