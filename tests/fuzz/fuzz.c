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
 *   (340): no new limit.
 * - getrandom (355): at most FZ_ROOM bytes, or a buffer nothing can be written to.
 * - read (3), pread64 (180), readv (145), preadv (333) on fds below 1024: count 0 (the
 *   console would wait for input). write (4), pwrite64 (181), writev (146), pwritev (334)
 *   there: only unreadable buffers or empty iovecs (no output). close (6), dup2 (63), dup3
 *   (330), close_range (436) never touch fds 0-2. ioctl (54): no terminal-setting requests.
 * - nanosleep (162), clock_nanosleep (267, 407), rt_sigtimedwait (177, 421): the time is a
 *   built timespec of under 1 ms, an invalid one, or a bad pointer; never NULL for the waits.
 *   clock_nanosleep never sleeps on a CPU clock (it stands still while the app sleeps).
 * - munmap (91), mprotect (125), mremap (163), madvise (219), msync (144), mlock (150),
 *   munlock (151), mincore (218), remap_file_pages (257), mbind (274), pkey_mprotect (380)
 *   and mmap2 (192) or old_mmap (90) with MAP_FIXED: ranges inside the scratch region, or
 *   ranges the kernel must refuse (kernel addresses, wrapping past 4 GiB, crossing into the
 *   kernel half). Other mappings a call creates are checked against the app's memory, then
 *   unmapped; brk (45) is put back after each call, the scratch region every 256 calls.
 *
 * moat only: natively on Linux, kill(-1) or the calls moat lacks would reach the host.
 *
 * Guarded after every call: canary pages around the targets, in .bss, on the stack (in the
 * loop's frame and a zone below it), a read-only page, the argument structs, a checksum of
 * the text and vsyscall pages, and every register but eax (flags: CF PF AF ZF SF TF IF DF OF
 * AC). Syscalls moat adds later that write a caller's buffer by a length argument, or block,
 * need a rule in shape.c. */
#include "fuzz.h"
#include "raw.h"

extern char __executable_start[], etext[], _end[];

enum { AT_NULL = 0, AT_SYSINFO = 32 };
enum { ARENA_PAGES = 8, DEEP_ZONE = 16384, DEEP_GAP = 16384, GUARD_WORDS = 256 };

/* canary, target (2 pages), canary, structs (then canary), canary, target, canary */
static uint8_t arena[ARENA_PAGES * FZ_PAGE] __attribute__((aligned(4096)));
static uint32_t loose_canary[512];
static uint8_t structs_shadow[FZ_STRUCTS_LEN];
struct fuzz_layout fz;

static uint32_t rng;
static uint32_t deep_lo, deep_hi;
static uint32_t text_sum, vsyscall_sum;
static uint32_t sysinfo;
static uint32_t seed, ncall;
static uint32_t via_sysenter;

uint32_t fuzz_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* The canary word for an address: different everywhere, so a misplaced copy shows too. */
static uint32_t pattern(uint32_t addr)
{
    return (addr * 0x9E3779B1u) ^ 0x5A17C0DEu;
}

static void fill(uint32_t lo, uint32_t len)
{
    for (uint32_t p = lo; p < lo + len; p += 4)
        *(volatile uint32_t *)p = pattern(p);
}

/* The first damaged word in [lo, lo+len), or 0. */
static uint32_t damaged(uint32_t lo, uint32_t len)
{
    for (uint32_t p = lo; p < lo + len; p += 4)
        if (*(volatile uint32_t *)p != pattern(p))
            return p;
    return 0;
}

static uint32_t checksum(uint32_t lo, uint32_t hi)
{
    uint32_t s = 0;
    for (uint32_t p = lo; p + 4 <= hi; p += 4)
        s = ((s << 7) | (s >> 25)) ^ *(volatile uint32_t *)p;
    return s;
}

static void put_call(uint32_t nr, const uint32_t a[6])
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

static void fail(int status, uint32_t nr, const uint32_t a[6], const char *what, uint32_t addr)
{
    put("fuzz seed ");
    put_udec(seed);
    put(": call ");
    put_call(nr, a);
    put(" = ");
    put_hex(fuzz_after.eax);
    put(via_sysenter ? " via sysenter" : " via int $0x80");
    put(fuzz_before.eflags & 0x400 ? " with DF: " : ": ");
    put(what);
    if (addr) {
        put(" at ");
        put_hex(addr);
    }
    put("\n");
    r_exit(status);
}

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

static void check(uint32_t nr, const uint32_t a[6], const uint32_t *guard)
{
    static const uint8_t canary_pages[] = {0, 3, 5, 7};
    const char *reg = changed_register();
    if (reg)
        fail(4, nr, a, reg, 0);
    uint32_t at;
    for (unsigned i = 0; i < sizeof canary_pages; i++)
        if ((at = damaged((uint32_t)arena + canary_pages[i] * FZ_PAGE, FZ_PAGE)))
            fail(3, nr, a, "canary damaged (.bss)", at);
    if ((at = damaged(fz.structs + FZ_STRUCTS_LEN, FZ_PAGE - FZ_STRUCTS_LEN)))
        fail(3, nr, a, "canary damaged (.bss)", at);
    if ((at = damaged((uint32_t)loose_canary, sizeof loose_canary)))
        fail(3, nr, a, "canary damaged (.bss)", at);
    if ((at = damaged((uint32_t)guard, GUARD_WORDS * 4)))
        fail(3, nr, a, "canary damaged (stack frame)", at);
    if ((at = damaged(deep_lo, deep_hi - deep_lo)))
        fail(3, nr, a, "canary damaged (stack below esp)", at);
    if ((at = damaged(fz.ro, FZ_PAGE)))
        fail(3, nr, a, "canary damaged (read-only page)", at);
    const uint8_t *s = (const uint8_t *)fz.structs;
    for (uint32_t i = 0; i < FZ_STRUCTS_LEN; i++)
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

static uint32_t map(uint32_t pages, uint32_t prot)
{
    uint8_t *p = map_pages(pages, prot);
    if (!p) {
        put("fuzz: mmap at start-up failed\n");
        r_exit(5);
    }
    return (uint32_t)p;
}

/* The memory of fuzz.h's layout: targets, holes, canaries, the scratch region. */
static void setup_memory(uint32_t sp)
{
    uint32_t a = (uint32_t)arena;
    fill(a, ARENA_PAGES * FZ_PAGE);
    fill((uint32_t)loose_canary, sizeof loose_canary);
    /* E, hole, F, PROT_NONE, read-only */
    uint32_t e = map(5, R_PROT_READ | R_PROT_WRITE);
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
    fz.text_lo = (uint32_t)__executable_start;
    fz.text_hi = (uint32_t)etext;
    fz.image_lo = fz.text_lo;
    fz.image_hi = ((uint32_t)_end + FZ_PAGE - 1) & ~(FZ_PAGE - 1u);
    fz.gap = fz.image_hi;
    fz.brk0 = (uint32_t)sys1(__NR_brk, 0);
    /* The stack: this frame and the zone below, which nothing of ours reaches. */
    fz.stack_lo = (sp & ~(FZ_PAGE - 1u)) - 128 * 1024;
    deep_hi = (sp & ~3u) - DEEP_GAP;
    deep_lo = deep_hi - DEEP_ZONE;
    fill(deep_lo, DEEP_ZONE);
    if (sysinfo) {
        fz.vsyscall = sysinfo & ~(FZ_PAGE - 1u);
        vsyscall_sum = checksum(fz.vsyscall, fz.vsyscall + FZ_PAGE);
    }
    text_sum = checksum(fz.text_lo, fz.text_hi);
}

/* Every signal but SIGKILL and SIGSTOP ignored: nothing a call sends can end the app. */
static void ignore_signals(void)
{
    uint32_t act[5] = {1 /* SIG_IGN */, 0, 0, 0, 0};
    for (uint32_t sig = 1; sig <= 64; sig++) {
        if (sig == 9 || sig == 19)
            continue;
        int32_t r = sys6(174, sig, (uint32_t)act, 0, 8, 0, 0);
        if (r) {
            put("fuzz: rt_sigaction(SIG_IGN) failed\n");
            r_exit(5);
        }
    }
}

static void fuzz_main(uint32_t *sp)
{
    uint32_t argc = sp[0];
    char **argv = (char **)(sp + 1);
    uint32_t *envp = sp + 2 + argc;
    while (*envp)
        envp++;
    for (uint32_t *av = envp + 1; av[0] != AT_NULL; av += 2)
        if (av[0] == AT_SYSINFO)
            sysinfo = av[1];
    seed = parse_u32(argc > 1 ? argv[1] : 0, 1);
    uint32_t count = parse_u32(argc > 2 ? argv[2] : 0, 10000);
    int verbose = argc > 3 && argv[3][0] == 'v';
    rng = seed * 2654435761u ^ 0x6D2B79F5u;
    if (!rng)
        rng = 1;

    uint32_t guard[GUARD_WORDS];
    fill((uint32_t)guard, sizeof guard);
    setup_memory((uint32_t)guard);
    ignore_signals();

    for (ncall = 1; ncall <= count; ncall++) {
        uint32_t a[6];
        uint32_t nr = fuzz_pick(a);
        uint32_t use_sysinfo = sysinfo && (fuzz_rand() & 1);
        via_sysenter = use_sysinfo;
        uint32_t set_df = (fuzz_rand() & 7) == 0;
        const uint8_t *s = (const uint8_t *)fz.structs;
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
        if (verbose) {
            put(" = ");
            put_hex(fuzz_after.eax);
            put("\n");
        }
        check(nr, a, guard);
        const char *broken = fuzz_cleanup(nr, a, (int32_t)fuzz_after.eax);
        if (broken)
            fail(5, nr, a, broken, 0);
        if (nr == __NR_brk || nr == 90 || nr == 163 || nr == __NR_mmap2)
            check(nr, a, guard); /* after the clean-up's own calls */
        /* The memory calls leave holes: give them a whole scratch region again now and then. */
        if (ncall % 256 == 0 &&
            sys6(__NR_mmap2, fz.scratch, FZ_SCRATCH_PAGES * FZ_PAGE, R_PROT_READ | R_PROT_WRITE,
                 R_MAP_PRIVATE | R_MAP_ANONYMOUS | R_MAP_FIXED, (uint32_t)-1,
                 0) != (int32_t)fz.scratch)
            fail(5, nr, a, "the scratch region cannot be mapped again", 0);
    }
    put("fuzz seed ");
    put_udec(seed);
    put(": ");
    put_udec(count);
    put(" calls, canaries intact\n");
    r_exit(0);
}

void fuzz_start(uint32_t *sp) __attribute__((noreturn, used));
void fuzz_start(uint32_t *sp)
{
    fuzz_main(sp);
    r_exit(0);
    __builtin_unreachable();
}

void _start(void);
__asm__(".text\n.globl _start\n_start:\n\t"
        "mov %esp, %eax\n\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\t"
        "xor %ebp, %ebp\n\tcall fuzz_start\n\thlt\n");

/* GCC may call these even in freestanding code. */
void *memset(void *d, int c, uint32_t n);
void *memset(void *d, int c, uint32_t n)
{
    volatile uint8_t *p = d;
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, uint32_t n);
void *memcpy(void *d, const void *s, uint32_t n)
{
    volatile uint8_t *p = d;
    const uint8_t *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}
