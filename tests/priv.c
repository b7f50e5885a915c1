/* Proves every privileged instruction is refused in ring 3: `priv.elf NAME` prints one line
 * and executes instruction NAME, which must kill the app with SIGSEGV (#GP) while the kernel
 * names the instruction on the console and keeps running. The I/O cases use real ports
 * (COM1, the isa-debug-exit port) so a leaked IOPL or I/O bitmap would show. With UMIP, the
 * descriptor-table reads (sgdt, sidt, sldt, smsw, str) are refused too. */
#include "raw.h"

static uint8_t scratch[64];

struct insn {
    const char *name;
    void (*run)(void);
};

#define INSN(n, text, ...)                                                                         \
    static void run_##n(void)                                                                      \
    {                                                                                              \
        __asm__ volatile(text __VA_ARGS__);                                                        \
    }
/* Moves to and from the control and debug registers take a full-width register. */
#ifdef __x86_64__
#define RAX "%%rax"
#define RBX "%%rbx"
#define RCX "%%rcx"
#else
#define RAX "%%eax"
#define RBX "%%ebx"
#define RCX "%%ecx"
#endif
#define IN_OUT(text) : : "d"(0x3f8), "S"(scratch), "D"(scratch), "a"(0), "c"(1) : "memory"
#define ON_MEM(text) : : "m"(scratch) : "memory"

INSN(cli, "cli")
INSN(sti, "sti")
INSN(hlt, "hlt")
INSN(in_imm, "inb $0x60, %%al", IN_OUT())
INSN(in_dx, "inb %%dx, %%al", IN_OUT())
INSN(inw_dx, "inw %%dx, %%ax", IN_OUT())
INSN(inl_imm, "inl $0x70, %%eax", IN_OUT())
INSN(out_imm, "outb %%al, $0x80", IN_OUT())
INSN(out_dx, "movw $0xf4, %%dx\n\toutl %%eax, %%dx", IN_OUT())
INSN(ins, "insb (%%dx), %%es:(%%edi)", IN_OUT())
INSN(outs, "outsb %%ds:(%%esi), (%%dx)", IN_OUT())
INSN(rep_outs, "rep outsb %%ds:(%%esi), (%%dx)", IN_OUT())
INSN(lgdt, "lgdt %0", ON_MEM())
INSN(lidt, "lidt %0", ON_MEM())
INSN(lldt, "xor %%eax, %%eax\n\tlldt %%ax", : : : "eax")
INSN(ltr, "mov $0x28, %%eax\n\tltr %%ax", : : : "eax")
INSN(mov_from_cr0, "mov %%cr0, " RAX, : : : "eax")
INSN(mov_to_cr0, "xor %%eax, %%eax\n\tmov " RAX ", %%cr0", : : : "eax")
INSN(mov_to_cr2, "xor %%eax, %%eax\n\tmov " RAX ", %%cr2", : : : "eax")
INSN(mov_to_cr3, "xor %%eax, %%eax\n\tmov " RAX ", %%cr3", : : : "eax")
INSN(mov_to_cr4, "xor %%eax, %%eax\n\tmov " RAX ", %%cr4", : : : "eax")
INSN(mov_from_cr3, "mov %%cr3, " RBX, : : : "ebx")
INSN(mov_to_dr0, "xor %%eax, %%eax\n\tmov " RAX ", %%db0", : : : "eax")
INSN(mov_from_dr0, "mov %%db0, " RAX, : : : "eax")
INSN(mov_to_dr7, "mov $0x1, %%eax\n\tmov " RAX ", %%db7", : : : "eax")
INSN(mov_from_dr7, "mov %%db7, " RCX, : : : "ecx")
INSN(lmsw, "xor %%eax, %%eax\n\tlmsw %%ax", : : : "eax")
INSN(clts, "clts")
INSN(invd, "invd")
INSN(wbinvd, "wbinvd")
INSN(invlpg, "invlpg %0", ON_MEM())
INSN(rdmsr, "mov $0x10, %%ecx\n\trdmsr", : : : "eax", "ecx", "edx")
INSN(wrmsr, "mov $0x10, %%ecx\n\txor %%eax, %%eax\n\txor %%edx, %%edx\n\twrmsr",
     :
     :
     : "eax", "ecx", "edx")
INSN(rdpmc, "xor %%ecx, %%ecx\n\trdpmc", : : : "eax", "ecx", "edx")
INSN(int21, "int $0x21")
/* UMIP: these only read descriptor-table state, so without UMIP ring 3 may run them. */
INSN(sgdt, "sgdt %0", ON_MEM())
INSN(sidt, "sidt %0", ON_MEM())
INSN(sldt, "sldt %0", ON_MEM())
INSN(smsw, "smsw %0", ON_MEM())
INSN(str, "str %0", ON_MEM())
INSN(int0d, "int $0x0d")
INSN(intff, "int $0xff")

#undef INSN
#define INSN(n) {#n, run_##n},
static const struct insn insns[] = {
    INSN(cli) INSN(sti) INSN(hlt) INSN(in_imm) INSN(in_dx) INSN(inw_dx) INSN(inl_imm) INSN(out_imm)
        INSN(out_dx) INSN(ins) INSN(outs) INSN(rep_outs) INSN(lgdt) INSN(lidt) INSN(lldt) INSN(ltr)
            INSN(mov_from_cr0) INSN(mov_to_cr0) INSN(mov_to_cr2) INSN(mov_to_cr3) INSN(mov_to_cr4)
                INSN(mov_from_cr3) INSN(mov_to_dr0) INSN(mov_from_dr0) INSN(mov_to_dr7)
                    INSN(mov_from_dr7) INSN(lmsw) INSN(clts) INSN(invd) INSN(wbinvd) INSN(invlpg)
                        INSN(rdmsr) INSN(wrmsr) INSN(rdpmc) INSN(int21) INSN(int0d) INSN(intff)
                            INSN(sgdt) INSN(sidt) INSN(sldt) INSN(smsw) INSN(str)};

int main(int argc, char **argv)
{
    for (size_t i = 0; argc == 2 && i < sizeof insns / sizeof insns[0]; i++) {
        if (r_streq(argv[1], insns[i].name)) {
            put("executing ");
            put(insns[i].name);
            put("\n");
            insns[i].run();
            put("survived\n");
            return 0;
        }
    }
    put("usage: priv.elf INSTRUCTION\n");
    return 99;
}
