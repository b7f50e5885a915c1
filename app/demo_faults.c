/* demo_faults.c: the demo's fault chapter: the app catches its own faults as signals on its
   alternate stack, looks at the faulting instruction itself, and carries on. */
#include "demo.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Each trial is one instruction behind an asm label, so the handler's EIP can be shown
 * relative to it ("insn+0"): the output stays the same wherever the app is loaded.
 * noinline/noclone keep gcc from emitting a label twice.
 */
#define TRIAL(name, ...)                                                                           \
    extern const char name##_insn[];                                                               \
    static __attribute__((noinline, noclone)) void name(void)                                      \
    {                                                                                              \
        __asm__ volatile(__VA_ARGS__);                                                             \
    }

/* clang-format off */
TRIAL(do_cli, "do_cli_insn: cli")
TRIAL(do_hlt, "do_hlt_insn: hlt")
TRIAL(do_in, "do_in_insn: inb $0x60, %%al" ::: "eax")
TRIAL(do_kread, "do_kread_insn: movl 0xc0000000, %%eax" ::: "eax")
TRIAL(do_ud2, "do_ud2_insn: ud2")
TRIAL(do_div0, "xorl %%edx, %%edx\n\tmovl $1, %%eax\n\txorl %%ecx, %%ecx\n"
               "do_div0_insn: divl %%ecx" ::: "eax", "ecx", "edx")
TRIAL(do_int3, "do_int3_insn: int3")
/* clang-format on */

struct trial {
    const char *what;
    void (*run)(void);
    const char *insn; /* the label on the instruction that faults */
    int longjmp_out;  /* recover with siglongjmp rather than by moving EIP on */
};

/* clang-format off */
static const struct trial trials[] = {
    {"cli", do_cli, do_cli_insn, 0},
    {"hlt", do_hlt, do_hlt_insn, 0},
    {"in $0x60", do_in, do_in_insn, 0},
    {"kernel read", do_kread, do_kread_insn, 1},
    {"ud2", do_ud2, do_ud2_insn, 0},
    {"divide by 0", do_div0, do_div0_insn, 1},
    {"int3", do_int3, do_int3_insn, 0},
};
/* clang-format on */

/* What the handler saw: main prints it once the app is back on its feet. */
static struct {
    int sig, code, on_altstack;
    uintptr_t addr, eip;
    unsigned trapno;
    char insn[24];
    int skipped; /* bytes EIP was moved on, 0 if the handler used siglongjmp */
} seen;

static const struct trial *current;
static sigjmp_buf recover;
static char altstack[4 * SIGSTKSZ];
static volatile unsigned depth;

/* Just enough of a decoder for what ring 3 may not run: opcode, length, text (which may
   show the immediate byte). 0x0f opens a two-byte opcode, matched with its second byte. */
static const struct {
    uint8_t op, op2;
    int len;
    const char *fmt;
} insns[] = {
    {0xfa, 0, 1, "cli"},
    {0xfb, 0, 1, "sti"},
    {0xf4, 0, 1, "hlt"},
    {0xe4, 0, 2, "in $0x%02x, %%al"},
    {0xe5, 0, 2, "in $0x%02x, %%eax"},
    {0xe6, 0, 2, "out %%al, $0x%02x"},
    {0xec, 0, 1, "in (%%dx), %%al"},
    {0xee, 0, 1, "out %%al, (%%dx)"},
    {0xcc, 0, 1, "int3"},
    {0xcd, 0, 2, "int $0x%02x"},
    {0x0f, 0x0b, 2, "ud2"},
};

/* Writes the instruction at p as text; returns its length, or 0 if it is not in the table. */
static int decode(const uint8_t *p, char *text, size_t size)
{
    for (size_t i = 0; i < sizeof insns / sizeof insns[0]; i++) {
        if (p[0] != insns[i].op || (p[0] == 0x0f && p[1] != insns[i].op2))
            continue;
        snprintf(text, size, insns[i].fmt, p[1]);
        return insns[i].len;
    }
    snprintf(text, size, "?? %02x %02x", p[0], p[1]);
    return 0;
}

static int on_altstack(const void *p)
{
    return (const char *)p >= altstack && (const char *)p < altstack + sizeof altstack;
}

/* One handler for every fault signal: record, then decide how to go on. */
static void on_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;
    char here = 0; /* a local: its address shows which stack the handler runs on */
    int len;

    if (!current) { /* a fault no trial asked for: let it kill the app when it recurs */
        signal(sig, SIG_DFL);
        return;
    }
    seen.sig = sig;
    seen.code = si->si_code;
    seen.addr = (uintptr_t)si->si_addr;
    seen.trapno = (unsigned)g[REG_TRAPNO];
    seen.eip = (uintptr_t)g[REG_EIP];
    seen.on_altstack = on_altstack(&here);
    /* int3 is a trap: EIP is already past it, so look one byte back. */
    len = decode((const uint8_t *)seen.eip - (sig == SIGTRAP), seen.insn, sizeof seen.insn);
    if (current->longjmp_out || len == 0)
        siglongjmp(recover, 1);
    if (sig != SIGTRAP) {
        g[REG_EIP] += len; /* on sigreturn the kernel resumes after the instruction */
        seen.skipped = len;
    }
}

static const char *sig_name(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGILL:
        return "SIGILL";
    case SIGFPE:
        return "SIGFPE";
    case SIGTRAP:
        return "SIGTRAP";
    case SIGBUS:
        return "SIGBUS";
    }
    return "signal?";
}

static const char *code_name(int sig, int code)
{
    static const char *const segv[] = {"?", "SEGV_MAPERR", "SEGV_ACCERR"};
    static const char *const ill[] = {"?",          "ILL_ILLOPC", "ILL_ILLOPN",
                                      "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC",
                                      "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK"};
    static const char *const fpe[] = {"?", "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV"};
    static const char *const trap[] = {"?", "TRAP_BRKPT", "TRAP_TRACE"};

    if (code == SI_KERNEL)
        return "SI_KERNEL";
    if (code == SI_USER)
        return "SI_USER";
    if (sig == SIGSEGV && code > 0 && code < 3)
        return segv[code];
    if (sig == SIGILL && code > 0 && code < 9)
        return ill[code];
    if (sig == SIGFPE && code > 0 && code < 4)
        return fpe[code];
    if (sig == SIGTRAP && code > 0 && code < 3)
        return trap[code];
    return "?";
}

static int run_trial(const struct trial *t)
{
    memset(&seen, 0, sizeof seen);
    current = t;
    if (!sigsetjmp(recover, 1))
        t->run();
    current = 0;

    char detail[48] = "";
    const char *next = "siglongjmp back";
    int at = (int)(seen.eip - (uintptr_t)t->insn);

    if (!seen.sig) {
        printf("  %-14s -> no signal at all\n", t->what);
        return 0;
    }
    if (seen.sig == SIGSEGV && seen.code == SI_KERNEL) /* a #GP says not why: look */
        snprintf(detail, sizeof detail, ": decoded \"%s\"", seen.insn);
    else if (seen.sig == SIGSEGV)
        snprintf(detail, sizeof detail, ", si_addr %#lx", (unsigned long)seen.addr);
    else if (seen.sig == SIGILL || seen.sig == SIGFPE)
        snprintf(detail, sizeof detail, ", si_addr insn+%d", (int)(seen.addr - (uintptr_t)t->insn));
    if (seen.sig == SIGTRAP)
        next = "a trap: EIP is already past it";
    else if (seen.skipped)
        next = seen.skipped == 1 ? "skipping 1 byte" : "skipping 2 bytes";
    printf("  %-14s -> %s (%s) trapno %u at insn+%d%s; %s\n", t->what, sig_name(seen.sig),
           code_name(seen.sig, seen.code), seen.trapno, at, detail, next);
    return seen.sig != 0 && seen.on_altstack;
}

/* Each call takes a 1 KiB frame until the stack runs out: unbounded in practice. */
static __attribute__((noinline)) unsigned recurse(unsigned n)
{
    volatile char frame[1024];
    frame[0] = (char)n;
    depth = n;
    if (n == 0) /* never: it keeps gcc from calling the recursion infinite */
        return 0;
    return recurse(n + 1) + frame[0];
}

static int stack_overflow(void)
{
    static const struct trial t = {"stack overflow", 0, 0, 1};

    memset(&seen, 0, sizeof seen);
    current = &t;
    if (!sigsetjmp(recover, 1))
        recurse(1);
    current = 0;
    printf("  %-14s -> %s (%s) trapno %u after %u calls of 1 KiB; siglongjmp back\n", t.what,
           sig_name(seen.sig), code_name(seen.sig, seen.code), seen.trapno, depth);
    return seen.sig == SIGSEGV && seen.on_altstack;
}

int demo_faults(void)
{
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    struct sigaction sa = {.sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    static const int sigs[] = {SIGSEGV, SIGILL, SIGFPE, SIGTRAP, SIGBUS};
    int caught = 0, failed = 0;
    size_t i;

    printf("Faults: the kernel hands each one back to me as a signal, on my %u KiB alternate\n"
           "stack (sigaltstack + SA_SIGINFO|SA_ONSTACK). The handler reads the registers from\n"
           "the ucontext (insn+N: EIP relative to the faulting instruction), then moves EIP\n"
           "past the instruction or siglongjmps out. The moat: lines are the kernel's log.\n",
           (unsigned)(sizeof altstack / 1024));
    sigaltstack(&ss, 0);
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, 0);

    for (i = 0; i < sizeof trials / sizeof trials[0]; i++)
        caught += run_trial(&trials[i]);
    failed += demo_check(caught == (int)(sizeof trials / sizeof trials[0]),
                         "every fault reached the handler on the alternate stack");
    failed += demo_check(stack_overflow(), "a stack overflow is survivable with an alt stack");
    return failed;
}
