/* Proves sigaltstack and SA_ONSTACK behave as on Linux i386: reading and setting the alt
 * stack (ENOMEM below MINSIGSTKSZ, EINVAL for bad flags, EPERM while on it, SS_DISABLE,
 * SS_AUTODISARM), handlers running on it and nesting on it, uc_stack describing it and
 * restored from the frame by rt_sigreturn, and AT_MINSIGSTKSZ in the auxv. The other modes
 * overflow the stack: `overflow` is caught by a SIGSEGV handler on the alt stack and left
 * with siglongjmp; `overflow-noalt`, `overflow-none` (alt stack PROT_NONE) and
 * `overflow-unmapped` leave nowhere to put the frame, so SIGSEGV kills the app. */
#include "sig.h"
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>

static char alt[16384] __attribute__((aligned(16)));
static char alt2[8192] __attribute__((aligned(16)));

static int in(const void *p, const void *base, size_t size)
{
    return (uintptr_t)p >= (uintptr_t)base && (uintptr_t)p < (uintptr_t)base + size;
}

static const char *flags_str(int f)
{
    static char buf[64];
    buf[0] = 0;
    if (f & SS_ONSTACK)
        strcat(buf, "|SS_ONSTACK");
    if (f & SS_DISABLE)
        strcat(buf, "|SS_DISABLE");
    if (f & SS_AUTODISARM)
        strcat(buf, "|SS_AUTODISARM");
    if (f & ~(SS_ONSTACK | SS_DISABLE | SS_AUTODISARM))
        sprintf(buf + strlen(buf), "|0x%x", f & ~(SS_ONSTACK | SS_DISABLE | SS_AUTODISARM));
    return buf[0] ? buf + 1 : "0";
}

static const char *sp_str(const void *sp)
{
    if (sp == NULL)
        return "NULL";
    if (sp == alt)
        return "alt";
    if (sp == alt2)
        return "alt2";
    return "other";
}

static void show(const char *what)
{
    stack_t ss;
    memset(&ss, 0x55, sizeof ss);
    int r = sigaltstack(NULL, &ss);
    hprintf("%s: r=%d sp=%s size=%zu flags=%s\n", what, r, sp_str(ss.ss_sp), ss.ss_size,
            flags_str(ss.ss_flags));
}

/* Raw, since musl's sigaltstack checks the size and SS_ONSTACK itself. */
static int set(void *sp, size_t size, int flags)
{
    stack_t ss = {.ss_sp = sp, .ss_size = size, .ss_flags = flags};
    errno = 0;
    return (int)syscall(SYS_sigaltstack, &ss, NULL);
}

static void try_set(const char *what, void *sp, size_t size, int flags)
{
    int r = set(sp, size, flags);
    int e = errno;
    hprintf("%s -> %d %s\n", what, r, r ? errname(e) : "");
}

static int depth;

static void onstack_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)si;
    ucontext_t *uc = ucv;
    char local;
    static char *outer;
    depth++;
    hprintf("%*s%s handler: local on alt %s, uc_stack sp=%s size=%zu flags=%s\n", depth * 2, "",
            signame(sig), in(&local, alt, sizeof alt) ? "yes" : "no", sp_str(uc->uc_stack.ss_sp),
            uc->uc_stack.ss_size, flags_str(uc->uc_stack.ss_flags));
    if (depth == 1) {
        outer = &local;
        show("  sigaltstack in the handler");
        try_set("  change it while on it", alt2, sizeof alt2, 0);
        try_set("  disable it while on it", NULL, 0, SS_DISABLE);
        raise(SIGUSR2);
    } else {
        hprintf("%*snested frame below the outer one: %s\n", depth * 2, "",
                &local < outer ? "yes" : "no");
    }
    depth--;
}

static void autodisarm_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)si;
    ucontext_t *uc = ucv;
    char local;
    hprintf("%s handler: local on alt %s, uc_stack sp=%s flags=%s\n", signame(sig),
            in(&local, alt, sizeof alt) ? "yes" : "no", sp_str(uc->uc_stack.ss_sp),
            flags_str(uc->uc_stack.ss_flags));
    show("  sigaltstack in the handler (disarmed)");
    try_set("  set alt2 in the handler", alt2, sizeof alt2, 0);
    show("  now");
}

static void retarget_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
    uc->uc_stack.ss_sp = alt2;
    uc->uc_stack.ss_size = sizeof alt2;
    uc->uc_stack.ss_flags = 0;
    hprintf("handler points uc_stack at alt2\n");
}

static void plain_handler(int sig)
{
    char local;
    hprintf("%s handler without SA_ONSTACK: local on alt %s\n", signame(sig),
            in(&local, alt, sizeof alt) ? "yes" : "no");
}

static void api(void)
{
    unsigned long min = getauxval(AT_MINSIGSTKSZ);
    printf("AT_MINSIGSTKSZ present and nonzero: %s\n", min ? "yes" : "no");
    show("initial");
    try_set("set size MINSIGSTKSZ-1", alt, MINSIGSTKSZ - 1, 0);
    try_set("set size 0", alt, 0, 0);
    try_set("set flags 0x1234", alt, sizeof alt, 0x1234);
    try_set("set flags SS_ONSTACK|SS_DISABLE", alt, sizeof alt, SS_ONSTACK | SS_DISABLE);
    show("unchanged");
    try_set("set size MINSIGSTKSZ", alt, MINSIGSTKSZ, 0);
    show("now");
    try_set("set with flags SS_ONSTACK (taken as 0)", alt, sizeof alt, SS_ONSTACK);
    show("now");
    try_set("set SS_DISABLE", alt, sizeof alt, SS_DISABLE);
    show("now");
    try_set("set SS_DISABLE with size 0", NULL, 0, SS_DISABLE);
    try_set("set SS_AUTODISARM", alt, sizeof alt, SS_AUTODISARM);
    show("now");
    errno = 0;
    long r = syscall(SYS_sigaltstack, (void *)16, NULL);
    printf("sigaltstack(bad pointer) -> %ld %s\n", r, errname(errno));
    errno = 0;
    r = syscall(SYS_sigaltstack, NULL, (void *)16);
    printf("sigaltstack(NULL, bad pointer) -> %ld %s\n", r, errname(errno));
    printf("sigaltstack(NULL, NULL) -> %ld\n", syscall(SYS_sigaltstack, NULL, NULL));

    printf("== SA_ONSTACK\n");
    set(alt, sizeof alt, 0);
    on(SIGUSR1, onstack_handler, SA_SIGINFO | SA_ONSTACK);
    on(SIGUSR2, onstack_handler, SA_SIGINFO | SA_ONSTACK);
    raise(SIGUSR1);
    show("after the handler");
    on(SIGUSR1, plain_handler, 0);
    raise(SIGUSR1);

    printf("== SS_AUTODISARM\n");
    set(alt, sizeof alt, SS_AUTODISARM);
    on(SIGUSR1, autodisarm_handler, SA_SIGINFO | SA_ONSTACK);
    raise(SIGUSR1);
    show("after the handler (restored from uc_stack)");

    printf("== uc_stack restored by rt_sigreturn\n");
    set(alt, sizeof alt, 0);
    on(SIGUSR1, retarget_handler, SA_SIGINFO | SA_ONSTACK);
    raise(SIGUSR1);
    show("after the handler");
    set(NULL, 0, SS_DISABLE);
    on(SIGUSR1, retarget_handler, SA_SIGINFO);
    raise(SIGUSR1);
    show("after a handler not on the alt stack");
}

static sigjmp_buf back;
static volatile int recovered_depth;

static void segv_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)si;
    ucontext_t *uc = ucv;
    char local;
    hprintf("%s on the alt stack: %s; uc_stack flags=%s\n", signame(sig),
            in(&local, alt, sizeof alt) ? "yes" : "no", flags_str(uc->uc_stack.ss_flags));
    siglongjmp(back, 1);
}

static int recurse(int n)
{
    volatile char frame[4096];
    frame[0] = (char)n;
    frame[4095] = (char)n;
    recovered_depth = n;
    if (n == -1) /* never: keeps GCC from seeing infinite recursion */
        return 0;
    return recurse(n + 1) + frame[0] + frame[4095];
}

static void overflow(const char *how)
{
    if (strcmp(how, "overflow") == 0) {
        set(alt, sizeof alt, 0);
    } else if (strcmp(how, "overflow-none") == 0) {
        void *p = mmap(NULL, 65536, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        set(p, 65536, 0);
    } else if (strcmp(how, "overflow-unmapped") == 0) {
        void *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        set(p, 65536, 0);
        munmap(p, 65536);
    }
    on(SIGSEGV, segv_handler, SA_SIGINFO | SA_ONSTACK);
    printf("overflowing the stack\n");
    if (sigsetjmp(back, 1) == 0) {
        recurse(0);
        printf("recursion ended?\n");
    } else {
        printf("recovered after more than 1000 frames: %s\n",
               recovered_depth > 1000 ? "yes" : "no");
        show("alt stack afterwards");
    }
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1)
        overflow(argv[1]);
    else
        api();
    printf("done\n");
    return 0;
}
