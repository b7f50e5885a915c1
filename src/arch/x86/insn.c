/* A decoder for just the instructions that fault in ring 3 because they are privileged. */
#include "arch/x86/insn.h"
#include "kernel/fmt.h"
#include "kernel/uaccess.h"

static int is_prefix(uint8_t b)
{
    return b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3 || b == 0x2E ||
           b == 0x36 || b == 0x3E || b == 0x26 || b == 0x64 || b == 0x65;
}

/* The instructions one opcode byte names: those whose byte, under mask, is op (in is E4 E5 EC
   ED, out E6 E7 EE EF). Names in the entry, not pointers, which took 8 bytes each on x86_64. */
struct op_name {
    uint8_t op, mask;
    char name[8];
};

static const struct op_name one_byte[] = {
    {0xFA, 0xFF, "cli"}, {0xFB, 0xFF, "sti"}, {0xF4, 0xFF, "hlt"},  {0xE4, 0xF6, "in"},
    {0xE6, 0xF6, "out"}, {0x6C, 0xFE, "ins"}, {0x6E, 0xFE, "outs"},
};

static const struct op_name after_0f[] = {
    {0x06, 0xFF, "clts"},  {0x07, 0xFF, "sysret"}, {0x08, 0xFF, "invd"},  {0x09, 0xFF, "wbinvd"},
    {0x30, 0xFF, "wrmsr"}, {0x32, 0xFF, "rdmsr"},  {0x33, 0xFF, "rdpmc"}, {0x35, 0xFF, "sysexit"},
};

static const char *lookup(const struct op_name *t, size_t n, uint8_t b)
{
    for (; n; t++, n--)
        if ((b & t->mask) == t->op)
            return t->name;
    return 0;
}

/* After 0x0F; rex is the REX prefix (x86_64), 0 if none: its R bit extends ModRM.reg (cr8). */
static const char *decode_0f(const uint8_t *p, uint8_t rex, char *buf, size_t size)
{
    uint8_t modrm = p[1], mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
    static const char grp7[8][7] = {"sgdt", "sidt", "lgdt", "lidt", "smsw", "", "lmsw", "invlpg"};
    static const char grp6[4][5] = {"sldt", "str", "lldt", "ltr"};
    if (p[0] == 0x00)
        return reg < 4 ? grp6[reg] : 0;
    if (p[0] == 0x01) {
        if (mod == 3 && reg == 7 && rm == 0)
            return "swapgs";
        return (mod == 3 && reg != 4 && reg != 6) || reg == 5 ? 0 : grp7[reg];
    }
    if ((p[0] & 0xFC) == 0x20) { /* 0x20-0x23 */
        ksnprintf(buf, size, "mov %s %s%u", p[0] & 2 ? "to" : "from", p[0] & 1 ? "dr" : "cr",
                  reg | (rex & 4u) << 1);
        return buf;
    }
    return lookup(after_0f, sizeof(after_0f) / sizeof(after_0f[0]), p[0]);
}

const char *insn_privileged(uaddr_t eip, char *buf, size_t size)
{
    uint8_t code[16] = {0};
    size_t n = sizeof(code);
    while (n && copy_from_user(code, eip, n)) /* the instruction may end at an unmapped page */
        n--;
    size_t i = 0;
    while (i < n && is_prefix(code[i]))
        i++;
    uint8_t rex = 0;
#ifdef __x86_64__
    if (i < n && (code[i] & 0xF0) == 0x40) /* REX: only last, right before the opcode */
        rex = code[i++];
#endif
    if (i >= n)
        return 0;
    const uint8_t *p = &code[i];
    if (p[0] == 0xCD) {
        ksnprintf(buf, size, "int $0x%02x", p[1]);
        return buf;
    }
    if (p[0] == 0x0F)
        return i + 1 < n ? decode_0f(p + 1, rex, buf, size) : 0;
    return lookup(one_byte, sizeof(one_byte) / sizeof(one_byte[0]), p[0]);
}
