/* Proves segment hygiene at the kernel boundary, as Linux has it: `seg.elf MODE`.
 *   hostile-ds  DS and ES loaded with TLS descriptors the app chose (a 1-byte limit; a base of
 *               0x40000000 over 4 GiB, which moves every DS access) across int $0x80,
 *               sysenter, int3 (an exception) and timer interrupts taken in ring 3: the kernel
 *               must never copy through them (pti=on's entry once did), and gives them back
 *               (after sysenter, i386 Linux gives __USER_DS instead: either is accepted).
 *   vm86-fault, vm86-irq  an iret with EFLAGS.VM set (QEMU's TCG enters vm86 mode on it; real
 *               CPUs fault): SIGSEGV, whether a fault or an interrupt ends vm86 mode. x86-64
 *               Linux agrees (#GP on the iret); i386 Linux 6.1 under QEMU's TCG oopses
 *               instead (a kernel-mode fetch at the vm86 cs:ip; a soft lockup on the spin).
 *   tls         set_thread_area's rules (Linux's tls_desc_okay): 16-bit, code and not-present
 *               descriptors are -EINVAL and leave the slot alone (so no 16-bit SS can exist
 *               and leak the kernel's esp bits); the "empty" and the all-zero descriptor clear
 *               the slot; a bad descriptor with entry -1 allocates nothing.
 *   espfix      a 16-bit SS, were one possible, would show the kernel's esp bits in the app's
 *               esp after a system call: set_thread_area refuses to make one.
 *   ldt         no LDT: lsl/lar call an LDT selector invalid, and loading one into fs is #GP,
 *               SIGSEGV SI_KERNEL, not a page fault at linear 0.
 *   ldt-ss      (moat-only) sigreturn to an LDT ss: the kernel's iret takes #GP, and the app
 *               gets Linux i386's SIGILL ILL_BADSTK. */
#include "sig.h"
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>

struct user_desc_raw {
    uint32_t entry_number, base_addr, limit, flags;
};
enum { F_32 = 1, F_CODE = 4, F_CONFORMING = 6, F_RO = 8, F_PAGES = 16, F_NP = 32 };

static int tls_set(struct user_desc_raw *d)
{
    return syscall(SYS_set_thread_area, d) ? -errno : 0;
}

static uint16_t sel_of(const struct user_desc_raw *d)
{
    return (uint16_t)(d->entry_number * 8 + 3);
}

/* lar's verdict on a selector: ZF=1 if the descriptor is valid and visible at CPL 3. */
static int lar_ok(uint32_t sel)
{
    uint32_t ok = 0, ar;
    __asm__ volatile("lar %2, %1\n\tsetz %b0" : "+q"(ok), "=r"(ar) : "r"(sel) : "cc");
    return (int)ok;
}

static int lsl_ok(uint32_t sel)
{
    uint32_t ok = 0, lim;
    __asm__ volatile("lsl %2, %1\n\tsetz %b0" : "+q"(ok), "=r"(lim) : "r"(sel) : "cc");
    return (int)ok;
}

static volatile int ticks;
static uint16_t app_gs;
static sigjmp_buf back;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

static void on_trap(int sig)
{
    (void)sig;
}

/* With ds = es = sel: a getpid through int $0x80 (how == 0), __kernel_vsyscall (1), an int3
   (2), or a wait for two SIGALRMs from a 5 ms interval timer (3), touching memory only
   through ss. Returns whether ds and es came back as sel and the syscall gave the pid. */
static int with_ds(uint16_t sel, int how, uint32_t sysinfo)
{
    uint32_t ret, ds, es;
    __asm__ volatile("push %%ds\n\tpush %%es\n\t"
                     "mov %w3, %%ds\n\tmov %w3, %%es\n\t"
                     "mov $20, %%eax\n\t"
                     "cmp $1, %4\n\tjb 1f\n\tje 2f\n\t"
                     "cmp $2, %4\n\tje 3f\n"
                     "4: cmpl $2, %%ss:%6\n\tjb 4b\n\tjmp 5f\n"
                     "1: int $0x80\n\tjmp 5f\n"
                     "2: call *%%ss:%5\n\tjmp 5f\n"
                     "3: int3\n"
                     "5: mov %%ds, %%ecx\n\tmov %%es, %%edx\n\t"
                     "pop %%es\n\tpop %%ds"
                     : "=&a"(ret), "=&c"(ds), "=&d"(es)
                     : "r"((uint32_t)sel), "r"((uint32_t)how), "m"(sysinfo), "m"(ticks)
                     : "memory", "cc");
    /* After sysenter, i386 Linux's SYSEXIT path leaves __USER_DS (0x7b) in both. */
    int kept = ((ds & 0xffff) == sel || (how == 1 && (ds & 0xffff) == 0x7b)) &&
               ((es & 0xffff) == sel || (how == 1 && (es & 0xffff) == 0x7b));
    return kept && (how > 1 || ret == (uint32_t)getpid());
}

static void hostile_ds(void)
{
    static const struct {
        const char *name;
        uint32_t base, limit, flags;
    } descs[] = {
        {"1-byte limit", 0, 0, F_32},
        {"base 0x40000000", 0x40000000u, 0xfffff, F_32 | F_PAGES},
    };
    static const char *const ways[] = {"int $0x80", "sysenter", "int3", "timer interrupts"};
    uint32_t sysinfo = (uint32_t)getauxval(AT_SYSINFO);
    on(SIGTRAP, on_trap, 0);
    on(SIGALRM, on_alarm, 0);
    for (unsigned i = 0; i < sizeof descs / sizeof descs[0]; i++) {
        struct user_desc_raw d = {(uint32_t)-1, descs[i].base, descs[i].limit, descs[i].flags};
        if (tls_set(&d)) {
            printf("set_thread_area: %s\n", errname(errno));
            return;
        }
        for (int how = 0; how < 4; how++) {
            if (how == 1 && !sysinfo)
                continue;
            if (how == 3) {
                ticks = 0;
                struct itimerval it = {{0, 5000}, {0, 5000}};
                setitimer(ITIMER_REAL, &it, NULL);
            }
            int ok = with_ds(sel_of(&d), how, sysinfo);
            if (how == 3)
                setitimer(ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, NULL);
            printf("ds/es with %s, %s: %s\n", descs[i].name, ways[how], ok ? "ok" : "wrong");
        }
        d = (struct user_desc_raw){d.entry_number, 0, 0, F_RO | F_NP}; /* empty: free it */
        tls_set(&d);
    }
}

/* The SIGSEGV that ends vm86 mode. vm86 mode left gs null: reload musl's first. */
static void on_vm86_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    __asm__ volatile("mov %0, %%gs" : : "r"((uint32_t)app_gs));
    printf("%s\n", signame(sig));
    siglongjmp(back, 1);
}

/* An iret to vm86 mode at cs:ip = 0x1000:0 (linear 0x10000): nothing mapped there (fault),
   or a mapped `jmp .` that only an interrupt ends. */
static void vm86(int spin)
{
    static char altstack[16384];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa = {.sa_sigaction = on_vm86_segv, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    sigaction(SIGSEGV, &sa, NULL);
    if (spin) {
        uint8_t *p = mmap((void *)0x10000, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) {
            printf("mmap at 0x10000: %s\n", errname(errno));
            return;
        }
        p[0] = 0xeb, p[1] = 0xfe; /* jmp . */
    }
    __asm__ volatile("mov %%gs, %0" : "=r"(app_gs));
    printf("iret with EFLAGS.VM set\n");
    if (sigsetjmp(back, 1) == 0)
        __asm__ volatile("push $0\n\tpush $0\n\tpush $0\n\tpush $0\n\t" /* gs fs ds es */
                         "push $0x1000\n\tpush $0x800\n\t"              /* ss:sp */
                         "push $0x20202\n\t"                            /* VM | IF */
                         "push $0x1000\n\tpush $0\n\t"                  /* cs:ip */
                         "iret" ::
                             : "memory");
    printf("back in protected mode\n");
}

static void tls_rules(void)
{
    static const struct {
        const char *name;
        uint32_t flags;
    } bad[] = {
        {"16-bit data", F_PAGES},
        {"32-bit code", F_32 | F_PAGES | F_CODE},
        {"conforming code", F_32 | F_PAGES | F_CONFORMING},
        {"not present", F_32 | F_PAGES | F_NP},
    };
    struct user_desc_raw d = {(uint32_t)-1, 0x1000, 0xfffff, F_32 | F_PAGES};
    int r0 = tls_set(&d);
    printf("32-bit data, entry -1: %s\n", errname(-r0));
    uint32_t slot = d.entry_number;
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct user_desc_raw b = {slot, 0, 0xfffff, bad[i].flags};
        int r = tls_set(&b);
        int still = lar_ok(slot * 8 + 3);
        printf("%s: %s; the slot still holds the data segment: %s\n", bad[i].name, errname(-r),
               still ? "yes" : "no");
        b.entry_number = (uint32_t)-1;
        r = tls_set(&b);
        printf("%s, entry -1: %s, entry_number %s\n", bad[i].name, errname(-r),
               b.entry_number == (uint32_t)-1 ? "untouched" : "written");
    }
    struct user_desc_raw empty = {slot, 0, 0, F_RO | F_NP};
    int r = tls_set(&empty);
    printf("empty descriptor: %s; slot valid: %s\n", errname(-r),
           lar_ok(slot * 8 + 3) ? "yes" : "no");
    d.entry_number = slot;
    tls_set(&d);
    struct user_desc_raw zero = {slot, 0, 0, 0};
    r = tls_set(&zero);
    printf("all-zero descriptor: %s; slot valid: %s\n", errname(-r),
           lar_ok(slot * 8 + 3) ? "yes" : "no");
    struct user_desc_raw down = {slot, 0x1000, 0xff, F_32 | 2};
    r = tls_set(&down);
    printf("32-bit expand-down data: %s; slot valid: %s\n", errname(-r),
           lar_ok(slot * 8 + 3) ? "yes" : "no");
    empty.entry_number = slot;
    tls_set(&empty);
}

/* The espfix problem: an iret to a 16-bit SS restores only esp's low half, so the high half
   is the kernel's. Only a 16-bit segment the app could make would show it. */
static void espfix(void)
{
    static char stack16[65536] __attribute__((aligned(16)));
    struct user_desc_raw d = {(uint32_t)-1, (uint32_t)(uintptr_t)stack16, 0xffff, 0};
    int r = tls_set(&d);
    if (r) {
        printf("16-bit data segment: %s\n", errname(-r));
        return;
    }
    uint32_t esp;
    __asm__ volatile("mov %%ss, %%ebx\n\tmov %%esp, %%esi\n\t"
                     "mov %1, %%ss\n\tmov $0x8000, %%esp\n\t"
                     "mov $20, %%eax\n\tint $0x80\n\t"
                     "mov %%esp, %0\n\t"
                     "mov %%ebx, %%ss\n\tmov %%esi, %%esp"
                     : "=d"(esp)
                     : "r"((uint32_t)sel_of(&d))
                     : "eax", "ebx", "esi", "memory");
    printf("16-bit data segment accepted; esp after int $0x80 on it: %#x (was 0x8000)\n", esp);
}

static void on_ldt_segv(int sig, siginfo_t *si, void *uc)
{
    printf("%s si_code=%d trapno=%d err=%#x\n", signame(sig), si->si_code,
           (int)GREG(uc, REG_TRAPNO), (unsigned)GREG(uc, REG_ERR));
    siglongjmp(back, 1);
}

static void ldt(void)
{
    struct sigaction sa = {.sa_sigaction = on_ldt_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, NULL);
    for (uint32_t sel = 0x7; sel <= 0x17; sel += 0x10) {
        printf("LDT selector %#x: ", sel);
        if (sigsetjmp(back, 1) == 0)
            printf("lar %s, lsl %s\n", lar_ok(sel) ? "valid" : "invalid",
                   lsl_ok(sel) ? "valid" : "invalid");
    }
    printf("mov 0x7 to fs\n");
    if (sigsetjmp(back, 1) == 0) {
        __asm__ volatile("push %%fs\n\tmov %0, %%fs\n\tpop %%fs" : : "r"(7u));
        printf("loaded\n");
    }
}

/* A handler that returns with ss = 0x7 in its frame: the kernel's iret must fault with #GP
   (trap.c logs it; the app gets SIGILL ILL_BADSTK as on Linux i386) and not read linear 0. */
static void ss_to_ldt(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    GREG(uc, REG_SS) = 0x7;
}

static void on_badstk(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("%s si_code=%d\n", signame(sig), si->si_code);
    _exit(0);
}

static void ldt_ss(void)
{
    struct sigaction sa = {.sa_sigaction = ss_to_ldt, .sa_flags = SA_SIGINFO};
    sigaction(SIGTRAP, &sa, NULL);
    sa.sa_sigaction = on_badstk;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    __asm__ volatile("int3");
    printf("returned with ss 0x7\n");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *m = argc > 1 ? argv[1] : "";
    printf("%s\n", m);
    if (strcmp(m, "hostile-ds") == 0)
        hostile_ds();
    else if (strcmp(m, "vm86-fault") == 0)
        vm86(0);
    else if (strcmp(m, "vm86-irq") == 0)
        vm86(1);
    else if (strcmp(m, "tls") == 0)
        tls_rules();
    else if (strcmp(m, "espfix") == 0)
        espfix();
    else if (strcmp(m, "ldt") == 0)
        ldt();
    else if (strcmp(m, "ldt-ss") == 0)
        ldt_ss();
    else
        printf("usage: seg.elf hostile-ds|vm86-fault|vm86-irq|tls|espfix|ldt|ldt-ss\n");
    return 0;
}
