/* A decoder for just the instructions that fault in ring 3 because they are privileged. */
#include "arch/x86/insn.h"
#include "kernel/fmt.h"
#include "kernel/uaccess.h"

static int is_prefix(uint8_t b)
{
    return b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3 || b == 0x2E ||
           b == 0x36 || b == 0x3E || b == 0x26 || b == 0x64 || b == 0x65;
}

/* After 0x0F; rex is the REX prefix (x86_64), 0 if none: its R bit extends ModRM.reg (cr8). */
static const char *decode_0f(const uint8_t *p, uint8_t rex, char *buf, size_t size)
{
    uint8_t modrm = p[1], mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
    static const char *const grp7[8] = {"sgdt", "sidt", "lgdt", "lidt",
                                        "smsw", 0,      "lmsw", "invlpg"};
    static const char *const grp6[8] = {"sldt", "str", "lldt", "ltr", 0, 0, 0, 0};
    switch (p[0]) {
    case 0x00:
        return grp6[reg];
    case 0x01:
        if (mod == 3 && reg == 7 && rm == 0)
            return "swapgs";
        return mod == 3 && reg != 4 && reg != 6 ? 0 : grp7[reg];
    case 0x06:
        return "clts";
    case 0x07:
        return "sysret";
    case 0x08:
        return "invd";
    case 0x09:
        return "wbinvd";
    case 0x30:
        return "wrmsr";
    case 0x32:
        return "rdmsr";
    case 0x33:
        return "rdpmc";
    case 0x35:
        return "sysexit";
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
        ksnprintf(buf, size, "mov %s %s%u", p[0] & 2 ? "to" : "from", p[0] & 1 ? "dr" : "cr",
                  reg | (rex & 4u) << 1);
        return buf;
    }
    return 0;
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
    switch (p[0]) {
    case 0xFA:
        return "cli";
    case 0xFB:
        return "sti";
    case 0xF4:
        return "hlt";
    case 0xE4:
    case 0xE5:
    case 0xEC:
    case 0xED:
        return "in";
    case 0xE6:
    case 0xE7:
    case 0xEE:
    case 0xEF:
        return "out";
    case 0x6C:
    case 0x6D:
        return "ins";
    case 0x6E:
    case 0x6F:
        return "outs";
    case 0xCD:
        ksnprintf(buf, size, "int $0x%02x", p[1]);
        return buf;
    case 0x0F:
        return i + 1 < n ? decode_0f(p + 1, rex, buf, size) : 0;
    }
    return 0;
}
