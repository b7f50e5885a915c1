/* Proves how signals end the app, as on Linux: `sig_fatal.elf MODE` sets something up and
 * dies by a signal (or, for badds, badcs, stop and the Ctrl-C handler, survives). Modes:
 * segv-blocked, ill-ignored, fpe-blocked, trap-ignored (a fault whose signal is blocked or
 * ignored still kills), usr1, alrm (default action: terminate), resethand (the second
 * delivery meets SIG_DFL), kill (SIGKILL cannot be blocked), term-unblock (a blocked signal
 * kills once unblocked), abort, sigreturn-unmapped, sigreturn-kernel and sigreturn-junk
 * (rt_sigreturn with no frame, or a junk one whose fpstate pointer is bad: SIGSEGV), badds
 * (DS/ES set to junk by a handler read back as 0). Moat-only: badcs (a handler sets CS/SS
 * to junk: SIGILL ILL_BADSTK trapno 32 from the iret, as on Linux i386, where a 64-bit
 * Linux gives SIGSEGV; badcs-only and badss-only break just one), stop (SIGTSTP, SIGTTIN,
 * SIGTTOU, SIGSTOP logged and ignored, where Linux would stop the process), intr and
 * intr-handler (^C on the console raises SIGINT). The x86_64 build has every mode but the
 * selector ones (badcs, badcs-only, badss-only, badds: i386 segments in an i386 frame). */
#include "sig.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

static void handler(int sig)
{
    hprintf("handler: %s\n", signame(sig));
}

static volatile int zero;
static volatile int sink;

static void block(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_BLOCK, &s, NULL);
}

/* rt_sigreturn with esp at `sp`. */
static void sigreturn_at(uintptr_t sp)
{
#ifdef __x86_64__
    __asm__ volatile("mov %0, %%rsp\n\tmov $15, %%eax\n\tsyscall" : : "r"(sp) : "memory");
#else
    __asm__ volatile("mov %0, %%esp\n\tmov $173, %%eax\n\tint $0x80" : : "r"(sp) : "memory");
#endif
}

/* An address in the kernel's half. */
#ifdef __x86_64__
#define KERNEL_ADDR 0xffff800000100000u
#else
#define KERNEL_ADDR 0xc0100000u
#endif

static const char *which; /* the mode, for the handlers */

#ifdef __i386__
/* int3 from asm; the SIGTRAP handler breaks a selector in the frame. */
__asm__(".text\n.globl sel_trap\nsel_trap:\n push %ebx\n"
        " int3\n"
        ".globl sel_after\nsel_after:\n"
        " mov %ds, %eax\n mov %es, %ecx\n mov %ss, %edx\n mov %edx, %ds\n mov %edx, %es\n"
        " mov %eax, sel_seen+0\n mov %ecx, sel_seen+4\n"
        " pop %ebx\n ret\n");
void sel_trap(void);
extern const char sel_after[];
uint32_t sel_seen[2];

static void break_selectors(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    if (strcmp(which, "badcs") == 0) {
        GREG(uc, REG_CS) = 0x4b; /* GDT entry 9, RPL 3: not a code segment */
        GREG(uc, REG_SS) = 0x4b;
    } else if (strcmp(which, "badcs-only") == 0) {
        GREG(uc, REG_CS) = 0x4b;
    } else if (strcmp(which, "badss-only") == 0) {
        GREG(uc, REG_SS) = 0x4b;
    } else {
        GREG(uc, REG_DS) = 0x4b;
        GREG(uc, REG_ES) = 0xfff3;
    }
}

static void iret_fault(int sig, siginfo_t *si, void *uc)
{
    uint16_t cs, ss;
    __asm__("mov %%cs, %0\n\tmov %%ss, %1" : "=r"(cs), "=r"(ss));
    hprintf("%s si_code=%d si_addr=%s trapno=%d err=%d; frame: cs junk %s, eip at int3's "
            "next %s\n",
            signame(sig), si->si_code, si->si_addr ? "other" : "0", GREG(uc, REG_TRAPNO),
            GREG(uc, REG_ERR), (GREG(uc, REG_CS) & 0xffff) == 0x4b ? "yes" : "no",
            (uintptr_t)GREG(uc, REG_EIP) == (uintptr_t)sel_after ? "yes" : "no");
    GREG(uc, REG_CS) = cs; /* repair the frame: the app goes on */
    GREG(uc, REG_SS) = ss;
}
#endif

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *m = argc > 1 ? argv[1] : "";
    which = m;
    if (strncmp(m, "intr", 4) != 0) /* ^C may come before main: print nothing first */
        printf("%s\n", m);
    if (strcmp(m, "segv-blocked") == 0) {
        on(SIGSEGV, handler, 0);
        block(SIGSEGV);
        sink = *(volatile int *)(uintptr_t)zero;
    } else if (strcmp(m, "ill-ignored") == 0) {
        on(SIGILL, SIG_IGN, 0);
        __asm__ volatile("ud2");
    } else if (strcmp(m, "fpe-blocked") == 0) {
        on(SIGFPE, handler, 0);
        block(SIGFPE);
        __asm__ volatile("mov $1, %%eax\n\txor %%edx, %%edx\n\tdivl %0"
                         :
                         : "r"(zero)
                         : "eax", "edx");
    } else if (strcmp(m, "trap-ignored") == 0) {
        on(SIGTRAP, SIG_IGN, 0);
        __asm__ volatile("int3");
    } else if (strcmp(m, "usr1") == 0) {
        raise(SIGUSR1);
    } else if (strcmp(m, "alrm") == 0) {
        alarm(1);
        for (;;)
            sink++;
    } else if (strcmp(m, "resethand") == 0) {
        on(SIGUSR1, handler, SA_RESETHAND);
        raise(SIGUSR1);
        printf("first delivery handled\n");
        raise(SIGUSR1);
    } else if (strcmp(m, "kill") == 0) {
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, NULL);
        syscall(SYS_rt_sigprocmask, SIG_BLOCK, &(uint64_t){~0ull}, NULL, 8);
        kill(getpid(), SIGKILL);
    } else if (strcmp(m, "term-unblock") == 0) {
        block(SIGTERM);
        raise(SIGTERM);
        printf("SIGTERM pending while blocked\n");
        sigset_t s;
        sigemptyset(&s);
        sigprocmask(SIG_SETMASK, &s, NULL);
    } else if (strcmp(m, "abort") == 0) {
        on(SIGABRT, handler, 0);
        abort();
    } else if (strcmp(m, "sigreturn-unmapped") == 0) {
        void *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        munmap(p, 65536);
        sigreturn_at((uintptr_t)p + 32768);
    } else if (strcmp(m, "sigreturn-kernel") == 0) {
        sigreturn_at(KERNEL_ADDR);
    } else if (strcmp(m, "sigreturn-junk") == 0) {
        uint32_t *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        memset(p, 0x41, 65536);
        sigreturn_at((uintptr_t)p + 32768);
#ifdef __i386__
    } else if (strncmp(m, "badcs", 5) == 0 || strncmp(m, "badss", 5) == 0 ||
               strcmp(m, "badds") == 0) {
        on(SIGTRAP, break_selectors, SA_SIGINFO);
        on(SIGILL, iret_fault, SA_SIGINFO);
        sel_trap();
        printf("resumed after int3: ds=0x%x es=0x%x\n", sel_seen[0] & 0xffff, sel_seen[1] & 0xffff);
        return 0;
#endif
    } else if (strcmp(m, "stop") == 0) {
        int stops[] = {SIGTSTP, SIGTTIN, SIGTTOU, SIGSTOP};
        for (int i = 0; i < 4; i++)
            printf("raise(%s) -> %d, still running\n", signame(stops[i]), raise(stops[i]));
        return 0;
    } else if (strcmp(m, "intr") == 0 || strcmp(m, "intr-handler") == 0) {
        if (m[4])
            on(SIGINT, handler, SA_RESTART);
        char buf[64];
        ssize_t n = read(0, buf, sizeof buf);
        printf("read -> %zd: \"%.*s\"\n", n, n > 0 ? (int)n : 0, buf);
        return 0;
    } else {
        printf("unknown mode\n");
        return 2;
    }
    printf("survived\n");
    return 0;
}
