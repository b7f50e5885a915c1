/* Proves `int $0x80` from a 64-bit process as Linux x86_64 (IA32 emulation) gives it: the i386
 * table (the number in eax alone, the arguments in ebx, ecx, edx, esi, edi, ebp taken as 32
 * bits, the compat prototypes' signed ones sign-extended, lseek's result the 64-bit kernel's
 * off_t), i386 structure layouts (stat64, timeval, timespec), mmap2 below 4 GiB, the result in all
 * of rax (a negative errno sign-extended), every other register and the flags preserved; a native
 * SIGALRM handler ends an i386 nanosleep with -EINTR, SA_RESTART or not. Its buffers are static: a
 * static non-PIE program's data is below 4 GiB. It ends with exit_group(3) through int $0x80.
 * The calls whose i386 form differs in a long's width, and set_thread_area, have their lines
 * too (check_compat), and so do the conversions that move fields (check_layouts, and
 * check_sockets's msghdr and cmsghdr). `int80
 * sigreturn` is moat's own case: see on_segv. */
#include "sig.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* The i386 numbers. */
#define I386_RESTART_SYSCALL 0
#define I386_EXIT_GROUP 252
#define I386_READ 3
#define I386_WRITE 4
#define I386_OPEN 5
#define I386_CLOSE 6
#define I386_LSEEK 19
#define I386_GETPID 20
#define I386_KILL 37
#define I386_TKILL 238
#define I386_BRK 45
#define I386_GETTIMEOFDAY 78
#define I386_UNAME 122
#define I386_LLSEEK 140
#define I386_NANOSLEEP 162
#define I386_MMAP2 192
#define I386_FSTAT64 197
#define I386_CLOCK_GETTIME 265
#define I386_NEWSELECT 142
#define I386_WRITEV 146
#define I386_FCNTL64 221
#define I386_SET_THREAD_AREA 243
#define I386_GET_THREAD_AREA 244
#define I386_SETRLIMIT 75
#define I386_UGETRLIMIT 191
#define I386_SCHED_GETAFFINITY 242
#define I386_RT_SIGTIMEDWAIT 177
#define I386_RT_SIGQUEUEINFO 178
#define I386_F_GETLK64 12

#define UPPER 0xdead000000000000ull /* a non-canonical upper half: no address with it works */
#define GUARD 0x5a5a5a5au

/* long int80(nr, a1..a6): rax = nr, ebx..ebp = a1..a6 as given (all 64 bits), int $0x80;
 * returns rax. The SysV arguments come in rdi, rsi, rdx, rcx, r8, r9 and the stack. */
long int80(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
__asm__(".text\n.globl int80\nint80:\n"
        " push %rbx\n push %rbp\n"
        " mov %rdi, %rax\n mov %rsi, %rbx\n mov %rcx, %r10\n mov %rdx, %rcx\n"
        " mov %r10, %rdx\n mov %r8, %rsi\n mov %r9, %rdi\n mov 24(%rsp), %rbp\n"
        " int $0x80\n"
        " pop %rbp\n pop %rbx\n ret\n");

/* rax, rbx, rcx, rdx, rsi, rdi, rbp, r8..r15, rflags: with_regs loads regs_in (rax is the
 * call's number), runs int $0x80 and stores the machine into regs_out. */
enum { R_RAX, R_RBP = 6, R_R8, R_FLAGS = 15, R_COUNT };
static const char *const reg_names[R_COUNT] = {"rax", "rbx", "rcx", "rdx",   "rsi", "rdi",
                                               "rbp", "r8",  "r9",  "r10",   "r11", "r12",
                                               "r13", "r14", "r15", "rflags"};
uint64_t regs_in[R_COUNT], regs_out[R_COUNT];
void with_regs(void);
__asm__(".text\n.globl with_regs\nwith_regs:\n"
        " push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
        " push regs_in+120(%rip)\n popf\n"
        " mov regs_in+8(%rip), %rbx\n mov regs_in+16(%rip), %rcx\n"
        " mov regs_in+24(%rip), %rdx\n mov regs_in+32(%rip), %rsi\n"
        " mov regs_in+40(%rip), %rdi\n mov regs_in+48(%rip), %rbp\n"
        " mov regs_in+56(%rip), %r8\n mov regs_in+64(%rip), %r9\n"
        " mov regs_in+72(%rip), %r10\n mov regs_in+80(%rip), %r11\n"
        " mov regs_in+88(%rip), %r12\n mov regs_in+96(%rip), %r13\n"
        " mov regs_in+104(%rip), %r14\n mov regs_in+112(%rip), %r15\n"
        " mov regs_in+0(%rip), %rax\n"
        " int $0x80\n"
        " pushf\n pop regs_out+120(%rip)\n cld\n"
        " mov %rax, regs_out+0(%rip)\n mov %rbx, regs_out+8(%rip)\n"
        " mov %rcx, regs_out+16(%rip)\n mov %rdx, regs_out+24(%rip)\n"
        " mov %rsi, regs_out+32(%rip)\n mov %rdi, regs_out+40(%rip)\n"
        " mov %rbp, regs_out+48(%rip)\n mov %r8, regs_out+56(%rip)\n"
        " mov %r9, regs_out+64(%rip)\n mov %r10, regs_out+72(%rip)\n"
        " mov %r11, regs_out+80(%rip)\n mov %r12, regs_out+88(%rip)\n"
        " mov %r13, regs_out+96(%rip)\n mov %r14, regs_out+104(%rip)\n"
        " mov %r15, regs_out+112(%rip)\n"
        " pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n ret\n");

/* i386's struct stat64: long long is 4-aligned there, so st_size sits at 44. */
struct stat64_i386 {
    uint64_t dev;
    uint32_t pad0, ino32, mode, nlink, uid, gid;
    uint64_t rdev;
    uint32_t pad3;
    uint64_t size;
    uint32_t blksize;
    uint64_t blocks;
    uint32_t times[6];
    uint64_t ino;
} __attribute__((packed, aligned(4)));
_Static_assert(__builtin_offsetof(struct stat64_i386, mode) == 16, "i386 layout");
_Static_assert(__builtin_offsetof(struct stat64_i386, size) == 44, "i386 layout");
_Static_assert(__builtin_offsetof(struct stat64_i386, ino) == 88, "i386 layout");
_Static_assert(sizeof(struct stat64_i386) == 96, "i386 layout");

/* i386's timeval and timespec (two 32-bit words), each followed by a guard word. */
struct pair32 {
    int32_t sec, frac;
    uint32_t guard;
};

static char msg[] = "int $0x80 write: hello from a 64-bit process\n";
static char msg2[] = "int $0x80 write with the upper halves set\n";
static char path[64];
static struct {
    struct stat64_i386 st;
    uint32_t guard;
} st64;
static int64_t pos;
static char byte;
static struct pair32 tv, ts, req, rem;
static struct utsname uts;
static volatile sig_atomic_t alarms;

static const char *yes(int c)
{
    return c ? "yes" : "no";
}

static long i80(long nr, long a1, long a2, long a3)
{
    return int80(nr, a1, a2, a3, 0, 0, 0);
}

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void check_registers(void)
{
    for (int i = 1; i < R_FLAGS; i++)
        regs_in[i] = (0xfeed0000ull + (uint64_t)i) << 32 | (0xc0de0000u + (uint32_t)i);
    regs_in[R_RAX] = I386_GETPID;
    regs_in[R_FLAGS] = 0xcd7; /* CF PF AF ZF SF DF OF, and the reserved bit 1 */
    with_regs();
    int all = 1;
    for (int i = 1; i < R_COUNT; i++) {
        uint64_t mask = i == R_FLAGS ? 0xcd5 : ~0ull;
        if ((regs_in[i] ^ regs_out[i]) & mask) {
            printf("  %s changed\n", reg_names[i]);
            all = 0;
        }
    }
    printf("rbx..r15 and the flags preserved across int $0x80 (getpid): %s; rax is the pid: "
           "%s\n",
           yes(all), yes(regs_out[R_RAX] == (uint64_t)getpid()));
}

static void check_numbers(void)
{
    long r = i80(I386_WRITE, 1, (long)msg, (long)sizeof msg - 1);
    printf("write (eax=4) returns its length: %s\n", yes(r == (long)sizeof msg - 1));
    printf("getpid (eax=20) same as getpid(): %s\n", yes(i80(I386_GETPID, 0, 0, 0) == getpid()));
    r = i80(500, 0, 0, 0);
    printf("eax=500 -> -ENOSYS in all of rax: %s\n", yes(r == -ENOSYS));
    r = i80(I386_RESTART_SYSCALL, 0, 0, 0);
    printf("restart_syscall (eax=0) with nothing to restart -> %s\n",
           r == -EINTR ? "-EINTR" : "other");
    r = i80(0x100000000l | I386_GETPID, 0, 0, 0);
    printf("rax=0x100000014 -> %s\n", r == getpid()  ? "getpid's result (eax alone counts)"
                                      : r == -ENOSYS ? "-ENOSYS"
                                                     : "other");
}

static void check_truncation(void)
{
    long r = i80(I386_WRITE, (long)(UPPER | 1), (long)(UPPER | (uint64_t)msg2),
                 (long)(UPPER | (sizeof msg2 - 1)));
    printf("write with the upper halves of ebx, ecx and edx set returns its length: %s\n",
           yes(r == (long)sizeof msg2 - 1));
    char *p = mmap((void *)0x100001000, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != MAP_FAILED)
        memcpy(p, "mapped\n", 7);
    r = i80(I386_WRITE, 1, (long)p, 7);
    printf("write from 0x100001000 (mapped: %s; its low half 0x1000 is not) -> %s\n",
           yes(p == (char *)0x100001000), r == -EFAULT ? "-EFAULT" : "other");
    munmap(p, 4096);
}

/* The file's offset and size: signed and unsigned 32-bit arguments, struct stat64. */
static void check_file(void)
{
    snprintf(path, sizeof path, "/tmp/int80.%d", getpid());
    int nfd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(nfd, "0123456789", 10);
    long fd = i80(I386_OPEN, (long)path, O_RDONLY, 0);
    printf("open (eax=5) -> a new fd: %s\n", yes(fd > nfd));

    long r = i80(I386_LSEEK, fd, 0xffffffffl, SEEK_SET);
    printf("lseek(fd, 0xffffffff, SEEK_SET) -> %s\n", r == -EINVAL ? "-EINVAL" : "other");
    r = i80(I386_LSEEK, fd, 0xffffffffl, SEEK_END);
    printf("lseek(fd, 0xffffffff, SEEK_END) -> %ld\n", r);
    pos = -1;
    r = int80(I386_LLSEEK, fd, 0, 5, (long)&pos, SEEK_SET, 0);
    printf("_llseek(fd, 0, 5, &pos, SEEK_SET) -> %ld, pos %lld\n", r, (long long)pos);
    r = i80(I386_READ, fd, (long)&byte, 1);
    printf("read(fd, &byte, 1) -> %ld, '%c'\n", r, byte);
    r = int80(I386_LLSEEK, fd, 0, 0xffffffffl, (long)&pos, SEEK_SET, 0);
    printf("_llseek(fd, 0, 0xffffffff, &pos, SEEK_SET) -> %ld, pos %lld\n", r, (long long)pos);
    r = i80(I386_LSEEK, fd, 0, SEEK_CUR); /* the 64-bit kernel's off_t: no EOVERFLOW */
    printf("lseek(fd, 0, SEEK_CUR) there -> %ld\n", r);

    struct stat ns;
    fstat(nfd, &ns);
    st64.guard = GUARD;
    r = i80(I386_FSTAT64, fd, (long)&st64, 0);
    printf("fstat64 -> %ld; st_size at 44: %llu; same as fstat's size, mode, nlink and ino (at "
           "88, low half at 12): %s; 96 bytes written: %s\n",
           r, (unsigned long long)st64.st.size,
           yes(st64.st.size == (uint64_t)ns.st_size && st64.st.mode == ns.st_mode &&
               st64.st.nlink == ns.st_nlink && st64.st.ino == ns.st_ino &&
               st64.st.ino32 == (uint32_t)ns.st_ino),
           yes(st64.guard == GUARD));
    r = i80(I386_CLOSE, fd, 0, 0);
    printf("close -> %ld\n", r);
    close(nfd);
    unlink(path);
}

static void check_time(void)
{
    tv.guard = ts.guard = GUARD;
    long r = i80(I386_GETTIMEOFDAY, (long)&tv, 0, 0);
    time_t now = time(NULL);
    printf("gettimeofday -> %ld; tv_sec within 2 s of time(): %s; tv_usec below 1000000: %s; "
           "the word after untouched: %s\n",
           r, yes(llabs((long long)now - tv.sec) <= 2), yes(tv.frac >= 0 && tv.frac < 1000000),
           yes(tv.guard == GUARD));
    r = i80(I386_CLOCK_GETTIME, CLOCK_REALTIME, (long)&ts, 0);
    now = time(NULL);
    printf("clock_gettime(CLOCK_REALTIME) -> %ld; tv_sec within 2 s of time(): %s; tv_nsec "
           "below 1000000000: %s; the word after untouched: %s\n",
           r, yes(llabs((long long)now - ts.sec) <= 2), yes(ts.frac >= 0 && ts.frac < 1000000000),
           yes(ts.guard == GUARD));
}

static void check_memory(void)
{
    long a = int80(I386_MMAP2, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   0xffffffffl, 0);
    int below = a > 0 && (unsigned long)a < 0x100000000ul;
    if (below)
        *(volatile char *)a = 1;
    printf("mmap2 of an anonymous page -> below 4 GiB: %s; writable: %s\n", yes(below),
           yes(below && *(volatile char *)a == 1));
    if (below)
        munmap((void *)a, 4096);
    printf("brk(0) (eax=45) same as the native brk(0): %s\n",
           yes(i80(I386_BRK, 0, 0, 0) == syscall(SYS_brk, 0)));

    struct utsname native;
    uname(&native);
    long r = i80(I386_UNAME, (long)&uts, 0, 0);
    printf("uname (eax=122) -> %ld; same as uname(): %s; machine: %s\n", r,
           yes(!memcmp(&uts, &native, sizeof uts)), uts.machine);
}

/* nanosleep of `sec` s, interrupted by SIGALRM after 100 ms; returns the call's result. */
static long sleep_interrupted(int flags, int32_t sec, double *took)
{
    struct itimerval it = {{0, 0}, {0, 100000}};
    struct timespec t0, t1;
    on(SIGALRM, on_alarm, flags);
    alarms = 0;
    req = (struct pair32){sec, 0, GUARD};
    rem = (struct pair32){-1, -1, GUARD};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    setitimer(ITIMER_REAL, &it, NULL);
    long r = i80(I386_NANOSLEEP, (long)&req, (long)&rem, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return r;
}

static volatile sig_atomic_t usr1_code, usr1_pid_mine;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    usr1_code = si->si_code, usr1_pid_mine = si->si_pid == getpid();
}

static void check_signals(void)
{
    on(SIGUSR1, on_usr1, SA_SIGINFO);
    long r = i80(I386_KILL, getpid(), SIGUSR1, 0);
    printf("kill(getpid(), SIGUSR1) -> %ld; the native handler saw si_code %d, its pid: %s\n", r,
           (int)usr1_code, yes(usr1_pid_mine));
    usr1_code = 0;
    r = i80(I386_TKILL, getpid(), SIGUSR1, 0);
    printf("tkill(getpid(), SIGUSR1) -> %ld; the native handler saw si_code %d\n", r,
           (int)usr1_code);
    double took;
    r = sleep_interrupted(0, 5, &took);
    printf("nanosleep(5 s) (eax=162), SIGALRM after 100 ms -> %s; the handler ran: %s; rem "
           "between 3 and 5 s: %s; the word after untouched: %s\n",
           r == -EINTR ? "-EINTR" : "other", yes(alarms == 1),
           yes(rem.sec >= 3 && rem.sec < 5 && rem.frac >= 0 && rem.frac < 1000000000),
           yes(rem.guard == GUARD));
    r = sleep_interrupted(SA_RESTART, 1, &took);
    printf("nanosleep(1 s), SIGALRM after 100 ms with SA_RESTART -> %s (a handler ends a "
           "nanosleep, SA_RESTART or not); the handler ran: %s; returned early: %s\n",
           r == -EINTR ? "-EINTR" : "other", yes(alarms == 1), yes(took < 0.9));
}

/* The calls whose i386 form differs in a long's width, and set_thread_area's TLS slots. */
static struct {
    uint32_t entry_number, base_addr, limit, flags;
} desc;
static uint32_t tls_word = 0x7e57ab1e;
static struct {
    uint32_t base, len;
} iov;
static struct __attribute__((packed)) {
    int16_t type, whence;
    int64_t start, len;
    int32_t pid;
} lk;

static void check_compat(void)
{
    /* select's sets are i386 longs: one fd's set is 4 bytes, the last 4 of a page here */
    char *p = (char *)int80(I386_MMAP2, 0, 8192, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(p + 4096, 4096, PROT_NONE);
    static uint32_t zero[2]; /* a zero timeout, below 4 GiB */
    uint32_t *set = (uint32_t *)(p + 4096 - 4);
    *set = 1u << 1; /* stdout */
    long r = int80(I386_NEWSELECT, 2, 0, (long)set, 0, (long)zero, 0);
    printf("_newselect(2, {stdout} in the last 4 bytes of a page) -> %ld, set 0x%x\n", r, *set);
    munmap(p, 8192);

    iov = (typeof(iov)){(uint32_t)(uintptr_t)msg, 0x80000000u};
    r = i80(I386_WRITEV, 1, (long)&iov, 1);
    printf("writev of an iovec of 0x80000000 bytes (an i386 ssize_t below 0) -> %s\n",
           r == -EINVAL ? "-EINVAL" : "other");

    snprintf(path, sizeof path, "/tmp/int80l.%d", getpid());
    close(open(path, O_RDWR | O_CREAT | O_TRUNC, 0644));
    long fd = i80(I386_OPEN, (long)path, O_RDWR, 0);
    int fl = fcntl((int)fd, F_GETFL);
    printf("open by int $0x80 leaves O_LARGEFILE clear (as Linux's compat open): %s\n",
           yes(fl >= 0 && !(fl & 0100000)));
    lk = (typeof(lk)){F_RDLCK, SEEK_SET, 0, 0, 0};
    r = i80(I386_FCNTL64, fd, I386_F_GETLK64, (long)&lk);
    printf("fcntl64(fd, F_GETLK64, i386 flock64) -> %ld, l_type F_UNLCK: %s\n", r,
           yes(lk.type == F_UNLCK));
    r = syscall(SYS_fcntl, fd, I386_F_GETLK64, &lk);
    printf("the same command by syscall -> %s\n", r == -1 && errno == EINVAL ? "EINVAL" : "other");
    i80(I386_CLOSE, fd, 0, 0);
    unlink(path);

    /* base = &tls_word, limit 4 GiB in pages, 32-bit, useable */
    desc =
        (typeof(desc)){0xffffffffu, (uint32_t)(uintptr_t)&tls_word, 0xfffff, 1 | 1 << 4 | 1 << 6};
    r = i80(I386_SET_THREAD_AREA, (long)&desc, 0, 0);
    uint32_t seen = 0;
    if (r == 0) {
        uint16_t sel = (uint16_t)(desc.entry_number * 8 + 3), null = 0;
        __asm__ volatile("mov %1, %%gs\n\tmovl %%gs:0, %0\n\tmov %2, %%gs"
                         : "=r"(seen)
                         : "r"(sel), "r"(null));
    }
    printf("set_thread_area -> %ld, entry %u; gs:0 through it reads the word: %s\n", r,
           desc.entry_number, yes(seen == tls_word));
}

/* The conversions whose i386 and x86_64 forms differ in more than width: siginfo's fields
 * (Linux moves them one by one by the layout, si_int alone of si_value), rlimit's "none" (i386's
 * ~0), sched_getaffinity's 4-byte longs; a restart's eax alone; and set_thread_area's slot
 * reloaded into the gs that holds it, with get_thread_area reading it back. */
static uint32_t si32[32]; /* i386's siginfo_t */
static uint8_t usr2_info[48];
static volatile sig_atomic_t restarts;
static long restart_rax;
static int restart_pipe[2];

static void on_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    memcpy(usr2_info, si, sizeof(usr2_info));
}

static void on_restart(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    restart_rax = GREG(uc, REG_RAX);
    restarts++;
    write(restart_pipe[1], "r", 1);
}

static void check_layouts(void)
{
    on(SIGUSR2, on_usr2, SA_SIGINFO);
    memset(si32, 0, sizeof(si32));
    si32[0] = SIGUSR2, si32[2] = (uint32_t)SI_QUEUE, si32[3] = (uint32_t)getpid(),
    si32[4] = getuid(), si32[5] = 0x11111111, si32[6] = 0x22222222, si32[7] = 0x33333333;
    long r = i80(I386_RT_SIGQUEUEINFO, getpid(), SIGUSR2, (long)si32);
    siginfo_t si;
    memcpy(&si, usr2_info, sizeof(usr2_info));
    int rest_zero = 1;
    for (int i = 32; i < 48; i++)
        rest_zero &= usr2_info[i] == 0;
    printf("rt_sigqueueinfo(SI_QUEUE, si_int 0x11111111, junk after it) -> %ld; the native "
           "handler's si_value 0x%lx, bytes 32 to 47 zero: %s\n",
           r, (unsigned long)si.si_value.sival_ptr, yes(rest_zero));

    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, NULL);
    sigqueue(getpid(), SIGUSR2, (union sigval){.sival_ptr = (void *)0x1234567811111111});
    memset(si32, 0x55, sizeof(si32));
    static uint32_t set32[2] = {1u << (SIGUSR2 - 1), 0};
    r = int80(I386_RT_SIGTIMEDWAIT, (long)set32, (long)si32, 0, 8, 0, 0);
    sigprocmask(SIG_UNBLOCK, &usr2, NULL);
    printf("rt_sigtimedwait of a sigqueue'd SIGUSR2 (si_ptr 0x1234567811111111) -> %ld: signo %u "
           "code %d pid mine %s si_int 0x%x, the next two words 0x%x 0x%x\n",
           r, si32[0], (int)si32[2], yes(si32[3] == (uint32_t)getpid()), si32[5], si32[6], si32[7]);

    static uint32_t rl[2];
    struct rlimit native;
    rl[0] = rl[1] = 0xffffffffu;
    r = i80(I386_SETRLIMIT, RLIMIT_FSIZE, (long)rl, 0);
    getrlimit(RLIMIT_FSIZE, &native);
    printf("setrlimit(RLIMIT_FSIZE, {~0, ~0}) -> %ld; natively RLIM_INFINITY: %s\n", r,
           yes(native.rlim_cur == RLIM_INFINITY && native.rlim_max == RLIM_INFINITY));
    native = (struct rlimit){0x100001000ull, RLIM_INFINITY};
    setrlimit(RLIMIT_FSIZE, &native);
    r = i80(I386_UGETRLIMIT, RLIMIT_FSIZE, (long)rl, 0);
    printf("ugetrlimit after a native limit of 4 GiB + 4 KiB -> %ld, {0x%x, 0x%x}\n", r, rl[0],
           rl[1]);
    native.rlim_cur = RLIM_INFINITY;
    setrlimit(RLIMIT_FSIZE, &native);

    static uint32_t mask[2] = {0, GUARD};
    r = i80(I386_SCHED_GETAFFINITY, 0, 4, (long)mask);
    printf("sched_getaffinity(0, 4 bytes) -> %ld, CPU 0 in it: %s, the word after untouched: "
           "%s\n",
           r, yes(mask[0] & 1), yes(mask[1] == GUARD));

    pipe(restart_pipe);
    on(SIGALRM, on_restart, SA_SIGINFO | SA_RESTART);
    struct itimerval it = {{0, 0}, {0, 100000}};
    setitimer(ITIMER_REAL, &it, NULL);
    r = int80((long)(UPPER | I386_READ), restart_pipe[0], (long)&byte, 1, 0, 0, 0);
    printf("read from an empty pipe (rax 0x%llx), SIGALRM with SA_RESTART -> %ld, '%c'; "
           "the handler saw rax 0x%lx\n",
           (unsigned long long)(UPPER | I386_READ), r, byte, restart_rax);
    close(restart_pipe[0]), close(restart_pipe[1]);

    desc =
        (typeof(desc)){0xffffffffu, (uint32_t)(uintptr_t)&tls_word, 0xfffff, 1 | 1 << 4 | 1 << 6};
    r = i80(I386_SET_THREAD_AREA, (long)&desc, 0, 0);
    static uint32_t other = 0x07e40123;
    uint32_t seen = 0, sel = desc.entry_number * 8 + 3, gs_then = 1, null = 0;
    desc.base_addr = (uint32_t)(uintptr_t)&other;
    __asm__ volatile("mov %w0, %%gs" : : "r"(sel));
    long r2 = i80(I386_SET_THREAD_AREA, (long)&desc, 0, 0);
    __asm__ volatile("movl %%gs:0, %0" : "=r"(seen));
    static struct {
        uint32_t entry_number, base_addr, limit, flags;
    } got;
    got.entry_number = desc.entry_number;
    long r3 = i80(I386_GET_THREAD_AREA, (long)&got, 0, 0);
    desc = (typeof(desc)){desc.entry_number, 0, 0, 1 << 3 | 1 << 5}; /* empty */
    long r4 = i80(I386_SET_THREAD_AREA, (long)&desc, 0, 0);
    __asm__ volatile("mov %%gs, %0" : "=r"(gs_then));
    __asm__ volatile("mov %w0, %%gs" : : "r"(null));
    printf("set_thread_area -> %ld; re-pointed while gs holds it -> %ld, gs:0 then reads the new "
           "word: %s; get_thread_area -> %ld, base the new word's: %s, limit 0x%x, flags 0x%x; "
           "cleared -> %ld, gs then 0x%x\n",
           r, r2, yes(seen == other), r3, yes(got.base_addr == (uint32_t)(uintptr_t)&other),
           got.limit, got.flags, r4, gs_then & 0xffff);
}

/* `sigreturn` (moat only): i386's rt_sigreturn would return through an i386 frame to 32-bit
 * code; moat64 has no 32-bit code segment, so the frame is bad: SIGSEGV (SI_KERNEL) at the
 * instruction after the int $0x80, with the registers as they were. Linux would read an ia32
 * frame from the 64-bit stack and return to whatever it says. */
/* i386's socketcall, its msghdr (28 bytes) and its cmsghdr (12, data at a multiple of 4): a
   pipe's end passed over a datagram pair through SCM_RIGHTS and used; a control buffer shorter
   than one header is EINVAL, as Linux's compat conversion has it. */
static void check_sockets(void)
{
    static uint32_t args[6], sv[2], iov[2], msg[7], ctl[4];
    static int p[2];
    static char byte[2] = "s";
    pipe(p);
    args[0] = 1, args[1] = 2, args[2] = 0, args[3] = (uint32_t)(uintptr_t)sv; /* AF_UNIX, DGRAM */
    long r = i80(102, 8, (long)args, 0);
    iov[0] = (uint32_t)(uintptr_t)byte, iov[1] = 1;
    ctl[0] = 16, ctl[1] = 1, ctl[2] = 1, ctl[3] = (uint32_t)p[1]; /* SOL_SOCKET, SCM_RIGHTS */
    memset(msg, 0, sizeof(msg));
    msg[2] = (uint32_t)(uintptr_t)iov, msg[3] = 1, msg[4] = (uint32_t)(uintptr_t)ctl, msg[5] = 16;
    args[0] = sv[0], args[1] = (uint32_t)(uintptr_t)msg, args[2] = 0;
    long sent = i80(102, 16, (long)args, 0);
    msg[5] = 8;
    long shortctl = i80(370, sv[0], (long)msg, 0); /* sendmsg */
    memset(ctl, 0, sizeof(ctl));
    msg[5] = 16, byte[0] = 0;
    args[0] = sv[1];
    long got = i80(102, 17, (long)args, 0);
    int fd = (int)ctl[3];
    char came = byte[0];
    int works = write(fd, "x", 1) == 1 && read(p[0], byte, 1) == 1 && byte[0] == 'x';
    printf("int80 socketcall: socketpair %ld, sendmsg %ld, a short control buffer %ld, recvmsg "
           "%ld '%c': cmsg_len %u level %u type %u, controllen %u, flags %u, the end works: %s\n",
           r, sent, shortctl, got, came, ctl[0], ctl[1], ctl[2], msg[5], msg[6], yes(works));
    close(fd), close(p[0]), close(p[1]), close((int)sv[0]), close((int)sv[1]);
}

/* i386's ipc(2): a segment made and attached (below 4 GiB, its address written at third as 32
   bits), written through, detached; a queue's IPC_STAT in i386's 64 layout (msg_qbytes at 68)
   and its old one (at 48, 16 bits); semctl's union read through a pointer. */
static void check_ipc(void)
{
    static uint32_t addr, ds[22], semarg = 5;
    long shm = int80(117, 23, 0, 8192, 0600, 0, 0); /* SHMGET: IPC_PRIVATE, 8192 bytes */
    long at = int80(117, 21, shm, 0, (long)&addr, 0, 0);
    int works = !at && addr && (*(volatile char *)(uintptr_t)addr = 1);
    long dt = int80(117, 22, 0, 0, 0, addr, 0);
    int80(117, 24, shm, 0, 0, 0, 0); /* SHMCTL IPC_RMID */
    long q = int80(117, 13, 0, 0600, 0, 0, 0);
    long st64 = int80(117, 14, q, 2 | 0x100, 0, (long)ds, 0);
    uint32_t qbytes64 = ds[17];
    memset(ds, 0, sizeof(ds));
    long st = int80(117, 14, q, 2, 0, (long)ds, 0);
    uint16_t qbytes_old = (uint16_t)ds[12];
    int80(117, 14, q, 0, 0, 0, 0); /* MSGCTL IPC_RMID */
    long s = int80(117, 2, 0, 1, 0600, 0, 0);
    long set = int80(117, 3, s, 0, 16, (long)&semarg, 0); /* SETVAL */
    long get = int80(117, 3, s, 0, 12, (long)&semarg, 0); /* GETVAL */
    int80(117, 3, s, 0, 0, (long)&semarg, 0);             /* IPC_RMID */
    printf("int80 ipc: shmat %ld, the page works: %s, shmdt %ld; msgctl IPC_STAT|IPC_64 %ld "
           "qbytes %u, IPC_STAT %ld qbytes %u; semctl SETVAL %ld, GETVAL %ld\n",
           at, yes(works), dt, st64, qbytes64, st, qbytes_old, set, get);
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    printf("%s si_code=%d after the int $0x80: %s\n", signame(sig), si->si_code,
           yes(*(uint16_t *)(GREG(uc, REG_PC) - 2) == 0x80cd));
    exit(0);
}

/* execve by int $0x80 (its strings and arrays below 4 GiB, in the image's data), of this
   program itself: argv[0] as run, or on moat, where the runner names the archive's /init by
   the ELF's file name, /init. The new program's calls must be its own ABI's again. */
static void check_exec(const char *argv0)
{
    static char self[4200], after[] = "after-exec";
    static uint32_t args[3], env[1];
    if (argv0[0] == '/' || !getcwd(self, 4000))
        snprintf(self, sizeof(self), "%s", argv0);
    else
        snprintf(self + strlen(self), sizeof(self) - strlen(self), "/%s", argv0);
    if (access(self, X_OK))
        snprintf(self, sizeof(self), "/init");
    args[0] = (uint32_t)(uintptr_t)self, args[1] = (uint32_t)(uintptr_t)after;
    fflush(stdout);
    long r = i80(11, (long)(uintptr_t)self, (long)(uintptr_t)args, (long)(uintptr_t)env);
    printf("execve by int $0x80 returned %ld\n", r);
}

/* After it: a native getrlimit writes 64-bit words (the i386 layout's hard limit would land
   in the soft one's upper half). */
static void after_exec(void)
{
    uint64_t lim[2] = {~0ull, ~0ull};
    syscall(SYS_getrlimit, RLIMIT_NOFILE, lim);
    printf("execve by int $0x80, then a native call in the native layout: %s\n",
           lim[0] >> 32 == 0 && lim[1] >> 32 == 0 ? "yes" : "no");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* int $0x80's writes go between the lines */
    if (argc > 1 && !strcmp(argv[1], "after-exec")) {
        after_exec();
        i80(I386_EXIT_GROUP, (long)(UPPER | 3), 0, 0);
    }
    if (argc > 1 && !strcmp(argv[1], "sigreturn")) {
        on(SIGSEGV, on_segv, SA_SIGINFO);
        i80(173, 0, 0, 0); /* rt_sigreturn */
        printf("rt_sigreturn returned\n");
        return 1;
    }
    check_numbers();
    check_registers();
    check_truncation();
    check_file();
    check_time();
    check_memory();
    check_compat();
    check_layouts();
    check_sockets();
    check_ipc();
    check_signals();
    check_exec(argv[0]);
    return 0;
}
