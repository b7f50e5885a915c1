/* Proves CPU exceptions raised in ring 3 become Linux's signals: `trap.elf NAME` raises one
 * (ud2 -> SIGILL, divide errors -> SIGFPE, int3 -> SIGTRAP, into -> SIGSEGV, attempts to reach
 * ring 0 through segments or iret -> SIGSEGV), and popf cannot raise IOPL or clear IF. */
#include "raw.h"

static volatile int32_t divisor;
static volatile int32_t result;

static void do_ud2(void)
{
    __asm__ volatile("ud2");
}
static void do_int3(void)
{
    __asm__ volatile("int3");
}
static void do_div0(void)
{
    result = 7 / divisor;
}
static void do_divov(void)
{
    divisor = -1;
    result = (int32_t)0x80000000 / divisor;
}

/* into traps only when OF is set: 0x7fffffff + 1 overflows. (In 64-bit mode 0xce is no
 * instruction at all: #UD, SIGILL.) */
static void do_into(void)
{
    __asm__ volatile("mov $0x7fffffff, %%eax\n\tadd $1, %%eax\n\t.byte 0xce" : : : "eax", "cc");
}

/* A far jump to GDT entry 1 with RPL 0: a kernel code segment or nothing; never allowed.
 * (64-bit mode has no direct far jump: it goes through a 6-byte offset:selector in memory.) */
static void do_farjmp(void)
{
#ifdef __x86_64__
    static const struct __attribute__((packed)) {
        uint32_t offset;
        uint16_t selector;
    } target = {0, 0x08};
    __asm__ volatile("ljmpl *%0" : : "m"(target));
#else
    __asm__ volatile("ljmp $0x08, $1f\n1:");
#endif
}

/* Load a kernel-only data selector into ds. */
static void do_ldseg(void)
{
    __asm__ volatile("mov $0x10, %%eax\n\tmov %%eax, %%ds" : : : "eax", "memory");
}

/* Build an iret frame that returns to ring 0. */
static void do_iret(void)
{
#ifdef __x86_64__
    __asm__ volatile("mov %%rsp, %%rax\n\tpush $0x10\n\tpush %%rax\n\tpushf\n\tpush $0x08\n\t"
                     "lea 1f(%%rip), %%rax\n\tpush %%rax\n\tiretq\n1:"
                     :
                     :
                     : "rax", "memory");
#else
    __asm__ volatile("push $0x10\n\tpush %%esp\n\tpushf\n\tpush $0x08\n\tpush $1f\n\tiret\n1:"
                     :
                     :
                     : "memory");
#endif
}

/* popf from ring 3 silently keeps IOPL and IF; then cli must still fault. */
static void do_popf(void)
{
    unsigned long flags;
#ifdef __x86_64__
    __asm__ volatile("pushf\n\torl $0x3000, (%%rsp)\n\tandl $~0x200, (%%rsp)\n\tpopf\n\t"
                     "pushf\n\tpop %0"
                     : "=r"(flags)
                     :
                     : "cc");
#else
    __asm__ volatile("pushf\n\torl $0x3000, (%%esp)\n\tandl $~0x200, (%%esp)\n\tpopf\n\t"
                     "pushf\n\tpop %0"
                     : "=r"(flags)
                     :
                     : "cc");
#endif
    put("IOPL after popf: ");
    put_dec((long)(flags >> 12) & 3);
    put("\nIF after popf: ");
    put_dec((long)(flags >> 9) & 1);
    put("\n");
    __asm__ volatile("cli");
}

static const struct {
    const char *name;
    void (*run)(void);
} traps[] = {
    {"ud2", do_ud2},     {"int3", do_int3}, {"div0", do_div0},
    {"divov", do_divov}, {"into", do_into}, {"farjmp", do_farjmp},
    {"ldseg", do_ldseg}, {"iret", do_iret}, {"popf", do_popf},
};

int main(int argc, char **argv)
{
    for (size_t i = 0; argc == 2 && i < sizeof traps / sizeof traps[0]; i++) {
        if (r_streq(argv[1], traps[i].name)) {
            put("raising ");
            put(traps[i].name);
            put("\n");
            traps[i].run();
            put("survived\n");
            return 0;
        }
    }
    put("usage: trap.elf ud2|int3|div0|divov|into|farjmp|ldseg|iret|popf\n");
    return 99;
}
