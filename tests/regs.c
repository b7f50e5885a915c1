/* Proves the app's whole register state survives interrupts exactly. `regs.elf user` spins
 * for 500 ms (hundreds of 1000 Hz timer ticks) in an asm loop that holds magic values in
 * every general register and checks them, esp, DF and AC in EFLAGS, and every segment
 * register on each turn. `regs.elf syscall` does the same around int $0x80 (getpid,
 * nanosleep, clock_gettime, a failing write and an unknown number): everything but eax must
 * come back unchanged, as on Linux. `regs.elf fpu` holds values in the x87 stack, its control
 * word, xmm0-xmm7 and MXCSR across the same spinning. The x86_64 build holds 64-bit magic in
 * rax..rbp and r8-r15 and goes through `syscall`, which must keep all but rax, and put the
 * return address in rcx and rflags in r11, as on Linux. */
#include "raw.h"

#ifdef __x86_64__
/* Shared with the asm below; absolute addresses keep the loop free of spare registers. */
uint64_t regs_seg[6];   /* ds es fs gs ss cs as seen on entry */
uint64_t regs_esp;      /* rsp the loop must always see */
uint64_t regs_tmp;      /* rax while rax is borrowed for the segment checks */
uint32_t regs_count;    /* turns left */
uint64_t regs_dump[10]; /* rax rbx rcx rdx rsi rdi rbp rsp rflags failing-check */
uint64_t regs_in[4];    /* syscall: rax rdi rsi rdx to load */
uint64_t regs_ret;      /* syscall: rax returned */

#define FLAGS_SET "pushf\n\torl $0x40400, (%rsp)\n\tpopf\n\t" /* DF and AC */
#define FLAGS_CLEAR "pushf\n\tandl $~0x40400, (%rsp)\n\tpopf\n\t"
#define PUSH_SAVED "push %rbp\n\tpush %rbx\n\tpush %r12\n\tpush %r13\n\tpush %r14\n\tpush %r15\n\t"
#define POP_SAVED "pop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\tpop %rbx\n\tpop %rbp\n\t"

/* The magic: each sign-extends from 32 bits, so cmp can take it as an immediate and a kernel
 * that dropped the upper half would show. */
#define SAVE_SEGS                                                                                  \
    "xor %eax, %eax\n\tmov %ds, %ax\n\tmov %rax, regs_seg+0\n\t"                                   \
    "mov %es, %ax\n\tmov %rax, regs_seg+8\n\tmov %fs, %ax\n\tmov %rax, regs_seg+16\n\t"            \
    "mov %gs, %ax\n\tmov %rax, regs_seg+24\n\tmov %ss, %ax\n\tmov %rax, regs_seg+32\n\t"           \
    "mov %cs, %ax\n\tmov %rax, regs_seg+40\n\t"
#define CHECK(reg, val, n) "movq $" #n ", regs_dump+72\n\tcmp $" #val ", %" #reg "\n\tjne 9f\n\t"
#define CHECK_SEG(seg, off, n)                                                                     \
    "movq $" #n ", regs_dump+72\n\txor %eax, %eax\n\tmov %" #seg ", %ax\n\t"                       \
    "cmp regs_seg+" #off ", %rax\n\tjne 8f\n\t"
#define CHECK_REST                                                                                 \
    "movq $7, regs_dump+72\n\tcmp regs_esp, %rsp\n\tjne 9f\n\t"                                    \
    "mov %rax, regs_tmp\n\t"                                                                       \
    "movq $8, regs_dump+72\n\tpushf\n\tpop %rax\n\tand $0x40400, %eax\n\t"                         \
    "cmp $0x40400, %eax\n\tjne 8f\n\t" CHECK_SEG(ds, 0, 10) CHECK_SEG(es, 8, 11)                   \
        CHECK_SEG(fs, 16, 12) CHECK_SEG(gs, 24, 13) CHECK_SEG(ss, 32, 14)                          \
            CHECK_SEG(cs, 40, 15) "mov regs_tmp, %rax\n\t"
/* The r8-r15 checks, numbered 16-23. */
#define CHECK_R8_R15                                                                               \
    CHECK(r8, 0xffffffff88888888, 16)                                                              \
    CHECK(r9, 0xffffffff99999999, 17)                                                              \
    CHECK(r10, 0xffffffffaaaaaaaa, 18)                                                             \
    CHECK(r12, 0xffffffffcccccccc, 20)                                                             \
    CHECK(r13, 0xffffffffdddddddd, 21)                                                             \
    CHECK(r14, 0xffffffffeeeeeeee, 22) CHECK(r15, 0xfffffffff0f0f0f0, 23)
#define LOAD_R8_R15                                                                                \
    "mov $0xffffffff88888888, %r8\n\tmov $0xffffffff99999999, %r9\n\t"                             \
    "mov $0xffffffffaaaaaaaa, %r10\n\tmov $0xffffffffbbbbbbbb, %r11\n\t"                           \
    "mov $0xffffffffcccccccc, %r12\n\tmov $0xffffffffdddddddd, %r13\n\t"                           \
    "mov $0xffffffffeeeeeeee, %r14\n\tmov $0xfffffffff0f0f0f0, %r15\n\t"
/* Failure exit: dump the registers (rax from regs_tmp if it was borrowed). */
#define FAIL_EXIT                                                                                  \
    "8: mov regs_tmp, %rax\n"                                                                      \
    "9: mov %rax, regs_dump+0\n\tmov %rbx, regs_dump+8\n\tmov %rcx, regs_dump+16\n\t"              \
    "mov %rdx, regs_dump+24\n\tmov %rsi, regs_dump+32\n\tmov %rdi, regs_dump+40\n\t"               \
    "mov %rbp, regs_dump+48\n\tmov %rsp, regs_dump+56\n\tpushf\n\tpopq regs_dump+64\n\t"           \
    "mov $1, %eax\n"                                                                               \
    "7: " FLAGS_CLEAR POP_SAVED "ret\n"

/* uint32_t regs_spin(void): regs_count turns of the check loop; 0 if all passed. */
__asm__(".text\n.globl regs_spin\nregs_spin:\n\t" PUSH_SAVED SAVE_SEGS
        "mov %rsp, regs_esp\n\t" FLAGS_SET
        "mov $0xffffffff91111111, %rax\n\tmov $0xffffffff92222222, %rbx\n\t"
        "mov $0xffffffff94444444, %rcx\n\tmov $0xffffffff93333333, %rdx\n\t"
        "mov $0xffffffff95555555, %rsi\n\tmov $0xffffffff96666666, %rdi\n\t"
        "mov $0xffffffff97777777, %rbp\n\t" LOAD_R8_R15 "1:\n\t" CHECK(rax, 0xffffffff91111111, 0)
            CHECK(rbx, 0xffffffff92222222, 1) CHECK(rcx, 0xffffffff94444444, 2)
                CHECK(rdx, 0xffffffff93333333, 3) CHECK(rsi, 0xffffffff95555555, 4)
                    CHECK(rdi, 0xffffffff96666666, 5) CHECK(rbp, 0xffffffff97777777, 6)
                        CHECK_R8_R15 CHECK(r11, 0xffffffffbbbbbbbb, 19) CHECK_REST
        "decl regs_count\n\tjnz 1b\n\t"
        "xor %eax, %eax\n\tjmp 7f\n" FAIL_EXIT);

/* uint32_t regs_syscall(void): one syscall with rax rdi rsi rdx from regs_in and magic in rbx,
 * rbp, r8-r15; checks that all but rax survived, rcx holds the return address and r11 the
 * rflags (DF and AC set). The result goes to regs_ret. */
__asm__(".text\n.globl regs_syscall\nregs_syscall:\n\t" PUSH_SAVED SAVE_SEGS
        "mov %rsp, regs_esp\n\t" FLAGS_SET
        "mov regs_in+8, %rdi\n\tmov regs_in+16, %rsi\n\tmov regs_in+24, %rdx\n\t"
        "mov $0xffffffff92222222, %rbx\n\tmov $0xffffffff97777777, %rbp\n\t" LOAD_R8_R15
        "mov regs_in+0, %rax\n\t"
        "syscall\n"
        "6: mov %rax, regs_ret\n\t"
        "movq $5, regs_dump+72\n\tcmp regs_in+8, %rdi\n\tjne 9f\n\t"
        "movq $4, regs_dump+72\n\tcmp regs_in+16, %rsi\n\tjne 9f\n\t"
        "movq $3, regs_dump+72\n\tcmp regs_in+24, %rdx\n\tjne 9f\n\t" CHECK(rbx, 0xffffffff92222222,
                                                                            1)
            CHECK(rbp, 0xffffffff97777777, 6) CHECK_R8_R15
        "movq $24, regs_dump+72\n\tlea 6b(%rip), %rax\n\tcmp %rax, %rcx\n\tjne 9f\n\t"
        "movq $25, regs_dump+72\n\tmov %r11, %rax\n\tand $0x40400, %eax\n\t"
        "cmp $0x40400, %eax\n\tjne 9f\n\t" CHECK_REST "xor %eax, %eax\n\tjmp 7f\n" FAIL_EXIT);

/* FPU state: fpu_load(in) / fpu_store(out) move xmm0-7 (128 bytes), then three x87 doubles,
 * the x87 control word and MXCSR, between memory and the registers. */
__asm__(".text\n.globl fpu_load\nfpu_load:\n\t"
        "mov %rdi, %rax\n\t"
        "movdqu 0(%rax), %xmm0\n\tmovdqu 16(%rax), %xmm1\n\tmovdqu 32(%rax), %xmm2\n\t"
        "movdqu 48(%rax), %xmm3\n\tmovdqu 64(%rax), %xmm4\n\tmovdqu 80(%rax), %xmm5\n\t"
        "movdqu 96(%rax), %xmm6\n\tmovdqu 112(%rax), %xmm7\n\t"
        "fldcw 152(%rax)\n\tldmxcsr 156(%rax)\n\t"
        "fldl 128(%rax)\n\tfldl 136(%rax)\n\tfldl 144(%rax)\n\tret\n"
        ".globl fpu_store\nfpu_store:\n\t"
        "mov %rdi, %rax\n\t"
        "movdqu %xmm0, 0(%rax)\n\tmovdqu %xmm1, 16(%rax)\n\tmovdqu %xmm2, 32(%rax)\n\t"
        "movdqu %xmm3, 48(%rax)\n\tmovdqu %xmm4, 64(%rax)\n\tmovdqu %xmm5, 80(%rax)\n\t"
        "movdqu %xmm6, 96(%rax)\n\tmovdqu %xmm7, 112(%rax)\n\t"
        "fstpl 144(%rax)\n\tfstpl 136(%rax)\n\tfstpl 128(%rax)\n\t"
        "fnstcw 152(%rax)\n\tstmxcsr 156(%rax)\n\t"
        "fldcw fpu_default_cw\n\tldmxcsr fpu_default_mxcsr\n\tret\n");

static const char *const check_names[] = {"rax",
                                          "rbx",
                                          "rcx",
                                          "rdx",
                                          "rsi",
                                          "rdi",
                                          "rbp",
                                          "rsp",
                                          "rflags",
                                          "?",
                                          "ds",
                                          "es",
                                          "fs",
                                          "gs",
                                          "ss",
                                          "cs",
                                          "r8",
                                          "r9",
                                          "r10",
                                          "r11",
                                          "r12",
                                          "r13",
                                          "r14",
                                          "r15",
                                          "rcx (the return rip)",
                                          "r11 (the rflags)",
                                          "?",
                                          "?",
                                          "?",
                                          "?",
                                          "?",
                                          "?"};
#define CHECK_MASK 31
#else

/* Shared with the asm below; absolute addresses keep the loop free of spare registers. */
uint32_t regs_seg[6];   /* ds es fs gs ss cs as seen on entry */
uint32_t regs_esp;      /* esp the loop must always see */
uint32_t regs_tmp;      /* eax while eax is borrowed for the segment checks */
uint32_t regs_count;    /* turns left */
uint32_t regs_dump[10]; /* eax ebx ecx edx esi edi ebp esp eflags failing-check */
uint32_t regs_in[4];    /* syscall: eax ebx ecx edx to load */
uint32_t regs_ret;      /* syscall: eax returned */

#define FLAGS_SET "pushf\n\torl $0x40400, (%esp)\n\tpopf\n\t" /* DF and AC */
#define FLAGS_CLEAR "pushf\n\tandl $~0x40400, (%esp)\n\tpopf\n\t"

/* Record segments and esp, then check everything after the GPRs were checked by the caller's
 * code. On a mismatch jump to 9f with the check's number in regs_dump[9]. */
#define SAVE_SEGS                                                                                  \
    "xor %eax, %eax\n\tmov %ds, %ax\n\tmov %eax, regs_seg+0\n\t"                                   \
    "mov %es, %ax\n\tmov %eax, regs_seg+4\n\tmov %fs, %ax\n\tmov %eax, regs_seg+8\n\t"             \
    "mov %gs, %ax\n\tmov %eax, regs_seg+12\n\tmov %ss, %ax\n\tmov %eax, regs_seg+16\n\t"           \
    "mov %cs, %ax\n\tmov %eax, regs_seg+20\n\t"
#define CHECK(reg, val, n) "movl $" #n ", regs_dump+36\n\tcmp $" #val ", %" #reg "\n\tjne 9f\n\t"
#define CHECK_SEG(seg, off, n)                                                                     \
    "movl $" #n ", regs_dump+36\n\txor %eax, %eax\n\tmov %" #seg ", %ax\n\t"                       \
    "cmp regs_seg+" #off ", %eax\n\tjne 8f\n\t"
#define CHECK_REST                                                                                 \
    "movl $7, regs_dump+36\n\tcmp regs_esp, %esp\n\tjne 9f\n\t"                                    \
    "mov %eax, regs_tmp\n\t"                                                                       \
    "movl $8, regs_dump+36\n\tpushf\n\tpop %eax\n\tand $0x40400, %eax\n\t"                         \
    "cmp $0x40400, %eax\n\tjne 8f\n\t" CHECK_SEG(ds, 0, 10) CHECK_SEG(es, 4, 11)                   \
        CHECK_SEG(fs, 8, 12) CHECK_SEG(gs, 12, 13) CHECK_SEG(ss, 16, 14)                           \
            CHECK_SEG(cs, 20, 15) "mov regs_tmp, %eax\n\t"
/* Failure exit: dump the registers (eax from regs_tmp if it was borrowed). */
#define FAIL_EXIT                                                                                  \
    "8: mov regs_tmp, %eax\n"                                                                      \
    "9: mov %eax, regs_dump+0\n\tmov %ebx, regs_dump+4\n\tmov %ecx, regs_dump+8\n\t"               \
    "mov %edx, regs_dump+12\n\tmov %esi, regs_dump+16\n\tmov %edi, regs_dump+20\n\t"               \
    "mov %ebp, regs_dump+24\n\tmov %esp, regs_dump+28\n\tpushf\n\tpop regs_dump+32\n\t"            \
    "mov $1, %eax\n"                                                                               \
    "7: " FLAGS_CLEAR "pop %edi\n\tpop %esi\n\tpop %ebx\n\tpop %ebp\n\tret\n"

/* uint32_t regs_spin(void): regs_count turns of the check loop; 0 if all passed. */
__asm__(".text\n.globl regs_spin\nregs_spin:\n\t"
        "push %ebp\n\tpush %ebx\n\tpush %esi\n\tpush %edi\n\t" SAVE_SEGS
        "mov %esp, regs_esp\n\t" FLAGS_SET
        "mov $0x11111111, %eax\n\tmov $0x22222222, %ebx\n\tmov $0x44444444, %ecx\n\t"
        "mov $0x33333333, %edx\n\tmov $0x55555555, %esi\n\tmov $0x66666666, %edi\n\t"
        "mov $0x77777777, %ebp\n"
        "1:\n\t" CHECK(eax, 0x11111111, 0) CHECK(ebx, 0x22222222, 1) CHECK(ecx, 0x44444444, 2)
            CHECK(edx, 0x33333333, 3) CHECK(esi, 0x55555555, 4) CHECK(edi, 0x66666666, 5)
                CHECK(ebp, 0x77777777, 6) CHECK_REST "decl regs_count\n\tjnz 1b\n\t"
                                                     "xor %eax, %eax\n\tjmp 7f\n" FAIL_EXIT);

/* uint32_t regs_syscall(void): one int $0x80 with eax..edx from regs_in and magic in esi,
 * edi, ebp; checks that all but eax survived. The result goes to regs_ret. */
__asm__(".text\n.globl regs_syscall\nregs_syscall:\n\t"
        "push %ebp\n\tpush %ebx\n\tpush %esi\n\tpush %edi\n\t" SAVE_SEGS
        "mov %esp, regs_esp\n\t" FLAGS_SET
        "mov regs_in+4, %ebx\n\tmov regs_in+8, %ecx\n\tmov regs_in+12, %edx\n\t"
        "mov $0x55555555, %esi\n\tmov $0x66666666, %edi\n\tmov $0x77777777, %ebp\n\t"
        "mov regs_in+0, %eax\n\t"
        "int $0x80\n\t"
        "mov %eax, regs_ret\n\t"
        "movl $1, regs_dump+36\n\tcmp regs_in+4, %ebx\n\tjne 9f\n\t"
        "movl $2, regs_dump+36\n\tcmp regs_in+8, %ecx\n\tjne 9f\n\t"
        "movl $3, regs_dump+36\n\tcmp regs_in+12, %edx\n\tjne 9f\n\t" CHECK(esi, 0x55555555, 4)
            CHECK(edi, 0x66666666, 5) CHECK(ebp, 0x77777777, 6) CHECK_REST
        "xor %eax, %eax\n\tjmp 7f\n" FAIL_EXIT);

/* FPU state: fpu_load(in) / fpu_store(out) move xmm0-7 (128 bytes), then three x87 doubles,
 * the x87 control word and MXCSR, between memory and the registers. */
__asm__(".text\n.globl fpu_load\nfpu_load:\n\t"
        "mov 4(%esp), %eax\n\t"
        "movdqu 0(%eax), %xmm0\n\tmovdqu 16(%eax), %xmm1\n\tmovdqu 32(%eax), %xmm2\n\t"
        "movdqu 48(%eax), %xmm3\n\tmovdqu 64(%eax), %xmm4\n\tmovdqu 80(%eax), %xmm5\n\t"
        "movdqu 96(%eax), %xmm6\n\tmovdqu 112(%eax), %xmm7\n\t"
        "fldcw 152(%eax)\n\tldmxcsr 156(%eax)\n\t"
        "fldl 128(%eax)\n\tfldl 136(%eax)\n\tfldl 144(%eax)\n\tret\n"
        ".globl fpu_store\nfpu_store:\n\t"
        "mov 4(%esp), %eax\n\t"
        "movdqu %xmm0, 0(%eax)\n\tmovdqu %xmm1, 16(%eax)\n\tmovdqu %xmm2, 32(%eax)\n\t"
        "movdqu %xmm3, 48(%eax)\n\tmovdqu %xmm4, 64(%eax)\n\tmovdqu %xmm5, 80(%eax)\n\t"
        "movdqu %xmm6, 96(%eax)\n\tmovdqu %xmm7, 112(%eax)\n\t"
        "fstpl 144(%eax)\n\tfstpl 136(%eax)\n\tfstpl 128(%eax)\n\t"
        "fnstcw 152(%eax)\n\tstmxcsr 156(%eax)\n\t"
        "fldcw fpu_default_cw\n\tldmxcsr fpu_default_mxcsr\n\tret\n");

static const char *const check_names[] = {"eax",    "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp",
                                          "eflags", "?",   "ds",  "es",  "fs",  "gs",  "ss",  "cs"};
#define CHECK_MASK 15
#endif

struct fpu_state {
    uint8_t xmm[128];
    uint64_t x87[3]; /* doubles, as bits */
    uint16_t cw, pad;
    uint32_t mxcsr;
};
_Static_assert(sizeof(struct fpu_state) == 160, "layout used by fpu_load/fpu_store");

uint16_t fpu_default_cw = 0x037f;
uint32_t fpu_default_mxcsr = 0x1f80;

void fpu_load(const struct fpu_state *in);
void fpu_store(struct fpu_state *out);
uint32_t regs_spin(void);
uint32_t regs_syscall(void);

static int report(const char *what)
{
    put(what);
    put(": ");
    put(check_names[regs_dump[9] & CHECK_MASK]);
    put(" changed; eax..ebp esp eflags:");
    for (int i = 0; i < 9; i++) {
        put(" ");
        put_hex(regs_dump[i]);
    }
    put("\n");
    return 1;
}

/* One round of fpu mode: load, spin through timer ticks, store, compare. */
static int fpu_round(uint32_t round)
{
    static struct fpu_state in, out;
    for (uint32_t i = 0; i < sizeof in.xmm; i++)
        in.xmm[i] = (uint8_t)(i * 7 + round);
    in.x87[0] = 0x3ff8000000000000ull + round; /* 1.5 and a little */
    in.x87[1] = 0xc002000000000000ull + round;
    in.x87[2] = 0x54b249ad2594c37dull;
    in.cw = 0x0f7f;    /* round toward zero, 64-bit precision */
    in.mxcsr = 0x7f80; /* round toward zero */
    fpu_load(&in);
    regs_count = 100000;
    uint32_t r = regs_spin();
    fpu_store(&out);
    if (r)
        return !report("fpu loop");
    const uint8_t *a = (const uint8_t *)&in, *b = (const uint8_t *)&out;
    for (uint32_t i = 0; i < sizeof in; i++) {
        if (a[i] != b[i]) {
            uint32_t w = i & ~3u;
            put("fpu state changed at byte ");
            put_udec(i);
            put(" (0-127 xmm, 128-151 x87, 152 cw, 156 mxcsr): word ");
            put_hex(*(const uint32_t *)(a + w));
            put(" became ");
            put_hex(*(const uint32_t *)(b + w));
            put("\n");
            return 0;
        }
    }
    return 1;
}

static int syscall_ok(const char *what, unsigned long nr, unsigned long b, unsigned long c,
                      unsigned long d)
{
    regs_in[0] = nr;
    regs_in[1] = b;
    regs_in[2] = c;
    regs_in[3] = d;
    return regs_syscall() ? !report(what) : 1;
}

int main(int argc, char **argv)
{
    const int64_t span = 500 * 1000000LL;
    int64_t start = now_ns(R_CLOCK_MONOTONIC);
    uint32_t turns = 0;
    int user = argc == 2 && r_streq(argv[1], "user");
    int sys = argc == 2 && r_streq(argv[1], "syscall");
    int fpu = argc == 2 && r_streq(argv[1], "fpu");
    if (!user && !sys && !fpu) {
        put("usage: regs.elf user|syscall|fpu\n");
        return 99;
    }
    struct r_timespec nap = {0, 200000}, ts;
    static const char msg[] = "x";
    do {
        if (fpu) {
            if (!fpu_round(turns))
                return 1;
        } else if (user) {
            regs_count = 100000;
            if (regs_spin())
                return report("user loop");
        } else {
            int ok = syscall_ok("getpid", __NR_getpid, 0x22222222, 0x44444444, 0x33333333) &&
                     syscall_ok("nanosleep", __NR_nanosleep, (uintptr_t)&nap, 0, 0x33333333) &&
                     syscall_ok("clock_gettime", __NR_clock_gettime, R_CLOCK_MONOTONIC,
                                (uintptr_t)&ts, 0x33333333) &&
                     syscall_ok("write to a bad fd", __NR_write, 99, (uintptr_t)msg, 0x33333333) &&
                     syscall_ok("unknown syscall", 999, 0x22222222, 0x44444444, 0x33333333);
            if (!ok)
                return 1;
        }
        turns++;
    } while (now_ns(R_CLOCK_MONOTONIC) - start < span);
    fact("registers intact for 500 ms", 1);
    fact("more than one round", turns > 1);
    return 0;
}
