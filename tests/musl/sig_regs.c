/* Proves a signal handler cannot disturb the interrupted code, and that it can change it on
 * purpose, as on Linux i386. `preserve`: int3 with known values in every general register,
 * EFLAGS (CF PF AF ZF SF DF OF), the eight x87 registers and control word, xmm0-7 and MXCSR,
 * against a handler that clobbers all of them; the handler starts with DF clear. `edit`: an
 * SA_SIGINFO handler changes EIP, EAX, ESI and EFLAGS in uc_mcontext, and a legacy handler
 * (struct sigcontext after the signal number, legacy sigreturn) does the same. `async`: a
 * periodic SIGALRM whose handler clobbers the FPU interrupts a loop that keeps its sums in x87
 * and xmm registers. `bad_frame`: rt_sigreturn of a frame that cannot be read. The x86_64
 * build checks the same through the full registers (their low halves are the lines'
 * eax..ebp), edits RAX, RSI and RIP, and has no legacy handler: x86_64 has only rt frames. */
#include "sig.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>

struct state {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, eflags; /* offsets 0..28 */
    double st[8];                                       /* 32: st(0)..st(7) */
    uint32_t xmm[8][4];                                 /* 96 */
    uint32_t mxcsr;                                     /* 224 */
    uint16_t cw;                                        /* 228 */
};
_Static_assert(__builtin_offsetof(struct state, st) == 32, "asm offsets");
_Static_assert(__builtin_offsetof(struct state, xmm) == 96, "asm offsets");
_Static_assert(__builtin_offsetof(struct state, mxcsr) == 224, "asm offsets");
_Static_assert(__builtin_offsetof(struct state, cw) == 228, "asm offsets");

struct state in, out;

/* The width's names for the accumulator and RSI in the ucontext (sig.h: the program counter). */
#ifdef __x86_64__
#define REG_ACC REG_RAX
#define REG_SI REG_RSI
#define READ_EFLAGS() ((uint32_t)__builtin_ia32_readeflags_u64())
#else
#define REG_ACC REG_EAX
#define REG_SI REG_ESI
#define READ_EFLAGS() __builtin_ia32_readeflags_u32()
#endif

/* Loads `in` into the machine, runs int3, stores the machine into `out`. */
#ifdef __x86_64__
__asm__(".text\n.globl with_state\nwith_state:\n"
        " push %rbx\n push %rbp\n"
        " fninit\n fldcw in+228\n"
        " fldl in+88\n fldl in+80\n fldl in+72\n fldl in+64\n"
        " fldl in+56\n fldl in+48\n fldl in+40\n fldl in+32\n"
        " ldmxcsr in+224\n"
        " movups in+96, %xmm0\n movups in+112, %xmm1\n movups in+128, %xmm2\n"
        " movups in+144, %xmm3\n movups in+160, %xmm4\n movups in+176, %xmm5\n"
        " movups in+192, %xmm6\n movups in+208, %xmm7\n"
        " mov in+28, %eax\n push %rax\n popf\n"
        " mov in+0, %eax\n mov in+4, %ebx\n mov in+8, %ecx\n mov in+12, %edx\n"
        " mov in+16, %esi\n mov in+20, %edi\n mov in+24, %ebp\n"
        ".globl state_trap\nstate_trap: int3\n"
        ".globl state_after\nstate_after:\n"
        " mov %eax, out+0\n mov %ebx, out+4\n mov %ecx, out+8\n mov %edx, out+12\n"
        " mov %esi, out+16\n mov %edi, out+20\n mov %ebp, out+24\n"
        " pushf\n pop %rax\n mov %eax, out+28\n cld\n"
        " fnstcw out+228\n fldcw in+228\n"
        " fstpl out+32\n fstpl out+40\n fstpl out+48\n fstpl out+56\n"
        " fstpl out+64\n fstpl out+72\n fstpl out+80\n fstpl out+88\n"
        " stmxcsr out+224\n"
        " movups %xmm0, out+96\n movups %xmm1, out+112\n movups %xmm2, out+128\n"
        " movups %xmm3, out+144\n movups %xmm4, out+160\n movups %xmm5, out+176\n"
        " movups %xmm6, out+192\n movups %xmm7, out+208\n"
        " fninit\n"
        " pop %rbp\n pop %rbx\n ret\n");
#else
__asm__(".text\n.globl with_state\nwith_state:\n"
        " pushal\n"
        " fninit\n fldcw in+228\n"
        " fldl in+88\n fldl in+80\n fldl in+72\n fldl in+64\n"
        " fldl in+56\n fldl in+48\n fldl in+40\n fldl in+32\n"
        " ldmxcsr in+224\n"
        " movups in+96, %xmm0\n movups in+112, %xmm1\n movups in+128, %xmm2\n"
        " movups in+144, %xmm3\n movups in+160, %xmm4\n movups in+176, %xmm5\n"
        " movups in+192, %xmm6\n movups in+208, %xmm7\n"
        " pushl in+28\n popf\n"
        " mov in+0, %eax\n mov in+4, %ebx\n mov in+8, %ecx\n mov in+12, %edx\n"
        " mov in+16, %esi\n mov in+20, %edi\n mov in+24, %ebp\n"
        ".globl state_trap\nstate_trap: int3\n"
        ".globl state_after\nstate_after:\n"
        " mov %eax, out+0\n mov %ebx, out+4\n mov %ecx, out+8\n mov %edx, out+12\n"
        " mov %esi, out+16\n mov %edi, out+20\n mov %ebp, out+24\n"
        " pushf\n popl out+28\n cld\n"
        " fnstcw out+228\n fldcw in+228\n"
        " fstpl out+32\n fstpl out+40\n fstpl out+48\n fstpl out+56\n"
        " fstpl out+64\n fstpl out+72\n fstpl out+80\n fstpl out+88\n"
        " stmxcsr out+224\n"
        " movups %xmm0, out+96\n movups %xmm1, out+112\n movups %xmm2, out+128\n"
        " movups %xmm3, out+144\n movups %xmm4, out+160\n movups %xmm5, out+176\n"
        " movups %xmm6, out+192\n movups %xmm7, out+208\n"
        " fninit\n"
        " popal\n ret\n");
#endif
void with_state(void);
extern const char state_trap[], state_after[];

#define USER_FLAGS 0xcd5u /* CF PF AF ZF SF DF OF */

static void fill_in(void)
{
    uint32_t v[] = {0x11111111, 0x22222222, 0x33333333, 0x44444444,
                    0x55555555, 0x66666666, 0x77777777};
    memcpy(&in, v, sizeof v);
    in.eflags = 0x2 | USER_FLAGS;
    for (int i = 0; i < 8; i++)
        in.st[i] = 1.5 + i * 1000.25;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            in.xmm[i][j] = 0x01010101u * (uint32_t)(i * 16 + j + 1);
    in.mxcsr = 0x1f80 | 0x6000; /* round toward zero */
    in.cw = 0x0e7f;             /* round toward zero, 64-bit precision */
}

static void compare(void)
{
    const char *gpr[] = {"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp"};
    int bad = 0;
    for (int i = 0; i < 7; i++) {
        uint32_t a = (&in.eax)[i], b = (&out.eax)[i];
        if (a != b) {
            printf("%s: 0x%08x became 0x%08x\n", gpr[i], a, b);
            bad++;
        }
    }
    if ((out.eflags & USER_FLAGS) != (in.eflags & USER_FLAGS)) {
        printf("eflags: 0x%x became 0x%x\n", in.eflags & USER_FLAGS, out.eflags & USER_FLAGS);
        bad++;
    }
    for (int i = 0; i < 8; i++)
        if (memcmp(&in.st[i], &out.st[i], 8)) {
            printf("st(%d): %g became %g\n", i, in.st[i], out.st[i]);
            bad++;
        }
    for (int i = 0; i < 8; i++)
        if (memcmp(in.xmm[i], out.xmm[i], 16)) {
            printf("xmm%d: %08x... became %08x...\n", i, in.xmm[i][0], out.xmm[i][0]);
            bad++;
        }
    if (in.mxcsr != out.mxcsr) {
        printf("mxcsr: 0x%x became 0x%x\n", in.mxcsr, out.mxcsr);
        bad++;
    }
    if (in.cw != out.cw) {
        printf("x87 cw: 0x%x became 0x%x\n", in.cw, out.cw);
        bad++;
    }
    printf("%s\n", bad ? "state changed" : "all registers, flags, x87 and SSE state preserved");
}

static volatile double sink;

/* Clobbers everything the interrupted code keeps in registers (asm: musl's compiler targets
 * i386 without SSE). */
__asm__(".text\n.globl clobber_fpu\nclobber_fpu:\n fninit\n"
        " fldpi\n fldpi\n fldpi\n fldpi\n fldpi\n fldpi\n fldpi\n fldpi\n"
        " xorps %xmm0, %xmm0\n xorps %xmm1, %xmm1\n xorps %xmm2, %xmm2\n xorps %xmm3, %xmm3\n"
        " xorps %xmm4, %xmm4\n xorps %xmm5, %xmm5\n xorps %xmm6, %xmm6\n xorps %xmm7, %xmm7\n"
#ifdef __x86_64__
        " push $0x1f80\n ldmxcsr (%rsp)\n add $8, %rsp\n fninit\n ret\n");
#else
        " push $0x1f80\n ldmxcsr (%esp)\n add $4, %esp\n fninit\n ret\n");
#endif
void clobber_fpu(void);

static void clobber(void)
{
    clobber_fpu();
    double x = 3.0;
    for (int i = 0; i < 10; i++)
        x = x * 1.25 + 0.5;
    sink = x;
}

static void clobber_handler(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    uint32_t fl = READ_EFLAGS();
    uint16_t cw;
    uint32_t mxcsr;
    __asm__ volatile("fnstcw %0\n\tstmxcsr %1" : "=m"(cw), "=m"(mxcsr));
    hprintf("%s handler: DF=%u TF=%u, cw=0x%x mxcsr=0x%x; uc eflags&0xcd5=0x%x eip=%s\n",
            signame(sig), fl >> 10 & 1, fl >> 8 & 1, cw, mxcsr, GREG(uc, REG_EFL) & 0xcd5,
            (uintptr_t)GREG(uc, REG_PC) == (uintptr_t)state_after ? "after int3" : "other");
    clobber();
    __asm__ volatile("std" ::: "memory"); /* returns with DF set: sigreturn restores it */
}

/* int3, then an instruction the handlers skip by moving EIP. */
#ifdef __x86_64__
__asm__(".text\n.globl edit_me\nedit_me:\n push %rsi\n push %rbx\n"
        " mov $1, %eax\n mov $2, %esi\n xor %ebx, %ebx\n cld\n"
        " cmp %eax, %eax\n" /* ZF=1, CF=0 */
        ".globl edit_trap\nedit_trap: int3\n"
        ".globl edit_after\nedit_after: mov $0xbad, %ebx\n" /* 5 bytes: skipped */
        ".globl edit_resume\nedit_resume:\n"
        " pushf\n pop %rcx\n cld\n"
        " mov %eax, edited+0\n mov %esi, edited+4\n mov %ebx, edited+8\n mov %ecx, edited+12\n"
        " pop %rbx\n pop %rsi\n ret\n");
#else
__asm__(".text\n.globl edit_me\nedit_me:\n push %esi\n push %ebx\n"
        " mov $1, %eax\n mov $2, %esi\n xor %ebx, %ebx\n cld\n"
        " cmp %eax, %eax\n" /* ZF=1, CF=0 */
        ".globl edit_trap\nedit_trap: int3\n"
        ".globl edit_after\nedit_after: mov $0xbad, %ebx\n" /* 5 bytes: skipped */
        ".globl edit_resume\nedit_resume:\n"
        " pushf\n pop %ecx\n cld\n"
        " mov %eax, edited+0\n mov %esi, edited+4\n mov %ebx, edited+8\n mov %ecx, edited+12\n"
        " pop %ebx\n pop %esi\n ret\n");
#endif
void edit_me(void);
extern const char edit_trap[], edit_after[], edit_resume[];
struct {
    uint32_t eax, esi, ebx, eflags;
} edited;

static void edit_siginfo(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    GREG(uc, REG_ACC) = 0x12345678;
    GREG(uc, REG_SI) = 0x9abcdef0;
    GREG(uc, REG_EFL) = (GREG(uc, REG_EFL) & ~0x40) | 0x401; /* ZF off, CF and DF on */
    GREG(uc, REG_PC) = (greg_t)(uintptr_t)edit_resume;
}

#ifdef __i386__
/* A legacy handler's frame: the return address, the signal number, then struct sigcontext. */
__asm__(".text\n.globl edit_legacy\nedit_legacy:\n lea 8(%esp), %eax\n push %eax\n"
        " call edit_legacy_c\n add $4, %esp\n ret\n");
void edit_legacy(int sig);
void edit_legacy_c(struct sigcontext *sc);

void edit_legacy_c(struct sigcontext *sc)
{
    hprintf("legacy handler: trapno=%lu eip=%s eax=%lu oldmask has SIGHUP: %s\n", sc->trapno,
            sc->eip == (uintptr_t)edit_after ? "after int3" : "other", sc->eax,
            sc->oldmask & (1u << (SIGHUP - 1)) ? "yes" : "no");
    sc->eax = 0x0badf00d;
    sc->esi = 0x00c0ffee;
    sc->eflags = (sc->eflags & ~0x40ul) | 0x401;
    sc->eip = (uintptr_t)edit_resume;
}
#endif

static void show_edited(void)
{
    printf("resumed at the new eip: %s; eax=0x%x esi=0x%x ZF=%u CF=%u DF=%u\n",
           edited.ebx == 0 ? "yes" : "no", edited.eax, edited.esi, edited.eflags >> 6 & 1,
           edited.eflags & 1, edited.eflags >> 10 & 1);
}

/* The loop keeps sums in st(0) and xmm0, counting until `ticks` reaches 3: no syscalls. */
static volatile int ticks;
#ifdef __x86_64__
__asm__(".text\n.globl sum_loop\nsum_loop:\n"
        " push %rbx\n fninit\n fldz\n xorps %xmm0, %xmm0\n xor %ebx, %ebx\n"
        " mov $1, %eax\n cvtsi2sd %eax, %xmm1\n"
        "1: fld1\n faddp\n addsd %xmm1, %xmm0\n inc %ebx\n"
        " cmpl $3, ticks\n jl 1b\n"
        " fstpl sums+0\n movsd %xmm0, sums+8\n mov %ebx, sums+16\n"
        " pop %rbx\n ret\n");
#else
__asm__(".text\n.globl sum_loop\nsum_loop:\n"
        " push %ebx\n fninit\n fldz\n xorps %xmm0, %xmm0\n xor %ebx, %ebx\n"
        " mov $1, %eax\n cvtsi2sd %eax, %xmm1\n"
        "1: fld1\n faddp\n addsd %xmm1, %xmm0\n inc %ebx\n"
        " cmpl $3, ticks\n jl 1b\n"
        " fstpl sums+0\n movsd %xmm0, sums+8\n mov %ebx, sums+16\n"
        " pop %ebx\n ret\n");
#endif
void sum_loop(void);
struct {
    double x87, sse;
    uint32_t n;
} sums;

static void tick(int sig)
{
    (void)sig;
    clobber();
    ticks++;
}

/* A handler may leave any value in eax, -ERESTARTSYS's -512 too: once sigreturn has restored
   the registers, the interrupted context is no longer in a system call, so a signal
   delivered on sigreturn's way out must not "restart" or -EINTR it (Linux: orig_ax = -1). */
static volatile int usr2_ran;

static void set_eax_restartsys(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    GREG(uc, REG_ACC) = -512;
    raise(SIGUSR2); /* blocked by this handler's sa_mask: delivered as sigreturn returns */
}

static void usr2(int sig)
{
    (void)sig;
    usr2_ran = 1;
}

static void eax_restart(void)
{
    struct sigaction sa = {.sa_sigaction = set_eax_restartsys, .sa_flags = SA_SIGINFO};
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGUSR2, usr2);        /* no SA_RESTART */
    long r = syscall(SYS_getpid); /* warm up; then a call the signal interrupts: */
#ifdef __x86_64__
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(SYS_kill), "D"(r), "S"(SIGUSR1)
                     : "rcx", "r11", "memory");
#else
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(SYS_kill), "b"(r), "c"(SIGUSR1) : "memory");
#endif
    printf("eax after the handler: %ld (want -512), SIGUSR2 ran: %s\n", r, usr2_ran ? "yes" : "no");
}

/* rt_sigreturn with the stack pointer on a PROT_NONE page: the frame cannot be read, so the
   app gets SIGSEGV (SI_KERNEL) with its registers as they were at the call, the result 0 in
   the accumulator (Linux's badframe: regs untouched, return 0). Every other general register
   holds a known value; the handler, on the alternate stack, checks them and resumes. */
uintptr_t bad_sp, saved_sp;
#ifdef __x86_64__
#define REG_SP REG_RSP
static const int bad_regs[] = {REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_R8,
                               REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
static const char *const bad_names[] = {"rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
                                        "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
/* rcx and r11 are what syscall leaves in them: the return address and the flags. */
__asm__(".text\n.globl bad_sigreturn\nbad_sigreturn:\n"
        " push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
        " mov %rsp, saved_sp(%rip)\n"
        " mov $0x1010101010101010, %rbx\n mov $0x3030303030303030, %rdx\n"
        " mov $0x4040404040404040, %rsi\n mov $0x5050505050505050, %rdi\n"
        " mov $0x6060606060606060, %rbp\n mov $0x7070707070707070, %r8\n"
        " mov $0x8080808080808080, %r9\n mov $0x9090909090909090, %r10\n"
        " mov $0xc0c0c0c0c0c0c0c0, %r12\n mov $0xd0d0d0d0d0d0d0d0, %r13\n"
        " mov $0xe0e0e0e0e0e0e0e0, %r14\n mov $0xf0f0f0f0f0f0f0f0, %r15\n"
        " mov bad_sp(%rip), %rsp\n mov $15, %eax\n syscall\n" /* __NR_rt_sigreturn */
        ".globl bad_after\nbad_after: ud2\n"
        ".globl bad_resume\nbad_resume:\n"
        " pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n ret\n");
static greg_t bad_want(int i, const ucontext_t *uc)
{
    static const uint64_t v[] = {0x1010101010101010, 0,
                                 0x3030303030303030, 0x4040404040404040,
                                 0x5050505050505050, 0x6060606060606060,
                                 0x7070707070707070, 0x8080808080808080,
                                 0x9090909090909090, 0,
                                 0xc0c0c0c0c0c0c0c0, 0xd0d0d0d0d0d0d0d0,
                                 0xe0e0e0e0e0e0e0e0, 0xf0f0f0f0f0f0f0f0};
    if (bad_regs[i] == REG_RCX)
        return GREG(uc, REG_RIP);
    if (bad_regs[i] == REG_R11)
        return GREG(uc, REG_EFL);
    return (greg_t)v[i];
}
#else
#define REG_SP REG_ESP
static const int bad_regs[] = {REG_EBX, REG_ECX, REG_EDX, REG_ESI, REG_EDI, REG_EBP};
static const char *const bad_names[] = {"ebx", "ecx", "edx", "esi", "edi", "ebp"};
__asm__(".text\n.globl bad_sigreturn\nbad_sigreturn:\n"
        " pushal\n mov %esp, saved_sp\n"
        " mov $0x10101010, %ebx\n mov $0x20202020, %ecx\n mov $0x30303030, %edx\n"
        " mov $0x40404040, %esi\n mov $0x50505050, %edi\n mov $0x60606060, %ebp\n"
        " mov bad_sp, %esp\n mov $173, %eax\n int $0x80\n" /* __NR_rt_sigreturn */
        ".globl bad_after\nbad_after: ud2\n"
        ".globl bad_resume\nbad_resume:\n popal\n ret\n");
static greg_t bad_want(int i, const ucontext_t *uc)
{
    (void)uc;
    return (greg_t)(0x10101010u * (uint32_t)(i + 1));
}
#endif
void bad_sigreturn(void);
extern const char bad_after[], bad_resume[];

static void bad_frame_segv(int sig, siginfo_t *si, void *ucv)
{
    const ucontext_t *uc = ucv;
    int bad = 0;
    for (unsigned i = 0; i < sizeof bad_regs / sizeof bad_regs[0]; i++)
        if (GREG(uc, bad_regs[i]) != bad_want((int)i, uc)) {
            hprintf("%s: 0x%llx, want 0x%llx\n", bad_names[i],
                    (unsigned long long)GREG(uc, bad_regs[i]),
                    (unsigned long long)bad_want((int)i, uc));
            bad++;
        }
    hprintf("%s si_code=%d at %s, sp %s, accumulator %ld; %s\n", signame(sig), si->si_code,
            (uintptr_t)GREG(uc, REG_PC) == (uintptr_t)bad_after ? "the instruction after the call"
                                                                : "another instruction",
            (uintptr_t)GREG(uc, REG_SP) == bad_sp ? "the bad one" : "another",
            (long)GREG(uc, REG_ACC), bad ? "registers changed" : "every other register as it was");
    GREG(uc, REG_PC) = (greg_t)(uintptr_t)bad_resume;
    GREG(uc, REG_SP) = (greg_t)saved_sp;
}

static void bad_frame(void)
{
    static char alt[65536];
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt};
    sigaltstack(&ss, NULL);
    on(SIGSEGV, bad_frame_segv, SA_SIGINFO | SA_ONSTACK);
    char *p = mmap(NULL, 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("mmap failed\n");
        return;
    }
    bad_sp = (uintptr_t)p + sizeof(void *); /* the frame, at sp less pretcode, starts at p */
    bad_sigreturn();
    printf("resumed after the failed rt_sigreturn\n");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "preserve") == 0) {
        on(SIGTRAP, clobber_handler, SA_SIGINFO);
        fill_in();
        with_state();
        compare();
        in.eflags = 0x2; /* and with the flags all clear */
        with_state();
        compare();
    } else if (strcmp(mode, "edit") == 0) {
        on(SIGTRAP, edit_siginfo, SA_SIGINFO);
        edit_me();
        show_edited();
#ifdef __i386__
        on(SIGTRAP, edit_legacy, 0);
        sigset_t hup;
        sigemptyset(&hup);
        sigaddset(&hup, SIGHUP);
        sigprocmask(SIG_BLOCK, &hup, NULL);
        memset(&edited, 0, sizeof edited);
        edit_me();
        show_edited();
#endif
    } else if (strcmp(mode, "async") == 0) {
        on(SIGALRM, tick, 0);
        struct itimerval it = {{0, 2000}, {0, 2000}};
        setitimer(ITIMER_REAL, &it, NULL);
        sum_loop();
        struct itimerval off = {{0, 0}, {0, 0}};
        setitimer(ITIMER_REAL, &off, NULL);
        printf("interrupted %s3 times; x87 sum %s, SSE sum %s the loop count\n",
               ticks >= 3 ? ">=" : "<", sums.x87 == (double)sums.n ? "equals" : "differs from",
               sums.sse == (double)sums.n ? "equals" : "differs from");
    } else if (strcmp(mode, "eax_restart") == 0) {
        eax_restart();
    } else if (strcmp(mode, "bad_frame") == 0) {
        bad_frame();
    } else {
        printf("usage: sig_regs.elf preserve|edit|async|eax_restart|bad_frame\n");
        return 2;
    }
    return 0;
}
