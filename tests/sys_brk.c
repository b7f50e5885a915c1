/* Proves brk (45) follows Linux: brk(0) reports the break, growing returns the new break
 * with zeroed, writable memory, shrinking works, and an impossible request (into the kernel,
 * below the start, or beyond RAM) fails by returning the old break unchanged. */
#include "raw.h"

static long brk_at(uintptr_t addr)
{
    return sys1(__NR_brk, addr);
}

/* Print a break relative to the initial one, since its absolute place may vary. */
static void show_rel(const char *what, long r, uintptr_t base)
{
    put(what);
    put(" = base");
    long d = (long)((uintptr_t)r - base);
    if (d >= 0)
        put("+");
    put_dec(d);
    put("\n");
}

int main(void)
{
    uintptr_t base = (uintptr_t)brk_at(0);
    fact("initial break above 64 KiB and below 0xc0000000", base >= 0x10000 && base < KERNEL_LO);
    show_rel("brk(0) again", brk_at(0), base);
    show_rel("brk(base+64K)", brk_at(base + 0x10000), base);

    volatile uint8_t *mem = (volatile uint8_t *)(uintptr_t)base;
    int zero = 1;
    for (uintptr_t i = 0; i < 0x10000; i++)
        zero &= mem[i] == 0;
    fact("new memory reads as zero", zero);
    for (uintptr_t i = 0; i < 0x10000; i += 512)
        mem[i] = (uint8_t)i;
    mem[0xffff] = 0x5a;
    fact("new memory is writable", mem[0xffff] == 0x5a && mem[512] == 0);

    show_rel("brk(base+1)", brk_at(base + 1), base);
    show_rel("brk(0) after shrink", brk_at(0), base);
    show_rel("brk(base+8K)", brk_at(base + 0x2000), base);
    fact("regrown memory reads as zero", mem[0x1000] == 0);
    show_rel("brk(0xc0000000)", brk_at(KERNEL_LO), base);
    show_rel("brk(0xfffff000)", brk_at(KERNEL_HI), base);
    show_rel("brk(base+512M) (more than RAM)", brk_at(base + 0x20000000), base);
    show_rel("brk(base-64K)", brk_at(base - 0x10000), base);
    show_rel("brk(0) at the end", brk_at(0), base);
    return 0;
}
