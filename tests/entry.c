/* Proves the app's entry state is Linux's: at _start eax..ebp are zero, EFLAGS is 0x202,
 * esp points at argc, then argv[] NULL envp[] NULL and auxv pairs up to AT_NULL, with
 * AT_PHDR/AT_PHENT/AT_PHNUM describing this ELF's program headers, AT_PAGESZ 4096,
 * AT_ENTRY == _start, 16 readable AT_RANDOM bytes, AT_HWCAP, ids 0 and AT_SECURE 0.
 * Built without libc: its own _start runs first. The x86_64 build checks the same with the
 * lines' names for the full registers (rax..rbp, and r8-r15 zero too; rflags; rsp) and
 * ELF64's headers; its DS and ES may be null, as Linux x86_64 leaves them. */
#include "raw.h"

enum {
    AT_NULL = 0,
    AT_PHDR = 3,
    AT_PHENT = 4,
    AT_PHNUM = 5,
    AT_PAGESZ = 6,
    AT_ENTRY = 9,
    AT_UID = 11,
    AT_EUID = 12,
    AT_GID = 13,
    AT_EGID = 14,
    AT_HWCAP = 16,
    AT_SECURE = 23,
    AT_RANDOM = 25,
};

/* A word of the initial stack and of the auxv: 4 bytes on i386, 8 on x86_64. */
typedef unsigned long word_t;

void _start(void);
void entry_main(word_t *sp) __attribute__((noreturn, used));

#ifdef __x86_64__
/* rax rbx rcx rdx rsi rdi rbp rsp rflags cs ds es ss r8..r15 at entry, stored before anything
 * runs. */
word_t entry_regs[21];

__asm__(".text\n.globl _start\n_start:\n\t"
        "mov %rax, entry_regs+0\n\tmov %rbx, entry_regs+8\n\tmov %rcx, entry_regs+16\n\t"
        "mov %rdx, entry_regs+24\n\tmov %rsi, entry_regs+32\n\tmov %rdi, entry_regs+40\n\t"
        "mov %rbp, entry_regs+48\n\tmov %rsp, entry_regs+56\n\t"
        "pushf\n\tpopq entry_regs+64\n\t"
        "xor %eax, %eax\n\tmov %cs, %ax\n\tmov %rax, entry_regs+72\n\t"
        "mov %ds, %ax\n\tmov %rax, entry_regs+80\n\tmov %es, %ax\n\tmov %rax, entry_regs+88\n\t"
        "mov %ss, %ax\n\tmov %rax, entry_regs+96\n\t"
        "mov %r8, entry_regs+104\n\tmov %r9, entry_regs+112\n\tmov %r10, entry_regs+120\n\t"
        "mov %r11, entry_regs+128\n\tmov %r12, entry_regs+136\n\tmov %r13, entry_regs+144\n\t"
        "mov %r14, entry_regs+152\n\tmov %r15, entry_regs+160\n\t"
        "mov %rsp, %rdi\n\tand $-16, %rsp\n\txor %ebp, %ebp\n\tcall entry_main\n\thlt\n");

struct elf_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
#else
/* eax ebx ecx edx esi edi ebp esp eflags cs ds es ss at entry, stored before anything runs. */
word_t entry_regs[13];

__asm__(".text\n.globl _start\n_start:\n\t"
        "mov %eax, entry_regs+0\n\tmov %ebx, entry_regs+4\n\tmov %ecx, entry_regs+8\n\t"
        "mov %edx, entry_regs+12\n\tmov %esi, entry_regs+16\n\tmov %edi, entry_regs+20\n\t"
        "mov %ebp, entry_regs+24\n\tmov %esp, entry_regs+28\n\t"
        "pushf\n\tpop entry_regs+32\n\t"
        "xor %eax, %eax\n\tmov %cs, %ax\n\tmov %eax, entry_regs+36\n\t"
        "mov %ds, %ax\n\tmov %eax, entry_regs+40\n\tmov %es, %ax\n\tmov %eax, entry_regs+44\n\t"
        "mov %ss, %ax\n\tmov %eax, entry_regs+48\n\t"
        "mov %esp, %eax\n\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\t"
        "xor %ebp, %ebp\n\tcall entry_main\n\thlt\n");

struct elf_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
#endif

static int failures;

static void check(const char *what, int ok)
{
    fact(what, ok);
    failures += !ok;
}

static void check_entry_regs(void)
{
    static const char *const names[] = {"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp"};
    int zero = 1;
    for (int i = 0; i < 7; i++) {
        if (entry_regs[i]) {
            put(names[i]);
            put(" at entry = ");
            put_hex(entry_regs[i]);
            put("\n");
            zero = 0;
        }
    }
#ifdef __x86_64__
    for (int i = 13; i < 21; i++) {
        if (entry_regs[i]) {
            put("r");
            put_udec((unsigned long)(i - 5));
            put(" at entry = ");
            put_hex(entry_regs[i]);
            put("\n");
            zero = 0;
        }
    }
#endif
    check("eax ebx ecx edx esi edi ebp zero at entry", zero);
    if (entry_regs[8] != 0x202) {
        put("eflags at entry = ");
        put_hex(entry_regs[8]);
        put("\n");
    }
    check("eflags 0x202 at entry", entry_regs[8] == 0x202);
#ifdef __x86_64__
    check("cs, ds, es, ss are ring-3 selectors",
          (entry_regs[9] & 3) == 3 && (!entry_regs[10] || (entry_regs[10] & 3) == 3) &&
              (!entry_regs[11] || (entry_regs[11] & 3) == 3) && (entry_regs[12] & 3) == 3);
#else
    check("cs, ds, es, ss are ring-3 selectors",
          (entry_regs[9] & 3) == 3 && (entry_regs[10] & 3) == 3 && (entry_regs[11] & 3) == 3 &&
              (entry_regs[12] & 3) == 3);
#endif
}

/* The auxv's view of the program headers must match the ELF image the loader mapped. */
static void check_phdrs(word_t phdr, word_t phent, word_t phnum)
{
    check("AT_PHENT is the program header's size", phent == sizeof(struct elf_phdr));
    const struct elf_phdr *ph = (const struct elf_phdr *)(uintptr_t)phdr;
    const struct elf_ehdr *eh = 0;
    for (word_t i = 0; phdr && !eh && i < phnum; i++)
        if (ph[i].type == 1 && ph[i].offset == 0 && ph[i].filesz >= sizeof *eh)
            eh = (const struct elf_ehdr *)(uintptr_t)ph[i].vaddr;
    check("a PT_LOAD maps the ELF header", eh != 0);
    check("ELF header magic at that address",
          eh && eh->ident[0] == 0x7f && eh->ident[1] == 'E' && eh->ident[2] == 'L');
    check("AT_PHDR == header + e_phoff", eh && (uintptr_t)eh + eh->phoff == phdr);
    check("AT_PHNUM == e_phnum", eh && eh->phnum == phnum);
    check("e_entry == _start", eh && eh->entry == (uintptr_t)_start);
}

void entry_main(word_t *sp)
{
    check_entry_regs();
    check("esp passed to entry_main is the entry esp", (uintptr_t)sp == entry_regs[7]);
    word_t argc = sp[0];
    char **argv = (char **)&sp[1];
    put("argc = ");
    put_udec(argc);
    put("\n");
    for (word_t i = 1; i < argc; i++) {
        put("argv: ");
        put(argv[i]);
        put("\n");
    }
    check("argv[argc] is NULL", argv[argc] == 0);
    char **envp = argv + argc + 1;
    word_t envc = 0;
    while (envp[envc])
        envc++;
    word_t *auxv = (word_t *)&envp[envc + 1];

    uint32_t seen = 0, pairs = 0;
    word_t val[32] = {0};
    for (; auxv[0] != AT_NULL && pairs < 64; auxv += 2, pairs++) {
        if (auxv[0] < 32) {
            seen |= 1u << auxv[0];
            val[auxv[0]] = auxv[1];
        }
    }
    check("auxv ends with AT_NULL", auxv[0] == AT_NULL);
    static const struct {
        uint32_t type;
        const char *name;
    } needed[] = {{AT_PHDR, "AT_PHDR"},     {AT_PHENT, "AT_PHENT"},   {AT_PHNUM, "AT_PHNUM"},
                  {AT_PAGESZ, "AT_PAGESZ"}, {AT_ENTRY, "AT_ENTRY"},   {AT_UID, "AT_UID"},
                  {AT_EUID, "AT_EUID"},     {AT_GID, "AT_GID"},       {AT_EGID, "AT_EGID"},
                  {AT_HWCAP, "AT_HWCAP"},   {AT_SECURE, "AT_SECURE"}, {AT_RANDOM, "AT_RANDOM"}};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
        if (!(seen & (1u << needed[i].type))) {
            put("missing ");
            put(needed[i].name);
            put("\n");
            failures++;
        }
    }
    check("AT_PAGESZ is 4096", val[AT_PAGESZ] == 4096);
    check("AT_ENTRY is _start", val[AT_ENTRY] == (uintptr_t)_start);
    check("AT_UID AT_EUID AT_GID AT_EGID are 0",
          !val[AT_UID] && !val[AT_EUID] && !val[AT_GID] && !val[AT_EGID]);
    check("AT_SECURE is 0", val[AT_SECURE] == 0);
    check_phdrs(val[AT_PHDR], val[AT_PHENT], val[AT_PHNUM]);
    const volatile uint8_t *rnd = (const volatile uint8_t *)(uintptr_t)val[AT_RANDOM];
    uint32_t sum = 0;
    for (int i = 0; rnd && i < 16; i++)
        sum |= rnd[i];
    check("AT_RANDOM points at 16 readable bytes, not all zero", rnd && sum != 0);
    put(failures ? "entry state WRONG\n" : "entry state ok\n");
    r_exit(failures ? 1 : 0);
    for (;;)
        ;
}
