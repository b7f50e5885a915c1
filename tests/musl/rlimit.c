/* Proves the kernel enforces the resource limits as Linux does: RLIMIT_STACK bounds the
 * stack's growth (a touch beyond it is a SIGSEGV), RLIMIT_AS refuses mmap and brk past the
 * address space's limit, RLIMIT_DATA refuses a heap or a private writable mapping past it
 * (a read-only mapping is not data), RLIMIT_NOFILE bounds the descriptors (EMFILE for a new
 * one, EBADF for dup2 to it, EINVAL for F_DUPFD from it), and each limit raised again lifts
 * the refusal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MiB (1024 * 1024)

static sigjmp_buf back;
static char altstack[64 * 1024];

static void on_segv(int sig)
{
    siglongjmp(back, sig);
}

/* Write a byte `below` bytes under this frame: "ok" or the signal it raised. */
static __attribute__((noinline)) const char *touch_stack(size_t below)
{
    if (sigsetjmp(back, 1))
        return "SIGSEGV";
    volatile char *p = (char *)__builtin_frame_address(0) - below;
    *p = 1;
    return "ok";
}

static void set_soft(int res, rlim_t cur)
{
    struct rlimit r;
    getrlimit(res, &r);
    r.rlim_cur = cur;
    if (setrlimit(res, &r))
        printf("setrlimit(%d) failed: %s\n", res, strerror(errno));
}

static const char *mapped(size_t len, int prot)
{
    void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return errno == ENOMEM ? "ENOMEM" : strerror(errno);
    munmap(p, len);
    return "ok";
}

static const char *fd_made(int fd)
{
    if (fd >= 0)
        return "ok";
    return errno == EMFILE   ? "EMFILE"
           : errno == EBADF  ? "EBADF"
           : errno == EINVAL ? "EINVAL"
                             : strerror(errno);
}

static const char *grow_heap(long by)
{
    long cur = syscall(SYS_brk, 0);
    long r = syscall(SYS_brk, cur + by);
    if (r != cur + by)
        return "refused";
    syscall(SYS_brk, cur);
    return "ok";
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    struct rlimit stack;
    getrlimit(RLIMIT_STACK, &stack);
    set_soft(RLIMIT_STACK, 1 * MiB);
    printf("RLIMIT_STACK 1 MiB: touch 512 KiB below: %s\n", touch_stack(512 * 1024));
    printf("RLIMIT_STACK 1 MiB: touch 2 MiB below: %s\n", touch_stack(2 * MiB));
    set_soft(RLIMIT_STACK, 4 * MiB);
    printf("RLIMIT_STACK 4 MiB: touch 2 MiB below: %s\n", touch_stack(2 * MiB));
    setrlimit(RLIMIT_STACK, &stack);

    struct rlimit as;
    getrlimit(RLIMIT_AS, &as);
    set_soft(RLIMIT_AS, 32 * MiB);
    printf("RLIMIT_AS 32 MiB: mmap 1 MiB: %s\n", mapped(1 * MiB, PROT_READ | PROT_WRITE));
    printf("RLIMIT_AS 32 MiB: mmap 64 MiB: %s\n", mapped(64 * MiB, PROT_READ));
    printf("RLIMIT_AS 32 MiB: brk +64 KiB: %s\n", grow_heap(64 * 1024));
    printf("RLIMIT_AS 32 MiB: brk +64 MiB: %s\n", grow_heap(64 * MiB));
    setrlimit(RLIMIT_AS, &as);
    printf("RLIMIT_AS back: mmap 64 MiB: %s\n", mapped(64 * MiB, PROT_READ));

    struct rlimit data;
    getrlimit(RLIMIT_DATA, &data);
    set_soft(RLIMIT_DATA, 1 * MiB);
    printf("RLIMIT_DATA 1 MiB: brk +64 KiB: %s\n", grow_heap(64 * 1024));
    printf("RLIMIT_DATA 1 MiB: brk +2 MiB: %s\n", grow_heap(2 * MiB));
    printf("RLIMIT_DATA 1 MiB: mmap 2 MiB writable: %s\n", mapped(2 * MiB, PROT_READ | PROT_WRITE));
    printf("RLIMIT_DATA 1 MiB: mmap 2 MiB read-only: %s\n", mapped(2 * MiB, PROT_READ));
    setrlimit(RLIMIT_DATA, &data);
    printf("RLIMIT_DATA back: brk +2 MiB: %s\n", grow_heap(2 * MiB));

    struct rlimit files;
    int fds[2], lowest = dup(0);
    getrlimit(RLIMIT_NOFILE, &files);
    close(lowest);
    set_soft(RLIMIT_NOFILE, (rlim_t)lowest + 1);
    printf("RLIMIT_NOFILE lowest+1: dup: %s\n", fd_made(dup(0)));
    printf("RLIMIT_NOFILE lowest+1: dup again: %s\n", fd_made(dup(0)));
    printf("RLIMIT_NOFILE lowest+1: pipe: %s\n", fd_made(pipe(fds)));
    printf("RLIMIT_NOFILE lowest+1: dup2 to the limit: %s\n", fd_made(dup2(0, lowest + 1)));
    printf("RLIMIT_NOFILE lowest+1: F_DUPFD from the limit: %s\n",
           fd_made(fcntl(0, F_DUPFD, lowest + 1)));
    close(lowest);
    setrlimit(RLIMIT_NOFILE, &files);
    printf("RLIMIT_NOFILE back: pipe: %s\n", fd_made(pipe(fds)));
    return 0;
}
