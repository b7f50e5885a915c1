/* A PROT_NONE page in the stack's growth area stays PROT_NONE: system calls that would write
 * or read it fail with EFAULT (the kernel does not grow the stack over it), its contents
 * survive, the app's own access is SEGV_ACCERR, and the hole above it still grows. Also
 * mprotect and munmap on the never-used part of the stack area, as Linux has them. */
#include "sig.h"
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#define PAGE 4096u
#ifdef __x86_64__
#define NR_clock_gettime SYS_clock_gettime /* x86_64's classic calls have a 64-bit time_t */
#define NR_nanosleep SYS_nanosleep
#else
#define NR_clock_gettime 265 /* the 32-bit time_t calls, as moat has them */
#define NR_nanosleep 162
#endif

static sigjmp_buf back;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    fault_code = si->si_code;
    siglongjmp(back, 1);
}

/* A raw system call's result as "0" or an errno name. */
static const char *res(long r)
{
    return r == 0 ? "0" : errname(errno);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    volatile char here;
    uintptr_t sp_page = (uintptr_t)&here & ~(uintptr_t)(PAGE - 1);
    /* 2 MiB below the stack in use: inside the 8 MiB the stack may grow into, never used. */
    char *none = (char *)(sp_page - (2u << 20));
    char *hole = (char *)(sp_page - (1u << 20)); /* between it and the stack */
    char *deep = (char *)(sp_page - (3u << 20)); /* below it */

    void *p =
        mmap(none, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("mmap(FIXED, rw) in the stack area: %s\n", p == none ? "ok" : errname(errno));
    memset(none, 0x5a, PAGE);
    printf("mprotect(PROT_NONE) = %s\n", res(mprotect(none, PAGE, PROT_NONE)));

    for (int i = 0; i < 1000; i++) /* each one leaked a frame when the stack grew over it */
        syscall(NR_clock_gettime, CLOCK_MONOTONIC, none);
    printf("clock_gettime(into it) = %s\n", res(syscall(NR_clock_gettime, CLOCK_MONOTONIC, none)));
    printf("nanosleep(from it) = %s\n", res(syscall(NR_nanosleep, none, 0)));
    printf("write(1, from it) = %s\n", res(syscall(SYS_write, 1, none, 1)));
    printf("read(0, into it, 0) = %s\n", res(syscall(SYS_read, 0, none + 8, 0)));

    on(SIGSEGV, on_segv, SA_SIGINFO);
    if (!sigsetjmp(back, 1)) {
        (void)*(volatile char *)none;
        printf("reading it: no fault\n");
    } else {
        printf("reading it: SIGSEGV %s\n", fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other");
    }

    /* The hole between the PROT_NONE page and the stack is still the stack's to grow into
       (Linux keeps its guard gap only below accessible mappings). */
    printf("clock_gettime(into the hole above it) = %s\n",
           res(syscall(NR_clock_gettime, CLOCK_MONOTONIC, hole)));

    printf("mprotect(rw) = %s\n", res(mprotect(none, PAGE, PROT_READ | PROT_WRITE)));
    int kept = 1;
    for (unsigned i = 0; i < PAGE; i++)
        kept &= none[i] == 0x5a;
    printf("contents kept: %s\n", kept ? "yes" : "no");

    /* Never-used stack area: mprotect needs a mapping, munmap does not. */
    printf("mprotect(below it, never used) = %s\n", res(mprotect(deep, PAGE, PROT_READ)));
    printf("munmap(below it, never used) = %s\n", res(munmap(deep, PAGE)));
    printf("munmap(the page) = %s\n", res(munmap(none, PAGE)));
    return 0;
}
