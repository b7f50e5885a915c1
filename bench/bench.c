/* moat's benchmark: path lengths of the kernel's hot paths, read with rdtsc. Under QEMU with
   -icount shift=0,align=off rdtsc counts guest instructions, so `bench OP N` is the median
   number of instructions per operation over the batches (loop overhead included) and does
   not depend on the host; `bench_min OP N` and `bench_max OP N` are the fastest and the
   slowest batch's. The same static binary runs as Linux's /init for the baseline
   (tools/run.py bench). Each op also gets `bench_ns OP N`: CLOCK_MONOTONIC around the same
   batches, minus the clock's own cost, for the run without -icount. `bench --smoke` runs one
   batch of each op and prints no numbers (tests/bench_smoke.expect). Built for both widths:
   on x86_64 (bench/x86_64/) the system calls go through `syscall`, and clock_gettime, which
   musl sends to the vDSO's __vdso_clock_gettime, is an op of its own. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define BATCHES 41
#define PER_BATCH 16

uint64_t bench_tsc_at_entry;
static uintptr_t sysinfo;
static volatile char *none_page;
static int smoke;         /* --smoke: one batch per op, names only */
static uint64_t clock_ns; /* the median cost of reading the clock twice */

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

#ifdef __x86_64__
/* x86_64: the same calls through `syscall`, which clobbers rcx and r11. */
static void op_syscall(void)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(SYS_getppid) : "rcx", "r11", "memory");
}

/* musl's clock_gettime calls the vDSO's __vdso_clock_gettime (found through
   AT_SYSINFO_EHDR on its first call), so this never enters a kernel that has one. */
static void op_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
}

static void op_write1(void)
{
    long r;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(SYS_write), "D"(1), "S"("."), "d"(1)
                     : "rcx", "r11", "memory");
}

static void op_raise(void)
{
    long r;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(SYS_tkill), "D"(getpid()), "S"(SIGUSR1)
                     : "rcx", "r11", "memory");
}

#else
static void op_int80(void)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(SYS_getppid) : "memory");
}

/* As musl and glibc make every call: through the AT_SYSINFO address that their start-up
   keeps in the thread's control block, at %gs:16. */
static void op_sysinfo(void)
{
    long r;
    __asm__ volatile("call *%%gs:16" : "=a"(r) : "a"(SYS_getppid) : "memory");
}

static void op_write1(void)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(SYS_write), "b"(1), "c"("."), "d"(1) : "memory");
}

static void op_raise(void)
{
    long r;
    __asm__ volatile("int $0x80"
                     : "=a"(r)
                     : "a"(SYS_tkill), "b"(getpid()), "c"(SIGUSR1)
                     : "memory");
}

#endif

static void op_cli(void)
{
    __asm__ volatile("cli" ::: "memory");
}

static void op_pf(void)
{
    __asm__ volatile("movl (%0), %%eax" : : "c"(none_page) : "eax", "memory"); /* 8b 01 */
}

static void op_ud2(void)
{
    __asm__ volatile("ud2" ::: "memory");
}

/* The fault handler skips the faulting instruction: cli is 1 byte, the rest 2. */
static void skip(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
#ifdef __x86_64__
    greg_t *ip = &uc->uc_mcontext.gregs[REG_RIP];
#else
    greg_t *ip = &uc->uc_mcontext.gregs[REG_EIP];
#endif
    *ip += *(unsigned char *)*ip == 0xFA ? 1 : 2;
}

static void empty(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si, (void)uc;
}

static uint64_t median(uint64_t *v)
{
    qsort(v, BATCHES, sizeof(v[0]), cmp);
    return v[BATCHES / 2];
}

/* The clock brackets the rdtsc pair, so the instruction counts do not include it. */
static void measure(const char *name, void (*op)(void))
{
    uint64_t t[BATCHES], ns[BATCHES];
    for (int b = 0; b < (smoke ? 1 : BATCHES); b++) {
        uint64_t c0 = now_ns();
        uint64_t t0 = rdtsc();
        for (int i = 0; i < PER_BATCH; i++)
            op();
        uint64_t t1 = rdtsc();
        ns[b] = now_ns() - c0;
        t[b] = (t1 - t0) / PER_BATCH;
    }
    const char *nl = op == op_write1 ? "\n" : ""; /* after its dots */
    if (smoke) {
        printf("%sbench %s ok\n", nl, name);
        return;
    }
    uint64_t n = median(ns);
    printf("%sbench %s %llu\n", nl, name, (unsigned long long)median(t)); /* sorts t */
    printf("bench_min %s %llu\n", name, (unsigned long long)t[0]);
    printf("bench_max %s %llu\n", name, (unsigned long long)t[BATCHES - 1]);
    printf("bench_ns %s %llu\n", name,
           (unsigned long long)(n > clock_ns ? (n - clock_ns) / PER_BATCH : 0));
}

static void measure_clock(void)
{
    uint64_t ns[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        uint64_t c0 = now_ns();
        ns[b] = now_ns() - c0;
    }
    clock_ns = median(ns);
}

int main(int argc, char **argv)
{
    uint64_t entry = bench_tsc_at_entry;
    smoke = argc > 1 && !strcmp(argv[1], "--smoke");
    /* A kernel may time its clock source after boot (moat refines its TSC rate over the
       first ticks), and until then its clock may be coarse: let that pass before reading ns. */
    if (!smoke)
        nanosleep(&(struct timespec){.tv_nsec = 100000000}, 0);
    uint64_t tsc0 = rdtsc(), ns0 = now_ns();
    static char altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
    sigaltstack(&ss, 0);
    struct sigaction sa = {.sa_sigaction = skip, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    sigaction(SIGSEGV, &sa, 0);
    sigaction(SIGILL, &sa, 0);
    sa.sa_sigaction = empty;
    sigaction(SIGUSR1, &sa, 0);
    sysinfo = getauxval(AT_SYSINFO);
    none_page = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (smoke)
        printf("bench reset_to_app ok\n");
    else
        printf("bench reset_to_app %llu\n", (unsigned long long)entry);
    measure_clock();
#ifdef __x86_64__
    measure("syscall", op_syscall);
    measure("clock_gettime", op_clock);
#else
    measure("syscall_int80", op_int80);
    if (sysinfo)
        measure("syscall_sysinfo", op_sysinfo);
#endif
    measure("write1", op_write1);
    measure("raise", op_raise);
    measure("gp_cli", op_cli);
    measure("pf", op_pf);
    measure("ud2", op_ud2);
    /* rdtsc at entry in ns: scaled by the TSC's rate against the clock over the run. */
    if (!smoke)
        printf("bench_ns reset_to_app %llu\n",
               (unsigned long long)((double)entry * (double)(now_ns() - ns0) /
                                    (double)(rdtsc() - tsc0)));
    printf("bench done\n");
    if (getpid() == 1 && getppid() == 0) /* Linux's /init: power off rather than panic */
        reboot(RB_POWER_OFF);
    return 0;
}
