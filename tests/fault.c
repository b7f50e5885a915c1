/* Proves a bad memory access from ring 3 kills only the app, with SIGSEGV (status 139):
 * `fault.elf read|write|jump ADDR` touches ADDR (kernel memory, NULL, ...), and the other
 * modes touch pages the app itself made inaccessible (read-only, PROT_NONE, unmapped, freed
 * by brk) or overflow the stack. The kernel must report #PF and keep running. */
#include "raw.h"

static uintptr_t parse_hex(const char *s)
{
    uintptr_t v = 0;
    if (s[0] == '0' && s[1] == 'x')
        s += 2;
    for (; *s; s++)
        v = v * 16 + (uintptr_t)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
    return v;
}

static volatile uint32_t sink;

static void touch(const char *how, uintptr_t addr)
{
    volatile uint32_t *p = (volatile uint32_t *)addr;
    if (r_streq(how, "read"))
        sink = *p;
    else if (r_streq(how, "write"))
        *p = 0x12345678;
    else if (r_streq(how, "jump"))
        ((void (*)(void))addr)();
}

/* Recurse with a big frame so the stack runs out quickly. */
static uint32_t recurse(uint32_t n)
{
    volatile uint8_t frame[4096];
    frame[0] = (uint8_t)n;
    frame[4095] = (uint8_t)n;
    if (n == 0xffffffffu) /* never: keeps GCC from calling the recursion infinite */
        return 0;
    return recurse(n + 1) + frame[0] + frame[4095];
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        put("usage: fault.elf read|write|jump ADDR | ro-write | none-read | unmapped | "
            "brk-freed | stack\n");
        return 99;
    }
    const char *how = argv[1];
    if (argc == 3) {
        uintptr_t addr = parse_hex(argv[2]);
        put(how);
        put(" ");
        put_hex(addr);
        put("\n");
        touch(how, addr);
    } else if (r_streq(how, "ro-write")) {
        uint8_t *p = map_pages(1, R_PROT_READ);
        put("writing a read-only page\n");
        touch("write", (uintptr_t)p);
    } else if (r_streq(how, "none-read")) {
        uint8_t *p = map_pages(1, R_PROT_NONE);
        put("reading a PROT_NONE page\n");
        touch("read", (uintptr_t)p);
    } else if (r_streq(how, "mprotect-write")) {
        uint8_t *p = map_pages(1, R_PROT_READ | R_PROT_WRITE);
        p[0] = 1;
        sys3(__NR_mprotect, p, R_PAGE, R_PROT_READ);
        put("writing a page made read-only by mprotect\n");
        touch("write", (uintptr_t)p);
    } else if (r_streq(how, "unmapped")) {
        uint8_t *p = map_pages(1, R_PROT_READ | R_PROT_WRITE);
        p[0] = 1;
        sys2(__NR_munmap, p, R_PAGE);
        put("reading an unmapped page\n");
        touch("read", (uintptr_t)p);
    } else if (r_streq(how, "brk-freed")) {
        uintptr_t base = (uintptr_t)sys1(__NR_brk, 0);
        uintptr_t top = (base + 0x3000) & ~(uintptr_t)0xfff;
        sys1(__NR_brk, top);
        *(volatile uint8_t *)(top - 1) = 1;
        sys1(__NR_brk, base);
        put("reading memory freed by brk\n");
        touch("read", top - 4);
    } else if (r_streq(how, "stack")) {
        put("overflowing the stack\n");
        sink = recurse(0);
    }
    put("survived\n");
    return 0;
}
