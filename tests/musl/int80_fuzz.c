/* Proves that int $0x80 in a 64-bit app (i386's system calls on moat64) survives hostile
 * calls: COUNT calls (default 20000) of random i386 numbers below 460 with random arguments
 * (0, small integers, -1, random 64-bit words, pointers into a scratch region below 4 GiB,
 * kernel addresses whose low halves are user ones), then one line and exit 0. The kernel must
 * neither panic nor hang, and the app must live to print it.
 *
 * Usage: int80_fuzz.elf [COUNT [SEED]]. Skipped, because they end, stop, replace, signal or
 * silence the app by design, wait without end, or change its own memory or descriptors:
 * exit/exit_group, fork/vfork/clone/clone3, execve(at), reboot, (rt_)sigreturn, pause and the
 * suspends, vm86, seccomp and prctl, the limits, ptrace, the timers and alarm, the kills, the
 * signal actions and masks (SIGALRM, every 2 ms, ends whatever a call would wait for), the
 * memory calls and brk, the descriptor copies and closes, pipes, read and friends, and the
 * calls that wait without a timeout. Every other call goes through with whatever it is given.
 * The app's output goes to a copy of stdout at fd 100, so that no call can print to the
 * console; fds 0 to 2 are closed. moat only: on Linux, the calls moat lacks would reach the
 * host. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

static uint64_t state = 88172645463325252ull;

static uint64_t next(void) /* xorshift64 */
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* rax = nr, ebx..ebp = a[0..5] (all 64 bits as given), int $0x80. */
static long int80(long nr, const long a[6])
{
    long r;
    __asm__ volatile("push %%rbp\n\tmov %7, %%rbp\n\tint $0x80\n\tpop %%rbp"
                     : "=a"(r)
                     : "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4]), "m"(a[5])
                     : "memory");
    return r;
}

static const uint16_t skipped[] = {
    1,   2,   3,   6,   11,  26,  27,  29,  36,  37,  41,  42,  45,  48,  55,  63,  67,  69,
    72,  75,  82,  88,  90,  91,  104, 113, 117, 119, 120, 125, 126, 142, 145, 162, 163, 166,
    168, 172, 173, 174, 175, 177, 178, 179, 180, 190, 192, 219, 221, 230, 238, 240, 252, 256,
    259, 260, 261, 262, 263, 264, 267, 270, 308, 309, 319, 330, 331, 333, 335, 340, 354, 358,
    376, 380, 397, 407, 409, 410, 411, 412, 413, 414, 421, 422, 424, 435, 436, 441, 449};

static int is_skipped(long nr)
{
    for (unsigned i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
        if (skipped[i] == nr)
            return 1;
    return 0;
}

static void tick(int sig)
{
    (void)sig;
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 20000;
    state += argc > 2 ? (uint64_t)atol(argv[2]) : 0;
    char *scratch =
        mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if (scratch == MAP_FAILED || dup2(1, 100) != 100)
        return 2;
    close(0), close(1), close(2);
    struct sigaction sa = {.sa_handler = tick}; /* no SA_RESTART: a wait ends with EINTR */
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 2000}, {0, 2000}};
    setitimer(ITIMER_REAL, &it, NULL);
    long calls = 0;
    for (long k = 0; k < count; k++) {
        long nr = (long)(next() % 460), a[6];
        if (is_skipped(nr))
            continue;
        for (int j = 0; j < 6; j++) {
            uint64_t r = next();
            switch (r % 6) {
            case 0:
                a[j] = 0;
                break;
            case 1:
                a[j] = (long)(r >> 60);
                break;
            case 2:
                a[j] = -1;
                break;
            case 3: /* in the scratch region, the 8 MiB after it left for what calls write */
                a[j] = (long)(scratch + (r >> 8) % 65536);
                break;
            case 4:
                a[j] = (long)r;
                break;
            default: /* a kernel address: its low half is a user one */
                a[j] = (long)(0xffffffff80000000ull + (r >> 40));
            }
        }
        int80(nr, a);
        calls++;
    }
    dprintf(100, "int80 fuzz seed %ld: %ld calls, the app alive\n", argc > 2 ? atol(argv[2]) : 0,
            calls);
    return 0;
}
