/* Proves mmap of a file behaves as Linux's: a private mapping holds the file's data from the
 * offset (its last page zero past the end of the file), may be written without changing the
 * file, and a read-only shared one reads the same; /dev/zero maps as zeros. The errors in
 * Linux's order: EBADF (a closed or O_PATH descriptor), EACCES (a shared writable mapping of
 * a file open read-only, any mapping of one open write-only), ENODEV (a folder, a pipe,
 * /dev/null), EOPNOTSUPP (MAP_SHARED_VALIDATE with a flag it does not know). A shared mapping
 * of a file open read-only can never be made writable (mprotect: EACCES); a page wholly past
 * the end of the file is SIGBUS (BUS_ADRERR at the address) for any access its protection
 * allows, SIGSEGV for one it does not, and EFAULT to a system call. It works in a scratch
 * file under the working directory and removes it. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FILE_NAME "mmap_file.tmp"
#define PAGE 4096
#define SIZE (2 * PAGE + 100)

static unsigned char pattern(long i)
{
    return (unsigned char)(i * 7 + i / PAGE);
}

/* The mapping's result: "ok" or errno's name. */
static const char *map(const char *what, size_t len, int prot, int flags, int fd, off_t off,
                       unsigned char **out)
{
    void *p = mmap(0, len, prot, flags, fd, off);
    printf("%s: %s\n", what, p == MAP_FAILED ? errname(errno) : "mapped");
    if (out)
        *out = p == MAP_FAILED ? NULL : p;
    else if (p != MAP_FAILED)
        munmap(p, len);
    return p == MAP_FAILED ? errname(errno) : "ok";
}

static int matches(const unsigned char *p, long from, long n)
{
    for (long i = 0; i < n; i++)
        if (p[i] != (from + i < SIZE ? pattern(from + i) : 0))
            return 0;
    return 1;
}

static sigjmp_buf back;
static volatile void *want;

static void caught(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("  %s, %s, at the page %s\n",
           sig == SIGBUS    ? "SIGBUS"
           : sig == SIGSEGV ? "SIGSEGV"
                            : "?",
           si->si_code == BUS_ADRERR && sig == SIGBUS     ? "BUS_ADRERR"
           : si->si_code == SEGV_ACCERR && sig == SIGSEGV ? "SEGV_ACCERR"
                                                          : "another code",
           si->si_addr == want ? "itself" : "ELSEWHERE");
    siglongjmp(back, 1);
}

/* Read or write the byte at p, and say what happened. */
static void touch(const char *what, volatile unsigned char *p, int write)
{
    printf("%s:\n", what);
    want = p;
    if (sigsetjmp(back, 1) == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        printf("  no signal\n");
    }
}

/* Past the end of the file: pages 0..2 hold its data, page 3 lies wholly past its end. */
static void past_end(int ro)
{
    unsigned char *p;
    map("private, past the end", 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0, &p);
    if (!p)
        return;
    struct sigaction sa = {.sa_sigaction = caught, .sa_flags = SA_SIGINFO};
    sigaction(SIGBUS, &sa, 0);
    sigaction(SIGSEGV, &sa, 0);
    touch("  read in the last page, past the end", p + SIZE + 1, 0);
    touch("  read a page past the end", p + 3 * PAGE + 5, 0);
    touch("  write a page past the end", p + 3 * PAGE, 1);
    T(read(ro, p + 3 * PAGE, 1));
    T(mprotect(p + 3 * PAGE, PAGE, PROT_NONE));
    touch("  read it at PROT_NONE", p + 3 * PAGE, 0);
    T(mprotect(p + 3 * PAGE, PAGE, PROT_READ));
    touch("  write it at PROT_READ", p + 3 * PAGE, 1);
    touch("  read it at PROT_READ", p + 3 * PAGE, 0);
    munmap(p, 4 * PAGE);
    signal(SIGBUS, SIG_DFL);
    signal(SIGSEGV, SIG_DFL);
}

/* mprotect walks as Linux's: the pages before a hole change, then ENOMEM. */
static void hole(void)
{
    unsigned char *p =
        mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + PAGE, PAGE);
    T(mprotect(p, 2 * PAGE, PROT_READ));
    struct sigaction sa = {.sa_sigaction = caught, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, 0);
    touch("  write the page before the hole", p, 1);
    signal(SIGSEGV, SIG_DFL);
    munmap(p, PAGE);
}

int main(void)
{
    static unsigned char data[SIZE];
    for (long i = 0; i < SIZE; i++)
        data[i] = pattern(i);
    int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, data, SIZE) != SIZE) {
        printf("cannot write the scratch file\n");
        return 1;
    }
    close(fd);
    int ro = open(FILE_NAME, O_RDONLY), wo = open(FILE_NAME, O_WRONLY);

    unsigned char *p;
    map("private, whole file", 3 * PAGE, PROT_READ, MAP_PRIVATE, ro, 0, &p);
    if (p) {
        printf("  data %s, past the end %s\n", matches(p, 0, SIZE) ? "the file's" : "WRONG",
               matches(p + SIZE, SIZE, 3 * PAGE - SIZE) ? "zeros" : "WRONG");
        munmap(p, 3 * PAGE);
    }
    map("private, from page 1", PAGE, PROT_READ, MAP_PRIVATE, ro, PAGE, &p);
    if (p) {
        printf("  data %s\n", matches(p, PAGE, PAGE) ? "the file's" : "WRONG");
        munmap(p, PAGE);
    }
    map("private, writable", PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0, &p);
    if (p) {
        p[0] = (unsigned char)~p[0];
        unsigned char first;
        pread(ro, &first, 1, 0);
        printf("  written: the file %s\n", first == pattern(0) ? "unchanged" : "CHANGED");
        munmap(p, PAGE);
    }
    map("shared, read-only", 2 * PAGE, PROT_READ, MAP_SHARED, ro, 0, &p);
    if (p) {
        printf("  data %s\n", matches(p, 0, 2 * PAGE) ? "the file's" : "WRONG");
        T(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE));
        T(mprotect(p, PAGE, PROT_WRITE));
        T(mprotect(p, 2 * PAGE, PROT_READ | PROT_EXEC));
        T(mprotect(p, PAGE, PROT_NONE));
        T(mprotect(p, 2 * PAGE, PROT_READ));
        munmap(p, 2 * PAGE);
    }
    map("private, read-only file", PAGE, PROT_READ, MAP_PRIVATE, ro, 0, &p);
    if (p) {
        T(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
        munmap(p, PAGE);
    }
    past_end(ro);
    hole();
    map("shared validate, read-only", PAGE, PROT_READ, MAP_SHARED_VALIDATE, ro, 0, NULL);
    int zero_ro = open("/dev/zero", O_RDONLY);
    map("/dev/zero, shared, read-only", PAGE, PROT_READ, MAP_SHARED, zero_ro, 0, &p);
    if (p) {
        T(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
        munmap(p, PAGE);
    }
    int zero = open("/dev/zero", O_RDWR);
    map("/dev/zero, private", PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, zero, 0, &p);
    if (p) {
        printf("  %s\n", p[0] == 0 && p[PAGE - 1] == 0 ? "zeros" : "WRONG");
        p[1] = 1;
        munmap(p, PAGE);
    }

    /* The errors. */
    map("closed descriptor", PAGE, PROT_READ, MAP_PRIVATE, 99, 0, NULL);
    int path = open(FILE_NAME, O_PATH);
    map("O_PATH descriptor", PAGE, PROT_READ, MAP_PRIVATE, path, 0, NULL);
    map("length 0", 0, PROT_READ, MAP_PRIVATE, ro, 0, NULL);
    map("shared writable, read-only file", PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0, NULL);
    map("private, write-only file", PAGE, PROT_READ, MAP_PRIVATE, wo, 0, NULL);
    map("shared validate, MAP_SYNC", PAGE, PROT_READ, MAP_SHARED_VALIDATE | 0x80000, ro, 0, NULL);
    map("shared validate, bit 31", PAGE, PROT_READ, MAP_SHARED_VALIDATE | 0x80000000, ro, 0, NULL);
    map("shared validate, a huge page size", PAGE, PROT_READ, MAP_SHARED_VALIDATE | 0x54000000, ro,
        0, NULL);
#ifdef __x86_64__ /* (i386's limit is the kernel's: a 64-bit Linux's compat mmap2 has none) */
    map("ending past the largest offset", 2 * PAGE, PROT_READ, MAP_PRIVATE, ro, 0x7FFFFFFFFFFFF000,
        NULL);
#endif
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    map("a folder", PAGE, PROT_READ, MAP_PRIVATE, dir, 0, NULL);
    int pipes[2];
    pipe(pipes);
    map("a pipe", PAGE, PROT_READ, MAP_PRIVATE, pipes[0], 0, NULL);
    int null = open("/dev/null", O_RDONLY);
    map("/dev/null", PAGE, PROT_READ, MAP_PRIVATE, null, 0, NULL);
    T(unlink(FILE_NAME));
    return 0;
}
