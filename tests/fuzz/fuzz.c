/* A system call fuzzer: proves that no sequence of system calls with hostile arguments makes
 * moat panic, hang, or change the app's memory or registers behind its back.
 *
 * Usage: fuzz.elf [SEED [COUNT [v]]] (defaults: seed 1, 10000 calls; `v` prints every call
 * before it is made, to find the one that kills or hangs). A long run:
 *     python3 tools/run.py run build/tests/fuzz/fuzz.elf 7 200000
 * It prints one line, `fuzz seed S: N calls, canaries intact`, the same for a seed on every
 * run; then exits 0. A damaged canary exits 3, a changed register 4, a broken promise of the
 * kernel the fuzzer relies on (an mmap over its own memory, a break it cannot restore) 5; each
 * first prints the call.
 *
 * Each call: a number in 0..450 (1 in 2), one moat implements (7 in 16) or any 32-bit word
 * (1 in 16); six arguments drawn from zero, small integers, -1, small negatives, random
 * words, NULL and low addresses, kernel addresses (0xC0000000.., 0xFFFFF000, 0xFFFFFFFF),
 * pointers into its target buffers, pointers that straddle the end of a mapping into a hole
 * or a PROT_NONE page, the read-only canary page, its own text, the vsyscall page and the
 * scratch region. A random word that lands in the
 * app's own image or stack is moved into the kernel half, so that only targets are handed out.
 * Half the calls get valid selectors (fd, which, how, set size) and built structs
 * (itimerval, stack_t, user_desc), so that they reach deeper than the first check.
 * Half the calls go through int $0x80 and half through AT_SYSINFO (sysenter); 1 in 8 is made
 * with DF set.
 *
 * Skipped, because they end, replace or stop the app by design: exit (1), exit_group (252),
 * fork (2), vfork (190), clone (120), clone3 (435), execve (11), execveat (358), reboot (88),
 * sigreturn (119) and rt_sigreturn (173) (garbage frames: a forced SIGSEGV, by design),
 * pause (29), sigsuspend (72), rt_sigsuspend (179), vm86old/vm86 (113, 166), seccomp (354),
 * setrlimit (75), and the calls that wait without a timeout once implemented: poll (168),
 * ppoll (309, 414), select (82, 142), pselect6 (308, 413), futex (240, 422, 449), epoll_wait
 * (256, 319, 441), ipc (117) and shmat (397).
 *
 * Shaped, so that the call cannot kill, stop or hang the app, print, or unmap its memory
 * (shape.c):
 * - At start-up every signal but SIGKILL and SIGSTOP is set to SIG_IGN, so alarm (27),
 *   setitimer (104), timer_create (259) and kill go nowhere. rt_sigaction (174), sigaction
 *   (67) and signal (48) may only install SIG_IGN (or SIG_DFL for SIGCHLD, SIGCONT, SIGURG,
 *   SIGWINCH, which ignore): act is NULL, a bad or straddling pointer, or a struct built so.
 * - kill (37), tkill (238), tgkill (270), rt_sigqueueinfo (178, 335), pidfd_send_signal
 *   (424): SIGKILL and SIGSTOP become 0. prctl (172): PR_SET_SECCOMP becomes 0. prlimit64
 *   (340): no new limit. mknod (14) and mknodat (297) make no FIFO (an open of it would wait
 *   for a writer): a regular file instead. syslog (103) never reads with SYSLOG_ACTION_READ
 *   (which waits for a new line once all are read), but with READ_ALL, and reads at most FZ_ROOM
 *   bytes (the log may hold more).
 * - getrandom (355): at most FZ_ROOM bytes, or a buffer nothing can be written to.
 * - read (3), pread64 (180), readv (145), preadv (333) on fds below 1024: count 0 (the
 *   console would wait for input). write (4), pwrite64 (181), writev (146), pwritev (334)
 *   there: only unreadable buffers or empty iovecs (no output). close (6), dup2 (63), dup3
 *   (330), close_range (436) never touch fds 0-2. ioctl (54): no terminal-setting requests.
 * - nanosleep (162), clock_nanosleep (267, 407), rt_sigtimedwait (177, 421), semtimedop_time64
 *   (420): the time is a built timespec of under 1 ms, an invalid one, or a bad pointer; never
 *   NULL for the waits. msgsnd (400) and msgrcv (401) get IPC_NOWAIT.
 *   clock_nanosleep never sleeps on a CPU clock (it stands still while the app sleeps).
 * - munmap (91), mprotect (125), mremap (163), madvise (219), msync (144), mlock (150),
 *   munlock (151), mincore (218), remap_file_pages (257), mbind (274), pkey_mprotect (380)
 *   and mmap2 (192) or old_mmap (90) with MAP_FIXED: ranges inside the scratch region, or
 *   ranges the kernel must refuse (kernel addresses, wrapping past 4 GiB, crossing into the
 *   kernel half; but mremap to the same length returns the old address untouched, whatever
 *   the range, as Linux's). Other mappings a call creates (what mremap grows by in place) are
 *   checked against the app's memory, then unmapped; brk (45) is put back after each call,
 *   the scratch region every 256 calls.
 *
 * moat only: natively on Linux, kill(-1) or the calls moat lacks would reach the host.
 *
 * The x86_64 build (build/tests/x86_64/fuzz.elf; x86_64/shape.c and x86_64/call.S) keeps these
 * rules with x86_64's numbers and structures (its own list in x86_64/shape.c), and every call
 * goes through `syscall` with every general register hostile: the six arguments and the number
 * are full 64-bit words (kernel-half and non-canonical addresses among them, and garbage in
 * the upper half of an int argument, which Linux ignores: so the rules look at the low 32 bits
 * of an int), and rbx rcx rbp r11 r12-r15 hold hostile words too; 1 in 8 calls is made with a
 * hostile rsp (kernel half, non-canonical, 0, ...). rflags comes with random arithmetic flags
 * and ID, DF (1 in 8), AC (1 in 8), NT (1 in 16) and TF (1 in 16, not with a hostile rsp nor on
 * rt_sigaction or rt_sigprocmask): its single-step trap after the call must come, as on Linux,
 * to the one SIGTRAP handler, which clears TF and counts it. After the call rcx must hold the
 * return address and r11 the rflags of the call, as `syscall` left them.
 *
 * Guarded after every call: canary pages around the targets, in .bss, on the stack (in the
 * loop's frame and a zone below it), a read-only page, the argument structs, a checksum of
 * the text and vsyscall pages, and every register but eax (flags: CF PF AF ZF SF TF IF DF OF
 * AC). Syscalls moat adds later that write a caller's buffer by a length argument, or block,
 * need a rule in shape.c. */
#include "fuzz.h"
#include "raw.h"

extern char __executable_start[], etext[], _end[];

enum { AT_NULL = 0, AT_SYSINFO = 32, AT_SYSINFO_EHDR = 33 };
enum { ARENA_PAGES = 8, DEEP_ZONE = 16384, DEEP_GAP = 16384, GUARD_WORDS = 256 };

/* canary, target (2 pages), canary, structs (then canary), canary, target, canary */
static uint8_t arena[ARENA_PAGES * FZ_PAGE] __attribute__((aligned(4096)));
static uint32_t loose_canary[512];
static uint8_t structs_shadow[FZ_STRUCTS_LEN];
struct fuzz_layout fz;

static uint32_t rng;
static fz_word deep_lo, deep_hi;
static uint32_t text_sum, vsyscall_sum;
static fz_word sysinfo;
static uint32_t seed, ncall;
#ifdef __x86_64__
static uint64_t hostile_rsp;
static volatile uint32_t traps; /* single-step SIGTRAPs taken */
#else
static uint32_t via_sysenter;
#endif

uint32_t fuzz_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* The canary word for an address: different everywhere, so a misplaced copy shows too. */
static uint32_t pattern(fz_word addr)
{
    return ((uint32_t)addr * 0x9E3779B1u) ^ 0x5A17C0DEu;
}

static void fill(fz_word lo, fz_word len)
{
    for (fz_word p = lo; p < lo + len; p += 4)
        *(volatile uint32_t *)p = pattern(p);
}

/* The first damaged word in [lo, lo+len), or 0. */
static fz_word damaged(fz_word lo, fz_word len)
{
    for (fz_word p = lo; p < lo + len; p += 4)
        if (*(volatile uint32_t *)p != pattern(p))
            return p;
    return 0;
}

static uint32_t checksum(fz_word lo, fz_word hi)
{
    uint32_t s = 0;
    for (fz_word p = lo; p + 4 <= hi; p += 4)
        s = ((s << 7) | (s >> 25)) ^ *(volatile uint32_t *)p;
    return s;
}

static void put_call(fz_word nr, const fz_word a[6])
{
    put_udec(ncall);
    put(": ");
    put_udec(nr);
    put("(");
    for (int i = 0; i < 6; i++) {
        put_hex(a[i]);
        put(i < 5 ? ", " : ")");
    }
}

/* How the call was made, for fail()'s line. */
static void put_how(void)
{
#ifdef __x86_64__
    static const struct {
        uint32_t bit;
        const char *name;
    } flags[] = {{0x100, " TF"}, {0x400, " DF"}, {0x4000, " NT"}, {0x40000, " AC"}};
    put(" rflags ");
    put_hex(fuzz_before.rflags);
    for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (fuzz_before.rflags & flags[i].bit)
            put(flags[i].name);
    if (hostile_rsp) {
        put(" rsp ");
        put_hex(hostile_rsp);
    }
    put(": ");
#else
    put(via_sysenter ? " via sysenter" : " via int $0x80");
    put(fuzz_before.eflags & 0x400 ? " with DF: " : ": ");
#endif
}

static void fail(int status, fz_word nr, const fz_word a[6], const char *what, fz_word addr)
{
    put("fuzz seed ");
    put_udec(seed);
    put(": call ");
    put_call(nr, a);
    put(" = ");
#ifdef __x86_64__
    put_hex(fuzz_after.rax);
#else
    put_hex(fuzz_after.eax);
#endif
    put_how();
    put(what);
    if (addr) {
        put(" at ");
        put_hex(addr);
    }
    put("\n");
    r_exit(status);
}

#ifdef __x86_64__
static const char *const reg_names[] = {"rax",    "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
                                        "r8",     "r9",  "r10", "r11", "r12", "r13", "r14", "r15",
                                        "rflags", "cs",  "ds",  "es",  "fs",  "gs",  "ss"};

/* The name of the first register the call changed, or 0: rcx must be the return address and
   r11 the rflags of the call, as `syscall` leaves them; TF is cleared by the SIGTRAP handler. */
static const char *changed_register(void)
{
    const uint64_t *b = &fuzz_before.rax, *f = &fuzz_after.rax;
    const uint64_t flags = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800 | 0x4000 |
                           0x40000 | 0x200000;
    for (int i = 1; i < 23; i++) {
        uint64_t want = b[i], mask = ~0ull;
        if (i == 2)
            want = (uint64_t)(hostile_rsp ? fuzz_call_ret_rsp : fuzz_call_ret);
        else if (i == 11)
            want = fuzz_before.rflags;
        else if (i == 16)
            want &= ~0x100ull, mask = flags;
        if ((want ^ f[i]) & mask)
            return reg_names[i];
    }
    return 0;
}
#else
static const char *const reg_names[] = {"eax",    "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp",
                                        "eflags", "cs",  "ds",  "es",  "fs",  "gs",  "ss"};

/* The name of the first register the call changed, or 0. */
static const char *changed_register(void)
{
    const uint32_t *b = &fuzz_before.eax, *f = &fuzz_after.eax;
    const uint32_t flags = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800 | 0x40000;
    for (int i = 1; i < 15; i++) {
        uint32_t mask = i == 8 ? flags : 0xFFFFFFFFu;
        if ((b[i] ^ f[i]) & mask)
            return reg_names[i];
    }
    return 0;
}
#endif

static void check(fz_word nr, const fz_word a[6], const uint32_t *guard)
{
    static const uint8_t canary_pages[] = {0, 3, 5, 7};
    const char *reg = changed_register();
    if (reg)
        fail(4, nr, a, reg, 0);
    fz_word at;
    for (unsigned i = 0; i < sizeof canary_pages; i++)
        if ((at = damaged((fz_word)arena + canary_pages[i] * FZ_PAGE, FZ_PAGE)))
            fail(3, nr, a, "canary damaged (.bss)", at);
    if ((at = damaged(fz.structs + FZ_STRUCTS_LEN, FZ_PAGE - FZ_STRUCTS_LEN)))
        fail(3, nr, a, "canary damaged (.bss)", at);
    if ((at = damaged((fz_word)loose_canary, sizeof loose_canary)))
        fail(3, nr, a, "canary damaged (.bss)", at);
    if ((at = damaged((fz_word)guard, GUARD_WORDS * 4)))
        fail(3, nr, a, "canary damaged (stack frame)", at);
    if ((at = damaged(deep_lo, deep_hi - deep_lo)))
        fail(3, nr, a, "canary damaged (stack below esp)", at);
    if ((at = damaged(fz.ro, FZ_PAGE)))
        fail(3, nr, a, "canary damaged (read-only page)", at);
    const uint8_t *s = (const uint8_t *)fz.structs;
    for (fz_word i = 0; i < FZ_STRUCTS_LEN; i++)
        if (s[i] != structs_shadow[i])
            fail(3, nr, a, "argument struct changed", fz.structs + i);
    if (checksum(fz.text_lo, fz.text_hi) != text_sum)
        fail(3, nr, a, "text changed", 0);
    if (fz.vsyscall && checksum(fz.vsyscall, fz.vsyscall + FZ_PAGE) != vsyscall_sum)
        fail(3, nr, a, "vsyscall page changed", 0);
    /* The targets must still be there: a read faults if the kernel dropped them. */
    for (int i = 0; i < FZ_NTARGETS; i++)
        (void)*(volatile uint8_t *)fz.target[i];
}

static uint32_t parse_u32(const char *s, uint32_t dflt)
{
    if (!s || !*s)
        return dflt;
    uint32_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (uint32_t)(*s - '0');
    return v;
}

static fz_word map(fz_word pages, fz_word prot)
{
    uint8_t *p = map_pages(pages, prot);
    if (!p) {
        put("fuzz: mmap at start-up failed\n");
        r_exit(5);
    }
    return (fz_word)p;
}

/* The memory of fuzz.h's layout: targets, holes, canaries, the scratch region. */
static void setup_memory(fz_word sp)
{
    fz_word a = (fz_word)arena;
    fill(a, ARENA_PAGES * FZ_PAGE);
    fill((fz_word)loose_canary, sizeof loose_canary);
    /* E, hole, F, PROT_NONE, read-only */
    fz_word e = map(5, R_PROT_READ | R_PROT_WRITE);
    fill(e + 4 * FZ_PAGE, FZ_PAGE);
    sys2(__NR_munmap, e + FZ_PAGE, FZ_PAGE);
    sys3(__NR_mprotect, e + 3 * FZ_PAGE, FZ_PAGE, R_PROT_NONE);
    sys3(__NR_mprotect, e + 4 * FZ_PAGE, FZ_PAGE, R_PROT_READ);
    fz.edge_e = e;
    fz.edge_f = e + 2 * FZ_PAGE;
    fz.ro = e + 4 * FZ_PAGE;
    fz.target[0] = a + FZ_PAGE;
    fz.target_len[0] = 2 * FZ_PAGE;
    fz.target[1] = a + 6 * FZ_PAGE;
    fz.target_len[1] = FZ_PAGE;
    fz.target[2] = fz.edge_e;
    fz.target_len[2] = FZ_PAGE;
    fz.target[3] = fz.edge_f;
    fz.target_len[3] = FZ_PAGE;
    fz.structs = a + 4 * FZ_PAGE;
    fz.scratch = map(FZ_SCRATCH_PAGES, R_PROT_READ | R_PROT_WRITE);
    fz.text_lo = (fz_word)__executable_start;
    fz.text_hi = (fz_word)etext;
    fz.image_lo = fz.text_lo;
    fz.image_hi = ((fz_word)_end + FZ_PAGE - 1) & ~(fz_word)(FZ_PAGE - 1);
    fz.gap = fz.image_hi;
    fz.brk0 = (fz_word)sys1(__NR_brk, 0);
    /* The stack: this frame and the zone below, which nothing of ours reaches. */
    fz.stack_lo = (sp & ~(fz_word)(FZ_PAGE - 1)) - 128 * 1024;
    deep_hi = (sp & ~(fz_word)3) - DEEP_GAP;
    deep_lo = deep_hi - DEEP_ZONE;
    fill(deep_lo, DEEP_ZONE);
    if (sysinfo) {
        fz.vsyscall = sysinfo & ~(fz_word)(FZ_PAGE - 1);
        vsyscall_sum = checksum(fz.vsyscall, fz.vsyscall + FZ_PAGE);
    }
    text_sum = checksum(fz.text_lo, fz.text_hi);
}

/* Every signal but SIGKILL and SIGSTOP ignored: nothing a call sends can end the app. */
static void ignore_signals(void)
{
    fz_word act[5] = {1 /* SIG_IGN */, 0, 0, 0, 0};
    for (fz_word sig = 1; sig <= 64; sig++) {
        if (sig == 9 || sig == 19)
            continue;
        long r = sys6(__NR_rt_sigaction, sig, (long)act, 0, 8, 0, 0);
        if (r) {
            put("fuzz: rt_sigaction(SIG_IGN) failed\n");
            r_exit(5);
        }
    }
}

#ifdef __x86_64__
/* The single-step trap after a call made with TF: clear TF in the frame (uc_mcontext's
   eflags, at 176 in x86_64's ucontext) and count it. */
static void on_trap(int sig, void *info, void *uc)
{
    (void)sig, (void)info;
    *(volatile uint64_t *)((char *)uc + 176) &= ~0x100ull;
    traps++;
}

/* SIGTRAP to on_trap and unblocked: the calls before may have changed either. */
static void catch_traps(void)
{
    const uint64_t act[4] = {(uint64_t)on_trap, 0x04000004 /* SA_SIGINFO | SA_RESTORER */,
                             (uint64_t)fuzz_restorer, 0};
    const uint64_t trap_set = 1u << 4;
    if (sys6(__NR_rt_sigaction, 5, (long)act, 0, 8, 0, 0) ||
        sys6(__NR_rt_sigprocmask, 1 /* SIG_UNBLOCK */, (long)&trap_set, 0, 8, 0, 0)) {
        put("fuzz: SIGTRAP's handler cannot be set\n");
        r_exit(5);
    }
}

/* A word an attacker would leave in a register: kernel-half, non-canonical, the top of user
   space, or random bits. */
static uint64_t hostile(void)
{
    static const uint64_t v[] = {0,
                                 ~0ull,
                                 0xFFFF800000000000ull,
                                 0x0000800000000000ull,
                                 0x00007FFFFFFFF000ull,
                                 0x8000000000000000ull,
                                 0xFFFFFFFF80000000ull,
                                 0x00007FFFFFFFFFFFull};
    switch (fuzz_rand() & 3) {
    case 0:
        return v[fuzz_rand() & 7];
    case 1:
        return (uint64_t)fuzz_rand() << 32 | fuzz_rand();
    case 2:
        return 0xFFFF800000000000ull | (uint64_t)fuzz_rand() << 16;
    default:
        return (uint64_t)fuzz_rand() << 32 | (fuzz_rand() & 0xFFFF);
    }
}

/* One call: hostile registers and flags around the number and arguments, then `syscall`. */
static void call(fz_word nr, const fz_word a[6])
{
    uint32_t low = (uint32_t)nr, r = fuzz_rand();
    uint64_t flags = 0x202 | (r & (0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x800 | 0x200000));
    if ((r >> 8 & 7) == 0)
        flags |= 0x400; /* DF */
    if ((r >> 11 & 7) == 0)
        flags |= 0x40000; /* AC */
    if ((r >> 14 & 15) == 0)
        flags |= 0x4000; /* NT */
    hostile_rsp = (r >> 18 & 7) == 0 ? hostile() : 0;
    if (!hostile_rsp && (r >> 21 & 15) == 0 && low != __NR_rt_sigaction &&
        low != __NR_rt_sigprocmask)
        flags |= 0x100; /* TF */
    fuzz_before = (struct fuzz_regs){.rax = nr,
                                     .rbx = hostile(),
                                     .rcx = hostile(),
                                     .rdx = a[2],
                                     .rsi = a[1],
                                     .rdi = a[0],
                                     .rbp = hostile(),
                                     .rsp = hostile_rsp,
                                     .r8 = a[4],
                                     .r9 = a[5],
                                     .r10 = a[3],
                                     .r11 = hostile(),
                                     .r12 = hostile(),
                                     .r13 = hostile(),
                                     .r14 = hostile(),
                                     .r15 = hostile(),
                                     .rflags = flags};
    if (flags & 0x100)
        catch_traps();
    uint32_t traps0 = traps;
    fuzz_call(hostile_rsp);
    if ((flags & 0x100) && traps == traps0)
        fail(4, nr, a, "no single-step trap after a call with TF", 0);
}
#endif

static void fuzz_main(fz_word *sp)
{
    fz_word argc = sp[0];
    char **argv = (char **)(sp + 1);
    fz_word *envp = sp + 2 + argc;
    while (*envp)
        envp++;
#ifdef __x86_64__
    const fz_word at_sysinfo = AT_SYSINFO_EHDR; /* the vDSO: its first page is checked */
#else
    const fz_word at_sysinfo = AT_SYSINFO;
#endif
    for (fz_word *av = envp + 1; av[0] != AT_NULL; av += 2)
        if (av[0] == at_sysinfo)
            sysinfo = av[1];
    seed = parse_u32(argc > 1 ? argv[1] : 0, 1);
    uint32_t count = parse_u32(argc > 2 ? argv[2] : 0, 10000);
    int verbose = argc > 3 && argv[3][0] == 'v';
    rng = seed * 2654435761u ^ 0x6D2B79F5u;
    if (!rng)
        rng = 1;

    uint32_t guard[GUARD_WORDS];
    fill((fz_word)guard, sizeof guard);
    setup_memory((fz_word)guard);
    ignore_signals();

    for (ncall = 1; ncall <= count; ncall++) {
        fz_word a[6];
        fz_word nr = fuzz_pick(a);
        const uint8_t *s = (const uint8_t *)fz.structs;
#ifdef __x86_64__
        for (fz_word i = 0; i < FZ_STRUCTS_LEN; i++)
            structs_shadow[i] = s[i];
        if (verbose) {
            put_call(nr, a);
            put("\n");
        }
        call(nr, a);
        fz_word ret = fuzz_after.rax;
#else
        uint32_t use_sysinfo = sysinfo && (fuzz_rand() & 1);
        via_sysenter = use_sysinfo;
        uint32_t set_df = (fuzz_rand() & 7) == 0;
        for (uint32_t i = 0; i < FZ_STRUCTS_LEN; i++)
            structs_shadow[i] = s[i];
        if (verbose) {
            put_call(nr, a);
            put(use_sysinfo ? " sysenter" : " int80");
            put(set_df ? " DF\n" : "\n");
        }
        fuzz_before = (struct fuzz_regs){.eax = nr,
                                         .ebx = a[0],
                                         .ecx = a[1],
                                         .edx = a[2],
                                         .esi = a[3],
                                         .edi = a[4],
                                         .ebp = a[5]};
        fuzz_call(use_sysinfo ? sysinfo : 0, set_df);
        fz_word ret = fuzz_after.eax;
#endif
        if (verbose) {
            put(" = ");
            put_hex(ret);
            put("\n");
        }
        check(nr, a, guard);
        const char *broken = fuzz_cleanup(nr, a, (fz_sword)ret);
        if (broken)
            fail(5, nr, a, broken, 0);
        if (fuzz_maps(nr))
            check(nr, a, guard); /* after the clean-up's own calls */
        /* The memory calls leave holes: give them a whole scratch region again now and then. */
        if (ncall % 256 == 0 &&
            sys6(R_NR_mmap, (long)fz.scratch, FZ_SCRATCH_PAGES * FZ_PAGE,
                 R_PROT_READ | R_PROT_WRITE, R_MAP_PRIVATE | R_MAP_ANONYMOUS | R_MAP_FIXED, -1,
                 0) != (long)fz.scratch)
            fail(5, nr, a, "the scratch region cannot be mapped again", 0);
    }
    put("fuzz seed ");
    put_udec(seed);
    put(": ");
    put_udec(count);
    put(" calls, canaries intact\n");
    r_exit(0);
}

void fuzz_start(fz_word *sp) __attribute__((noreturn, used));
void fuzz_start(fz_word *sp)
{
    fuzz_main(sp);
    r_exit(0);
    __builtin_unreachable();
}

void _start(void);
#ifdef __x86_64__
__asm__(".text\n.globl _start\n_start:\n\t"
        "mov %rsp, %rdi\n\tand $-16, %rsp\n\txor %ebp, %ebp\n\tcall fuzz_start\n\thlt\n");
#else
__asm__(".text\n.globl _start\n_start:\n\t"
        "mov %esp, %eax\n\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\t"
        "xor %ebp, %ebp\n\tcall fuzz_start\n\thlt\n");
#endif

/* GCC may call these even in freestanding code. */
void *memset(void *d, int c, fz_word n);
void *memset(void *d, int c, fz_word n)
{
    volatile uint8_t *p = d;
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, fz_word n);
void *memcpy(void *d, const void *s, fz_word n)
{
    volatile uint8_t *p = d;
    const uint8_t *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}
