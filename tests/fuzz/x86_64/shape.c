/* The x86_64 fuzzer's rules: ../shape.c's, with x86_64's numbers (<x86_64/unistd.h>) and
   structures, 64-bit words, and an int argument judged by its low 32 bits, as Linux reads it.
   The why of each rule is in ../fuzz.c's first comment. */
#include "fuzz.h"
#include "raw.h"

#define KHALF 0xFFFF800000000000ull       /* the kernel's half */
#define KERNEL_BASE 0xFFFFFFFF80000000ull /* moat64's image and direct map */
#define USER_TOP 0x00007FFFFFFFF000ull    /* the app owns [64 KiB, USER_TOP) */
#define NONCANONICAL 0x0000800000000000ull
#define SIG_DFL 0u
#define SIG_IGN 1u

/* Where the built argument structs sit in fz.structs. */
enum { ACT = 0, TS = 64, SIGEV = 128, IOV = 256, IOV_MAX = 8, ITV = 576, STACK = 608 };

/* Calls moat64 implements (an entry point in src/abi/x86_64/syscall.tbl), but the skipped
   ones: 7 in 16 calls pick one of these. */
static const uint16_t implemented[] = {
    0,   1,   2,   3,   4,   5,   6,   8,   9,   10,  11,  12,  13,  14,  16,  17,  18,
    19,  20,  21,  22,  24,  25,  28,  32,  33,  35,  36,  37,  38,  39,  62,  63,  72,
    74,  75,  76,  77,  79,  80,  81,  82,  83,  84,  85,  87,  88,  89,  90,  91,  92,
    93,  94,  95,  96,  97,  98,  99,  100, 102, 104, 107, 108, 110, 115, 127, 128, 129,
    131, 137, 138, 157, 158, 186, 200, 201, 203, 204, 217, 218, 228, 229, 230, 234, 257,
    258, 260, 262, 263, 264, 266, 267, 268, 269, 272, 273, 274, 280, 292, 293, 297, 302,
    309, 316, 318, 332, 334, 439, 105, 106, 113, 114, 116, 117, 119, 122, 123, 126, /* the
                                                                                       credentials
                                                                                     */
};

static fz_word below(fz_word n)
{
    return fuzz_rand() % n;
}

static fz_word rand64(void)
{
    return (fz_word)fuzz_rand() << 32 | fuzz_rand();
}

static fz_word *built(fz_word off)
{
    return (fz_word *)(fz.structs + off);
}

/* In the app's own image or stack (the vDSO too): never handed out at random. */
static int own(fz_word v)
{
    return (v >= fz.image_lo && v < fz.image_hi) || (v >= fz.stack_lo && v < USER_TOP);
}

static fz_word word(void)
{
    fz_word v;
    switch (below(4)) {
    case 0:
        v = fuzz_rand(); /* a 32-bit word */
        break;
    case 1:
        v = rand64() & (NONCANONICAL - 1); /* anywhere in the app's half */
        break;
    default:
        v = rand64();
        break;
    }
    return own(v) ? v | KHALF : v;
}

static fz_word kernel_addr(void)
{
    switch (below(8)) {
    case 0:
        return KHALF;
    case 1:
        return 0xFFFFFFFFFFFFF000ull;
    case 2:
        return ~0ull - below(16);
    case 3:
        return KERNEL_BASE + (fuzz_rand() & 0x3FFFFFFFu);
    case 4:
        return NONCANONICAL - 1 - below(16); /* straddles the hole */
    case 5:
        return NONCANONICAL + below(FZ_PAGE);
    case 6:
        return (rand64() | NONCANONICAL) & ~(1ull << 63); /* non-canonical */
    default:
        return 0xFFFF000000000000ull | (rand64() & (NONCANONICAL - 1)); /* non-canonical */
    }
}

/* An address whose first byte cannot be read: nothing can be copied from it at all. */
static fz_word unreadable(void)
{
    switch (below(7)) {
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
    case 5:
        return below(2) ? NONCANONICAL : (rand64() | NONCANONICAL) & ~(1ull << 63);
    default:
        return below(2) ? 0xFFFFFFFFFFFFF000ull : KERNEL_BASE + (fuzz_rand() & 0x3FFFFFFFu);
    }
}

/* The last n bytes or fewer of a target page that is followed by a hole or PROT_NONE. */
static fz_word straddle(fz_word n)
{
    return (below(2) ? fz.edge_e : fz.edge_f) + FZ_PAGE - 1 - below(n);
}

static fz_word target_ptr(void)
{
    fz_word i = below(FZ_NTARGETS);
    return fz.target[i] + below(fz.target_len[i] - FZ_ROOM + 1);
}

static fz_word ptr(void)
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

static fz_word arg(void)
{
    switch (below(18)) {
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
        return ~0ull;
    case 7:
        return 0ull - (2 + below(15));
    case 8:
    case 9:
        return word();
    case 10:
    case 11:
        return kernel_addr();
    case 12:
        return 0xFFFFFFFFu; /* an int's -1, zero-extended */
    case 13:
        return (fz_word)fuzz_rand() << 32 | below(17); /* garbage above a small int */
    default:
        return ptr();
    }
}

static int skipped(uint32_t nr)
{
    switch (nr) {
    case __NR_exit:
    case __NR_exit_group:
    case __NR_fork:
    case __NR_vfork:
    case __NR_clone:
    case __NR_clone3:
    case __NR_execve:
    case __NR_execveat:
    case __NR_reboot:
    case __NR_rt_sigreturn:
    case __NR_pause:
    case __NR_rt_sigsuspend:
    case __NR_seccomp:
    case __NR_setrlimit:
    case __NR_poll:
    case __NR_ppoll:
    case __NR_select:
    case __NR_pselect6:
    case __NR_futex:
    case __NR_futex_waitv:
    case __NR_epoll_wait:
    case __NR_epoll_pwait:
    case __NR_epoll_pwait2:
    case __NR_shmat:
    case __NR_msgrcv:
    case __NR_msgsnd:
    case __NR_semop:
    case __NR_semtimedop:
        return 1;
    default:
        return 0;
    }
}

/* A CPU clock stands still while the app sleeps on it: such a sleep only ends by a signal. */
static fz_word wall_clock(fz_word clock)
{
    return (uint32_t)clock == 2 || (int32_t)clock < 0 ? 1 : clock;
}

/* SIGKILL and SIGSTOP, and SIGTRAP (whose handler is there for TF alone), never sent. */
/* A mode whose type is a FIFO's becomes a regular file's: opening a FIFO waits for the other
   end, and nothing would come (the mode is an int: its low half). */
static fz_word no_fifo(fz_word mode)
{
    return ((uint32_t)mode & 0170000) == 0010000 ? mode ^ 0010000 ^ 0100000 : mode;
}

static fz_word no_kill(fz_word sig)
{
    uint32_t s = (uint32_t)sig;
    return s == 9 || s == 19 || s == 5 ? 0 : sig;
}

/* act for rt_sigaction: handler, flags, restorer, mask; 32 bytes. */
static fz_word act_ptr(fz_word sig)
{
    switch (below(6)) {
    case 0:
        return 0;
    case 1:
        return unreadable();
    case 2:
        return straddle(31); /* too short for the struct */
    default: {
        fz_word *s = built(ACT);
        uint32_t n = (uint32_t)sig;
        int dfl_ignores = n == 17 || n == 18 || n == 23 || n == 28;
        s[0] = dfl_ignores && below(2) ? SIG_DFL : SIG_IGN;
        s[1] = below(2) ? rand64() : below(17);
        s[2] = arg();
        s[3] = rand64();
        return (fz_word)s;
    }
    }
}

/* A time to sleep or wait (a 16-byte timespec): under 1 ms, invalid, or a bad pointer. */
static fz_word time_ptr(int nonnull)
{
    switch (below(6)) {
    case 0:
        if (!nonnull)
            return 0; /* fall through */
    case 1:
        return unreadable() | (nonnull ? KHALF : 0);
    case 2:
        return straddle(15);
    default: {
        int64_t sec = 0, nsec = (int64_t)below(1000000);
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
        case 3:
            nsec |= (int64_t)rand64() & ~0xFFFFFFFFll; /* garbage above a valid nsec */
            break;
        default:
            break;
        }
        int64_t *t = (int64_t *)built(TS);
        t[0] = sec, t[1] = nsec;
        return (fz_word)t;
    }
    }
}

/* A range the memory calls may change: inside the scratch region, or one they must refuse. */
static void range(fz_word *addr, fz_word *len)
{
    fz_word p = below(FZ_SCRATCH_PAGES), base = fz.scratch + p * FZ_PAGE;
    fz_word room = (FZ_SCRATCH_PAGES - p) * FZ_PAGE;
    switch (below(9)) {
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
        *len = below(2) ? rand64() : fuzz_rand();
        break;
    case 5:
        *addr = base;
        *len = 0ull - base + below(0x10000); /* wraps past 2^64 into the null region */
        break;
    case 6: {
        fz_word k = 1 + below(2); /* from the top of user space into the hole */
        *addr = USER_TOP - k * FZ_PAGE;
        *len = (k + 1 + below(3)) * FZ_PAGE;
        break;
    }
    case 7: /* in the hole (madvise would take a range from here across it: Linux too) */
        *addr = NONCANONICAL + below(16) * FZ_PAGE;
        *len = (1 + below(4)) * FZ_PAGE;
        break;
    default:
        *addr = 0;
        *len = below(0x10001);
        break;
    }
}

static fz_word mmap_flags(void)
{
    static const uint32_t types[] = {0x02, 0x02, 0x02, 0x02, 0x02, 0x01, 0x03, 0x00};
    fz_word f = types[below(8)];
    if (below(8))
        f |= 0x20; /* MAP_ANONYMOUS */
    if (!below(3))
        f |= 0x10; /* MAP_FIXED */
    if (!below(8))
        f |= 0x100000; /* MAP_FIXED_NOREPLACE */
    if (!below(8))
        f |= 0x40; /* MAP_32BIT */
    if (!below(8))
        f |= fuzz_rand() & 0xFFF00u; /* GROWSDOWN .. SYNC */
    if (!below(16))
        f |= 0x0C | (fuzz_rand() & 0xFFF00000u) | (fz_word)fuzz_rand() << 32;
    return f;
}

/* mmap's six arguments: a fixed mapping only where range() allows. */
static void mmap_args(fz_word m[6])
{
    m[2] = below(4) ? below(8) : arg();
    m[3] = mmap_flags();
    m[4] = below(4) ? ~0ull : arg();
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
        m[0] = fz.image_lo + (below(fz.image_hi - fz.image_lo) & ~(fz_word)(FZ_PAGE - 1));
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

/* An iovec is 16 bytes: base, len. */
static void quiet_writev(fz_word a[6])
{
    if (below(2)) {
        a[1] = unreadable();
        return;
    }
    fz_word *v = built(IOV);
    for (int i = 0; i < IOV_MAX; i++) {
        int empty = (int)below(2);
        v[2 * i] = empty ? ptr() : unreadable();
        v[2 * i + 1] = empty ? 0 : arg();
    }
    a[1] = (fz_word)v;
    a[2] = below(IOV_MAX + 1);
}

static int tty_setter(fz_word req)
{
    uint32_t low = (uint32_t)req & 0xFFFF;
    if (low < 0x5400 || low > 0x54FF)
        return 0;
    return low != 0x5401 && low != 0x5413 && low != 0x541B && low != 0x540F && low != 0x5429;
}

/* Half the time, valid selectors (fds, sizes, which, how), so calls get past their first
   check; the pointers stay hostile. */
static void plausible(uint32_t nr, fz_word a[6])
{
    switch (nr) {
    case __NR_read:
    case __NR_write:
    case __NR_ioctl:
    case __NR_writev:
        a[0] = below(4);
        break;
    case __NR_kill: /* the app is pid 1, its group 0 */
        a[0] = below(3);
        break;
    case __NR_tkill:
    case __NR_tgkill:
        a[0] = a[1] = 1;
        break;
    case __NR_setitimer:
    case __NR_getitimer: /* ITIMER_REAL, _VIRTUAL, _PROF; a small interval and value */
        a[0] = below(3);
        if (nr == __NR_setitimer) {
            fz_word *t = built(ITV);
            for (int i = 0; i < 4; i++)
                t[i] = i & 1 ? below(4) ? below(1000000) : rand64() : below(4) ? 0 : arg();
            a[1] = (fz_word)t;
        }
        break;
    case __NR_mprotect:
    case __NR_pkey_mprotect:
        a[2] = below(8);
        break;
    case __NR_rt_sigprocmask:
        a[0] = below(4);
        a[3] = 8;
        break;
    case __NR_rt_sigpending:
        a[1] = below(9);
        break;
    case __NR_rt_sigtimedwait:
        a[3] = 8;
        break;
    case __NR_sigaltstack: { /* a built stack_t: ss_sp, ss_flags (an int), ss_size */
        static const uint32_t flags[] = {0, 1, 2, 0x80000000u};
        fz_word *t = built(STACK);
        t[0] = ptr();
        t[1] = flags[below(4)] | (below(2) ? 0 : (fz_word)fuzz_rand() << 32);
        t[2] = below(2) ? below(0x10000) : arg();
        a[0] = (fz_word)t;
        break;
    }
    case __NR_arch_prctl: { /* SET_GS, SET_FS, GET_FS, GET_GS, GET_CPUID, SET_CPUID */
        static const uint32_t codes[] = {0x1001, 0x1002, 0x1003, 0x1004, 0x1011, 0x1012};
        a[0] = codes[below(6)];
        break;
    }
    case __NR_clock_gettime:
    case __NR_clock_getres:
        a[0] = below(12);
        break;
    default:
        break;
    }
}

/* Apply the rules of fuzz.c's first comment to one call's arguments. */
static void shape(uint32_t nr, fz_word a[6])
{
    if (below(2))
        plausible(nr, a);
    switch (nr) {
    case __NR_read:
    case __NR_pread64: /* the console would wait for input */
        if ((uint32_t)a[0] < 1024 && (fz_sword)a[2] > 0)
            a[2] = 0;
        break;
    case __NR_readv:
    case __NR_preadv:
    case __NR_preadv2:
        if ((uint32_t)a[0] < 1024)
            a[2] = 0;
        break;
    case __NR_write:
    case __NR_pwrite64: /* nothing reaches the console */
        if ((uint32_t)a[0] < 1024 && (fz_sword)a[2] > 0)
            a[1] = unreadable();
        break;
    case __NR_writev:
    case __NR_pwritev:
    case __NR_pwritev2:
        if ((uint32_t)a[0] < 1024)
            quiet_writev(a);
        break;
    case __NR_close:
    case __NR_close_range:
        if ((uint32_t)a[0] <= 2)
            a[0] += 3;
        break;
    case __NR_dup2:
    case __NR_dup3:
        if ((uint32_t)a[1] <= 2)
            a[1] += 3;
        break;
    case __NR_ioctl:
        if (below(2))
            a[1] = (const uint32_t[]){0x5401, 0x5413, 0x541B, 0x540F, 0x5429}[below(5)];
        if (tty_setter(a[1]))
            a[1] = 0x5401;
        break;
    case __NR_kill:
    case __NR_tkill:
    case __NR_rt_sigqueueinfo:
    case __NR_pidfd_send_signal:
        a[1] = no_kill(below(2) ? below(66) : a[1]);
        break;
    case __NR_tgkill:
    case __NR_rt_tgsigqueueinfo:
        a[2] = no_kill(below(2) ? below(66) : a[2]);
        break;
    case __NR_rt_sigaction:
        if (below(2))
            a[0] = below(66);
        if (below(2))
            a[3] = 8;
        a[1] = act_ptr(a[0]);
        break;
    case __NR_timer_create: /* a built sigevent: value, signo, notify, tid */
        if (below(2)) {
            uint32_t *s = (uint32_t *)built(SIGEV);
            s[0] = fuzz_rand();
            s[1] = fuzz_rand();
            s[2] = (uint32_t)no_kill(below(66));
            s[3] = (uint32_t)below(6);
            s[4] = (uint32_t)arg();
            a[1] = (fz_word)s;
        } else {
            a[1] = below(2) ? 0 : unreadable();
        }
        break;
    case __NR_prctl: /* PR_SET_SECCOMP, PR_SET_MM */
        if ((uint32_t)a[0] == 22 || (uint32_t)a[0] == 35)
            a[0] = 0;
        break;
    case __NR_prlimit64:
        a[2] = 0;
        break;
    case __NR_syslog: /* no SYSLOG_ACTION_READ, which waits for a line once all are read; the
                         reads no further than a target's room (the log may hold more) */
        if ((uint32_t)a[0] == 2)
            a[0] = 3;
        if (((uint32_t)a[0] == 3 || (uint32_t)a[0] == 4) && (uint32_t)a[2] > FZ_ROOM &&
            (int32_t)a[2] >= 0)
            a[2] = below(FZ_ROOM + 1);
        break;
    case __NR_mknod:
    case __NR_mknodat: /* no FIFO */
        a[nr == __NR_mknodat ? 2 : 1] = no_fifo(a[nr == __NR_mknodat ? 2 : 1]);
        break;
    case __NR_getrandom: /* no further than a target's room, or into nothing writable */
        if (below(2))
            a[1] = below(FZ_ROOM + 1);
        if (a[1] > FZ_ROOM)
            a[0] = unreadable();
        break;
    case __NR_nanosleep:
        a[0] = time_ptr(0);
        break;
    case __NR_clock_nanosleep:
        a[2] = time_ptr(0);
        a[0] = wall_clock(a[0]);
        break;
    case __NR_rt_sigtimedwait:
        a[2] = time_ptr(1);
        break;
    case __NR_munmap:
    case __NR_mprotect:
    case __NR_msync:
    case __NR_mlock:
    case __NR_munlock:
    case __NR_mlock2:
    case __NR_mincore:
    case __NR_madvise:
    case __NR_remap_file_pages:
    case __NR_mbind:
    case __NR_pkey_mprotect:
        range(&a[0], &a[1]);
        break;
    case __NR_mmap:
        mmap_args(a);
        break;
    case __NR_mremap: /* mremap(old, old_len, new_len, flags, new_addr) */
        range(&a[0], &a[1]);
        a[3] = below(8);
        range(&a[4], &a[2]);
        break;
    default:
        break;
    }
}

fz_word fuzz_pick(fz_word a[6])
{
    fz_word nr;
    do {
        uint32_t how = (uint32_t)below(16);
        nr = how == 0   ? (below(2) ? rand64() : fuzz_rand())
             : how == 1 ? (fz_word)fuzz_rand() << 32 | implemented[below(sizeof implemented / 2)]
             : how < 8  ? implemented[below(sizeof implemented / sizeof implemented[0])]
                        : below(463);
    } while (skipped((uint32_t)nr));
    for (int i = 0; i < 6; i++)
        a[i] = arg();
    shape((uint32_t)nr, a);
    return nr;
}

int fuzz_maps(fz_word nr)
{
    uint32_t n = (uint32_t)nr;
    return n == __NR_brk || n == __NR_mmap || n == __NR_mremap;
}

/* [lo, lo+len) meets [start, end)? */
static int meets(fz_word lo, fz_word len, fz_word start, fz_word end)
{
    return lo < end && start < lo + len;
}

static int in_scratch(fz_word lo, fz_word len)
{
    return lo >= fz.scratch && len <= FZ_SCRATCH_PAGES * FZ_PAGE &&
           lo - fz.scratch <= FZ_SCRATCH_PAGES * FZ_PAGE - len;
}

const char *fuzz_cleanup(fz_word nr, const fz_word a[6], fz_sword r)
{
    uint32_t n32 = (uint32_t)nr;
    if (n32 == __NR_brk) {
        if ((fz_word)sys1(__NR_brk, fz.brk0) != fz.brk0)
            return "the break cannot be put back";
        return 0;
    }
    fz_word want, len, fixed;
    if (n32 == __NR_mmap) {
        want = a[0], len = a[1], fixed = a[3] & 0x10;
    } else if (n32 == __NR_mremap) {
        want = a[4], len = a[2], fixed = a[3] & 2;
    } else {
        return 0;
    }
    if (r < 0 && r >= -4095)
        return 0;
    fz_word lo = (fz_word)r, n = (len + FZ_PAGE - 1) & ~(fz_word)(FZ_PAGE - 1);
    if (lo & (FZ_PAGE - 1))
        return "a new mapping is not page aligned";
    if (fixed)
        return lo == want && in_scratch(lo, n) ? 0 : "a fixed mapping is not where asked";
    if (n32 == __NR_mremap && lo == a[0]) { /* in place (as Linux, whatever the range): only
                                               growth is new */
        fz_word old = (a[1] + FZ_PAGE - 1) & ~(fz_word)(FZ_PAGE - 1);
        if (n <= old)
            return 0;
        lo += old, n -= old;
    }
    if (n == 0 || lo < 0x10000 || lo + n < lo || lo + n > USER_TOP)
        return "a new mapping is outside user space";
    if (meets(lo, n, fz.image_lo, fz.image_hi) || meets(lo, n, fz.stack_lo, USER_TOP) ||
        meets(lo, n, fz.edge_e, fz.edge_e + FZ_PAGE) ||
        meets(lo, n, fz.edge_f, fz.edge_f + 3 * FZ_PAGE))
        return "a new mapping overlaps the app's memory";
    sys2(__NR_munmap, lo, n);
    return 0;
}
