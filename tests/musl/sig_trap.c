/* Proves every exception a ring-3 program can raise reaches its handler as Linux i386
 * delivers it: the signal, si_code, si_addr, and uc_mcontext's trapno, err, eip and cr2.
 * `sig_trap.elf [CASE...]` runs the named cases (default: all that behave the same on a
 * 64-bit Linux host and under QEMU's TCG); each fault is caught, printed relative to labels around
 * the faulting instruction, and left with siglongjmp. `step` single-steps a few instructions with
 * TF. */
#include "sig.h"
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

/* The width's names: the stack pointer and a pointer-sized scratch register, the ucontext's
 * slots, a kernel address, and the two instructions 64-bit mode lacks (raw bytes there: #UD). */
#ifdef __x86_64__
#define SP "%rsp"
#define SPX "%%rsp" /* in extended asm */
#define CX "%rcx"
#define REG_CS_SLOT REG_CSGSFS
#define UC_CR2(uc) ((uintptr_t)GREG(uc, REG_CR2))
#define KADDR 0xffff800000000000u
#define KADDR_LOAD "movabs $0xffff800000000000, %rcx"
#define INTO ".byte 0xce"
#define READ_EFLAGS() ((uint32_t)__builtin_ia32_readeflags_u64())
#define BOUND ".byte 0x62, 0x02"
#else
#define SP "%esp"
#define SPX "%%esp"
#define CX "%ecx"
#define REG_CS_SLOT REG_CS
#define UC_CR2(uc) (((ucontext_t *)(uc))->uc_mcontext.cr2)
#define KADDR 0xc0000000u
#define KADDR_LOAD "mov $0xc0000000, %ecx"
#define INTO "into"
#define READ_EFLAGS() __builtin_ia32_readeflags_u32()
#define BOUND "bound %eax, (%edx)"
#endif

/* Each case is an asm function t_NAME with labels NAME_insn (the faulting instruction) and
 * NAME_next (the one after it). */
#define SNIPPET(name, before, insn)                                                                \
    __asm__(".text\n.globl t_" #name "\nt_" #name ":\n" before "\n.globl " #name "_insn\n" #name   \
            "_insn:\n" insn "\n.globl " #name "_next\n" #name "_next:\n"                           \
            "ret\n");                                                                              \
    void t_##name(void);                                                                           \
    extern const char name##_insn[], name##_next[];

SNIPPET(div0, "mov $1, %eax\n xor %edx, %edx\n xor %ecx, %ecx", "divl %ecx")
SNIPPET(divov, "mov $0x80000000, %eax\n mov $-1, %edx\n mov $-1, %ecx", "idivl %ecx")
SNIPPET(int3, "", "int3")
SNIPPET(int3long, "", "int $3")
SNIPPET(into, "mov $0x7fffffff, %eax\n add $1, %eax", INTO)
SNIPPET(int4, "", "int $4")
SNIPPET(int1, "", "int $1")
SNIPPET(bound, "mov $20, %eax\n mov $bound_range, %edx", BOUND)
SNIPPET(ud2, "", "ud2")
SNIPPET(cli, "", "cli")
SNIPPET(hlt, "", "hlt")
SNIPPET(inb, "mov $0x3f8, %edx", "inb %dx, %al")
SNIPPET(outb, "", "outb %al, $0x80")
SNIPPET(int21, "", "int $0x21")
SNIPPET(int80ff, "", "int $0xff")
SNIPPET(nullread, "xor %ecx, %ecx", "mov (%ecx), %eax")
SNIPPET(nullwrite, "xor %ecx, %ecx", "mov %eax, (%ecx)")
SNIPPET(pageread, "mov page, " CX, "mov (" CX "), %eax")
SNIPPET(pagewrite, "mov page, " CX, "mov %eax, (" CX ")")
SNIPPET(pagejump, "mov page, " CX, "call *" CX)
SNIPPET(kread, KADDR_LOAD, "mov (" CX "), %eax")
SNIPPET(kwrite, KADDR_LOAD, "mov %eax, (" CX ")")
SNIPPET(x87, "fninit\n fldcw cw_zm_clear\n fldz\n fld1\n fdivp", "fwait")
SNIPPET(sse, "ldmxcsr mxcsr_zm_clear\n xorps %xmm1, %xmm1\n mov $1, %eax\n cvtsi2ss %eax, %xmm0",
        "divss %xmm1, %xmm0")
SNIPPET(ac, "pushf\n orl $0x40000, (" SP ")\n popf\n mov $ac_buf+1, %ecx", "mov (%ecx), %eax")

int32_t bound_range[2] = {0, 10};
uint16_t cw_zm_clear = 0x37b;     /* x87 divide-by-zero unmasked */
uint32_t mxcsr_zm_clear = 0x1d80; /* SSE divide-by-zero unmasked */
char ac_buf[16] __attribute__((aligned(16)));
uint8_t *page; /* mapped by the cases that need a page of their own */

static sigjmp_buf back;
static struct {
    int sig, code;
    uintptr_t addr, eip, trapno, err, cr2, csrpl;
    uint16_t cw; /* the x87 control word and MXCSR the handler started with */
    uint32_t mxcsr;
    uint32_t ac; /* EFLAGS.AC as the handler started */
} got;

static void handler(int sig, siginfo_t *si, void *uc)
{
    /* Linux leaves EFLAGS.AC set in the handler, and siglongjmp does not restore EFLAGS. */
    got.ac = READ_EFLAGS() >> 18 & 1;
    __asm__ volatile("pushf\n\tandl $~0x40000, (" SPX ")\n\tpopf" ::: "memory");
    got.sig = sig;
    got.code = si->si_code;
    got.addr = (uintptr_t)si->si_addr;
    got.eip = (uintptr_t)GREG(uc, REG_PC);
    got.trapno = (uintptr_t)GREG(uc, REG_TRAPNO);
    got.err = (uintptr_t)GREG(uc, REG_ERR);
    got.cr2 = UC_CR2(uc);
    got.csrpl = (uintptr_t)GREG(uc, REG_CS_SLOT) & 3;
    __asm__ volatile("fnstcw %0\n\tstmxcsr %1" : "=m"(got.cw), "=m"(got.mxcsr));
    siglongjmp(back, 1);
}

/* An address as the name of the label it equals (insn, next, page, 0). */
static const char *where(uintptr_t a, const char *insn, const char *next)
{
    static char buf[4][32];
    static int n;
    char *b = buf[n++ & 3];
    if (a == (uintptr_t)insn)
        return "insn";
    if (a == (uintptr_t)next)
        return "next";
    if (page && a == (uintptr_t)page)
        return "page";
    if (a == 0)
        return "0";
    if (a == KADDR)
        return "0xc0000000"; /* the kernel's address, by its i386 name */
    if (a == (uintptr_t)ac_buf + 1)
        return "ac_buf+1";
    snprintf(b, 32, "other(0x%lx)", (unsigned long)a);
    return b;
}

struct tcase {
    const char *name;
    void (*run)(void);
    const char *insn, *next;
    int prot; /* >= 0: map `page` with this protection first */
};

#define C(n) #n, t_##n, n##_insn, n##_next
static const struct tcase cases[] = {
    {C(div0), -1},
    {C(divov), -1},
    {C(int3), -1},
    {C(int3long), -1},
    {C(into), -1},
    {C(int4), -1},
    {C(int1), -1},
    {C(bound), -1},
    {C(ud2), -1},
    {C(cli), -1},
    {C(hlt), -1},
    {C(inb), -1},
    {C(outb), -1},
    {C(int21), -1},
    {C(int80ff), -1},
    {C(nullread), -1},
    {C(nullwrite), -1},
    {"roread", t_pageread, pageread_insn, pageread_next, PROT_READ},
    {"rowrite", t_pagewrite, pagewrite_insn, pagewrite_next, PROT_READ},
    {"noneread", t_pageread, pageread_insn, pageread_next, PROT_NONE},
    {"nonewrite", t_pagewrite, pagewrite_insn, pagewrite_next, PROT_NONE},
    {"nxjump", t_pagejump, pagejump_insn, pagejump_next, PROT_READ | PROT_WRITE},
    {C(x87), -1},
    {C(sse), -1},
    {C(ac), -1},
    {C(kread), -1},
    {C(kwrite), -1},
};
#define NCASES (sizeof cases / sizeof cases[0])
/* Left out unless named: kread and kwrite depend on the kernel being i386 (on a 64-bit host
 * 0xc0000000 is user space); sse (#XM) and ac (#AC) pass on Linux, but QEMU's TCG raises
 * neither exception, so under it they can only show "no signal"; nxjump: Debian's i386 Linux
 * under QEMU executes a non-executable data page (tests/sig_trap_nx.expect). */
static const char *const not_default[] = {"kread", "kwrite", "sse", "ac", "nxjump"};

static void run(const struct tcase *c)
{
    page = NULL;
    if (c->prot >= 0) {
        page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        page[0] = 0xc3; /* ret: a jump only fails for want of PROT_EXEC */
        mprotect(page, 4096, c->prot);
    }
    memset(&got, 0, sizeof got);
    if (sigsetjmp(back, 1) == 0) {
        c->run();
        printf("%s: no signal\n", c->name);
    } else {
        printf("%s: %s si_code=%d si_addr=%s eip=%s trapno=%lu err=0x%lx cs&3=%lu", c->name,
               signame(got.sig), got.code, where(got.addr, c->insn, c->next),
               where(got.eip, c->insn, c->next), (unsigned long)got.trapno, (unsigned long)got.err,
               (unsigned long)got.csrpl);
        if (got.trapno == 14)
            printf(" cr2=%s", got.cr2 == got.addr ? "si_addr" : "other");
        if (got.sig == SIGBUS)
            printf(" handler ac=%u", got.ac);
        if (got.sig == SIGFPE)
            printf(" handler cw=0x%x mxcsr=0x%x", got.cw, got.mxcsr);
        printf("\n");
    }
    __asm__ volatile("pushf\n\tandl $~0x40000, (" SPX ")\n\tpopf\n\tfninit" ::: "memory");
    if (page)
        munmap(page, 4096);
}

/* Single-step four instructions with TF: one SIGTRAP after each, until the handler clears
 * TF at step_end. */
__asm__(".text\n.globl t_step\nt_step:\n pushf\n orl $0x100, (" SP ")\n popf\n"
        ".globl step_1\nstep_1: nop\n.globl step_2\nstep_2: mov $7, %eax\n"
        ".globl step_3\nstep_3: add %eax, %eax\n.globl step_4\nstep_4: nop\n"
        ".globl step_end\nstep_end: nop\n ret\n");
void t_step(void);
extern const char step_1[], step_2[], step_3[], step_4[], step_end[];

static int steps;

static void step_handler(int sig, siginfo_t *si, void *uc)
{
    uintptr_t eip = (uintptr_t)GREG(uc, REG_PC);
    const char *at[] = {step_1, step_2, step_3, step_4, step_end};
    const char *names[] = {"step_1", "step_2", "step_3", "step_4", "step_end", "?"};
    int k = 5;
    for (int i = 0; i < 5; i++)
        if (eip == (uintptr_t)at[i])
            k = i;
    hprintf("step %d: %s si_code=%d si_addr==eip: %s eip=%s trapno=%d tf=%d tf now=%d\n", ++steps,
            signame(sig), si->si_code, (uintptr_t)si->si_addr == eip ? "yes" : "no", names[k],
            GREG(uc, REG_TRAPNO), (GREG(uc, REG_EFL) >> 8) & 1, (int)((READ_EFLAGS() >> 8) & 1));
    if (k == 4 || steps > 10)
        GREG(uc, REG_EFL) &= ~0x100;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    int sigs[] = {SIGSEGV, SIGILL, SIGFPE, SIGTRAP, SIGBUS};
    for (int i = 0; i < 5; i++)
        sigaction(sigs[i], &sa, NULL);
    if (argc > 1 && strcmp(argv[1], "step") == 0) {
        sa.sa_sigaction = step_handler;
        sigaction(SIGTRAP, &sa, NULL);
        t_step();
        printf("stepped %d times\n", steps);
        return 0;
    }
    for (size_t i = 0; i < NCASES; i++) {
        int want = argc == 1;
        for (int a = 1; a < argc; a++)
            want |= strcmp(argv[a], cases[i].name) == 0;
        for (size_t m = 0; argc == 1 && m < sizeof not_default / sizeof not_default[0]; m++)
            want &= strcmp(not_default[m], cases[i].name) != 0;
        if (want)
            run(&cases[i]);
    }
    printf("done\n");
    return 0;
}
