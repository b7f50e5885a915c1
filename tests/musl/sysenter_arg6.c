/* Proves a call made through __kernel_vsyscall (sysenter) gets its sixth argument, the app's
 * ebp, which __kernel_vsyscall leaves on the app's stack, wherever the kernel needs it:
 *   - a call that takes six arguments: futex's FUTEX_WAKE_BITSET refuses a zero bitset (its
 *     sixth) with EINVAL and takes any other;
 *   - the same call entered at the sysenter instruction with ebp (the stack the kernel reads
 *     it from) on a page the app cannot read: EFAULT, then the SIGSEGV of the return to that
 *     stack (esp is ebp there). An x86_64 host's IA32 vDSO may use syscall instead, reading
 *     the sixth at esp: the test enters it that way there;
 *   - a signal's frame: the handler's ucontext holds the ebp the call was made with, both for
 *     a signal sent to itself by the call (tkill) and for one the call unblocks
 *     (rt_sigprocmask), which the kernel delivers on the way out.
 * i386 only, and the same on Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define MAGIC_EBP 0x600dcafeu
#define FUTEX_WAKE_BITSET 10 /* <linux/futex.h>'s */

/* uint32_t call6(const uint32_t a[7]): the call a[0] with arguments a[1] to a[6] through
   __kernel_vsyscall (%gs:16, as musl's calls go): its result, eax. */
__asm__(".text\n.globl call6\ncall6:\n"
        " push %ebp\n push %ebx\n push %esi\n push %edi\n"
        " mov 20(%esp), %eax\n"
        " mov 4(%eax), %ebx\n mov 8(%eax), %ecx\n mov 12(%eax), %edx\n"
        " mov 16(%eax), %esi\n mov 20(%eax), %edi\n mov 24(%eax), %ebp\n mov (%eax), %eax\n"
        " call *%gs:16\n"
        " pop %edi\n pop %esi\n pop %ebx\n pop %ebp\n ret\n");
uint32_t call6(const uint32_t a[7]);

/* uint32_t call_at_fast(const uint32_t a[7]): the same call entered at __kernel_vsyscall's
   fast instruction itself, with a[6] as the stack the kernel reads the sixth argument from:
   ebp for sysenter, esp for syscall (which an x86_64 host's IA32 vDSO uses on AMD CPUs, with
   the second argument in ebp). The return lands on that stack and faults: the SIGSEGV
   handler goes on at fast_back, with the call's eax in fault_eax. */
__asm__(".text\n.globl call_at_fast\ncall_at_fast:\n"
        " push %ebp\n push %ebx\n push %esi\n push %edi\n"
        " mov %esp, saved_esp\n"
        " mov 20(%esp), %eax\n"
        " mov 4(%eax), %ebx\n mov 8(%eax), %ecx\n mov 12(%eax), %edx\n"
        " mov 16(%eax), %esi\n mov 20(%eax), %edi\n mov 24(%eax), %ebp\n mov (%eax), %eax\n"
        " cmpb $0x34, fast_is_sysenter\n je 1f\n"
        " mov %ebp, %esp\n mov %ecx, %ebp\n"
        "1: jmp *fast_insn\n"
        ".globl fast_back\nfast_back:\n"
        " mov saved_esp, %esp\n"
        " pop %edi\n pop %esi\n pop %ebx\n pop %ebp\n mov fault_eax, %eax\n ret\n");
uint32_t call_at_fast(const uint32_t a[7]);
extern char fast_back[];
uint32_t saved_esp, fast_insn, fault_eax;
uint8_t fast_is_sysenter;
static volatile uint32_t fault_esp, fault_count;

static volatile uint32_t seen_ebp, seen_count;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
    fault_eax = (uint32_t)uc->uc_mcontext.gregs[REG_EAX];
    fault_esp = (uint32_t)uc->uc_mcontext.gregs[REG_ESP];
    fault_count++;
    uc->uc_mcontext.gregs[REG_EIP] = (greg_t)(uintptr_t)fast_back;
}

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    seen_ebp = (uint32_t)((ucontext_t *)ucv)->uc_mcontext.gregs[REG_EBP];
    seen_count++;
}

static const char *result(uint32_t r)
{
    static char buf[32];
    if (r > -4096u)
        return -(int32_t)r == EINVAL ? "-EINVAL" : -(int32_t)r == EFAULT ? "-EFAULT" : "-E?";
    snprintf(buf, sizeof(buf), "%u", r);
    return buf;
}

int main(void)
{
    uint32_t sysinfo = (uint32_t)getauxval(AT_SYSINFO);
    if (!sysinfo) {
        printf("no AT_SYSINFO\n");
        return 1;
    }
    static uint32_t word;
    uint32_t w = (uint32_t)(uintptr_t)&word;
    printf("futex wake bitset 0: %s\n",
           result(call6((uint32_t[7]){SYS_futex, w, FUTEX_WAKE_BITSET, 1, 0, 0, 0})));
    printf("futex wake bitset ~0: %s\n",
           result(call6((uint32_t[7]){SYS_futex, w, FUTEX_WAKE_BITSET, 1, 0, 0, ~0u})));

    /* The sixth argument's stack unreadable: entered at sysenter (or syscall), found in
       __kernel_vsyscall, whose first bytes differ between kernels. */
    for (const uint8_t *p = (const uint8_t *)sysinfo; p < (const uint8_t *)sysinfo + 32; p++)
        if (p[0] == 0x0f && (p[1] == 0x34 || p[1] == 0x05)) {
            fast_insn = (uint32_t)(uintptr_t)p, fast_is_sysenter = p[1];
            break;
        }
    static char altstack[16384];
    sigaltstack(&(stack_t){.ss_sp = altstack, .ss_size = sizeof(altstack)}, 0);
    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    sigaction(SIGSEGV, &sa, 0);
    char *none = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!fast_insn || none == MAP_FAILED) {
        printf("no sysenter or syscall in __kernel_vsyscall, or no page\n");
        return 1;
    }
    uint32_t r = call_at_fast(
        (uint32_t[7]){SYS_futex, w, FUTEX_WAKE_BITSET, 1, 0, 0, (uint32_t)(uintptr_t)none});
    printf("futex, the sixth on an unreadable page: %s, %u SIGSEGV, esp %s\n", result(r),
           fault_count, fault_esp == (uint32_t)(uintptr_t)none ? "there" : "elsewhere");

    /* Signals delivered at the call's end: the frame's ebp is the call's. */
    sa.sa_sigaction = on_usr1;
    sigaction(SIGUSR1, &sa, 0);
    call6((uint32_t[7]){SYS_tkill, (uint32_t)getpid(), SIGUSR1, 0, 0, 0, MAGIC_EBP});
    printf("tkill: %u handler, ebp %s\n", seen_count,
           seen_ebp == MAGIC_EBP ? "the call's" : "WRONG");
    if (seen_ebp != MAGIC_EBP)
        printf("  ebp=%#x\n", seen_ebp);

    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, 0);
    raise(SIGUSR1);
    seen_count = 0, seen_ebp = 0;
    call6((uint32_t[7]){SYS_rt_sigprocmask, SIG_UNBLOCK, (uint32_t)(uintptr_t)&usr1, 0, 8, 0,
                        MAGIC_EBP});
    printf("rt_sigprocmask unblocking: %u handler, ebp %s\n", seen_count,
           seen_ebp == MAGIC_EBP ? "the call's" : "WRONG");
    if (seen_ebp != MAGIC_EBP)
        printf("  ebp=%#x\n", seen_ebp);
    return 0;
}
