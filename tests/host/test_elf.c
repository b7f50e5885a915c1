/*
 * test_elf.c: proves the loader's check (src/kernel/elf.c, built natively) takes a static
 * ELF32 i386 executable and refuses each defect with its own reason: every refusal elf.c can
 * return is met by some case here (the test reads elf.c to know them), and the edges of user
 * space, W^X and the header's fields are each tried from both sides.
 *
 * Each case spoils one thing in the same good image, as tests/mkbad.py does for the boots
 * that prove the refusal reaches the console (tests/loader_*.expect).
 */
#include "abi/i386/elf_format.h"
#include "kernel/elf.h"
#include <mode/layout.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE 0x08048000u
#define ROOM 64 /* program headers the table has room for: MAX_PHNUM */
#define CODE (sizeof(struct elf_ehdr) + ROOM * sizeof(struct elf_phdr))
#define PT_NOTE 4
#define PT_GNU_STACK 0x6474E551u
#define EM_X86_64 62

/* The file: an ELF header, room for ROOM program headers, then a few bytes of "code". */
static union {
    uint8_t bytes[4096];
    struct elf_ehdr eh;
} im;
static uint32_t size;

static struct elf_phdr *ph(int i)
{
    return (struct elf_phdr *)(im.bytes + im.eh.phoff) + i;
}

/* One PT_LOAD, read and execute, mapping the whole file at BASE; the entry is its code. */
static void good(void)
{
    memset(&im, 0, sizeof(im));
    memcpy(im.eh.ident,
           "\x7f"
           "ELF\x01\x01\x01",
           7);
    im.eh.type = ET_EXEC;
    im.eh.machine = EM_386;
    im.eh.version = 1;
    im.eh.entry = BASE + CODE;
    im.eh.phoff = sizeof(struct elf_ehdr);
    im.eh.ehsize = sizeof(struct elf_ehdr);
    im.eh.phentsize = sizeof(struct elf_phdr);
    im.eh.phnum = 1;
    size = CODE + 16;
    memset(im.bytes + CODE, 0x90, 16);
    *ph(0) = (struct elf_phdr){PT_LOAD, 0, BASE, BASE, size, size, PF_R | PF_X, 0x1000};
}

/* Another program header after the ones there are. */
static void add(uint32_t type, uint32_t vaddr, uint32_t memsz, uint32_t flags)
{
    *ph(im.eh.phnum++) = (struct elf_phdr){type, 0, vaddr, vaddr, 0, memsz, flags, 0x1000};
}

/* The first segment moved to vaddr, the entry with it. */
static void move(uint32_t vaddr)
{
    ph(0)->vaddr = ph(0)->paddr = vaddr;
    im.eh.entry = vaddr + CODE;
}

/* The spoilers: each changes one thing in the good image. One to a line, as a table. */
/* clang-format off */
static void nothing(void) {}
static void em486(void) { im.eh.machine = EM_486; }
static void at_user_min(void) { move(USER_MIN); }
static void up_to_kernel(void) { move(USER_TOP - 0x1000); ph(0)->memsz = 0x1000; }
static void empty_segment_anywhere(void) { add(PT_LOAD, 0, 0, PF_R | PF_W | PF_X); }
static void other_segments(void)
{
    add(PT_NOTE, 0, 16, PF_R);
    add(PT_GNU_STACK, 0, 0, PF_R | PF_W | PF_X); /* not loaded: W^X is not its business */
}
static void data_next_page(void) { add(PT_LOAD, BASE + 0x1000, 0x100, PF_R | PF_W); }
static void data_page_before(void) { add(PT_LOAD, BASE - 0x100, 0x100, PF_R | PF_W); }
static void max_phnum(void)
{
    while (im.eh.phnum < MAX_PHNUM)
        add(PT_NOTE, 0, 0, PF_R);
}
static void not_elf(void) { memcpy(im.bytes, "This is a text file", 19); }
static void empty(void) { size = 0; }
static void magic_only(void) { size = 4; }
static void short_header(void) { size = 20; }
static void class64(void) { im.eh.ident[4] = 2; }
static void big_endian(void) { im.eh.ident[5] = 2; }
static void machine(void) { im.eh.machine = EM_X86_64; }
static void et_dyn(void) { im.eh.type = ET_DYN; }
static void et_rel(void) { im.eh.type = 1; }
static void phentsize(void) { im.eh.phentsize = 40; }
static void no_phdrs(void) { im.eh.phnum = 0; }
static void too_many_phdrs(void) { max_phnum(); im.eh.phnum++; }
static void phoff_past_end(void) { im.eh.phoff = size + 4; }
static void phdrs_run_past_end(void) { im.eh.phoff = size - 16; }
static void phoff_wraps(void) { im.eh.phoff = 0xFFFFFFF0u; }
static void phoff_misaligned(void)
{
    memmove(im.bytes + 54, im.bytes + 52, sizeof(struct elf_phdr));
    im.eh.phoff = 54;
}
static void interp(void) { add(PT_INTERP, BASE + CODE, 19, PF_R); }
static void filesz_over_memsz(void) { ph(0)->memsz = ph(0)->filesz - 1; }
static void truncated(void) { size -= 8; }
static void offset_past_end(void) { ph(0)->offset = size + 0x1000; ph(0)->filesz = 0; }
static void at_null(void) { move(0); }
static void at_low(void) { move(0x1000); }
static void at_low_edge(void) { move(USER_MIN - 0x1000); }
static void at_kernel(void) { move(USER_TOP); }
static void at_top_page(void) { move(0xFFFFF000u); }
static void into_kernel(void) { move(USER_TOP - 0x1000); ph(0)->memsz = 0x2000; }
static void wraps(void) { ph(0)->memsz = 0xFFFFF000u; }
static void only_a_note(void) { ph(0)->type = PT_NOTE; }
static void only_empty_load(void) { ph(0)->memsz = ph(0)->filesz = 0; }
static void wx(void) { ph(0)->flags |= PF_W; }
static void wx_shared(void) { add(PT_LOAD, BASE + 0x800, 0x100, PF_R | PF_W); }
static void wx_shared_before(void) { add(PT_LOAD, BASE - 0x100, 0x101, PF_R | PF_W); }
static void entry_low(void) { im.eh.entry = USER_MIN - 1; }
static void entry_kernel(void) { im.eh.entry = USER_TOP; }
/* clang-format on */

#define OUTSIDE "segment overlaps the kernel (at or above 0xc0000000)"
#define LOW "segment in the lowest 64 KiB, which is never mapped"
#define BAD_PHDRS "bad program header table"
#define PHDRS_PAST "program headers beyond the end of the file"
#define ENTRY "entry point outside user space"

static const struct {
    const char *name;
    void (*spoil)(void);
    const char *why; /* the refusal expected; NULL: the image is taken */
} cases[] = {
    {"good", nothing, NULL},
    {"e_machine EM_486, as Linux's elf_check_arch", em486, NULL},
    {"a segment at the lowest mappable page", at_user_min, NULL},
    {"a segment ending where the kernel starts", up_to_kernel, NULL},
    {"an empty PT_LOAD at 0, never mapped", empty_segment_anywhere, NULL},
    {"PT_NOTE and an RWX PT_GNU_STACK", other_segments, NULL},
    {"data in the page after the code's", data_next_page, NULL},
    {"data ending just below the code's page", data_page_before, NULL},
    {"MAX_PHNUM program headers", max_phnum, NULL},
    {"a text file", not_elf, "not an ELF file"},
    {"an empty file", empty, "not an ELF file"},
    {"the magic alone", magic_only, "truncated ELF header"},
    {"20 bytes of header", short_header, "truncated ELF header"},
    {"ELFCLASS64", class64, "not a 32-bit ELF (ELFCLASS32 needed)"},
    {"ELFDATA2MSB", big_endian, "not little-endian"},
    {"EM_X86_64", machine, "not an i386 executable (e_machine is neither EM_386 nor EM_486)"},
    {"ET_DYN", et_dyn, "position-independent (ET_DYN); link it with -static -no-pie"},
    {"ET_REL", et_rel, "not an executable (ET_EXEC needed)"},
    {"e_phentsize 40", phentsize, BAD_PHDRS},
    {"no program headers", no_phdrs, BAD_PHDRS},
    {"MAX_PHNUM + 1 program headers", too_many_phdrs, BAD_PHDRS},
    {"e_phoff past the end", phoff_past_end, PHDRS_PAST},
    {"program headers running past the end", phdrs_run_past_end, PHDRS_PAST},
    {"e_phoff near 4 GiB", phoff_wraps, PHDRS_PAST},
    {"e_phoff not a multiple of 4", phoff_misaligned, "misaligned program headers"},
    {"PT_INTERP", interp, "dynamically linked (has PT_INTERP); link it with -static"},
    {"p_filesz over p_memsz", filesz_over_memsz, "segment's file size exceeds its memory size"},
    {"the file cut short", truncated, "segment beyond the end of the file"},
    {"p_offset past the end", offset_past_end, "segment beyond the end of the file"},
    {"a segment at 0", at_null, LOW},
    {"a segment at 0x1000", at_low, LOW},
    {"a segment at 0xf000", at_low_edge, LOW},
    {"a segment at 0xc0000000", at_kernel, OUTSIDE},
    {"a segment at 0xfffff000", at_top_page, OUTSIDE},
    {"a segment running into the kernel", into_kernel, OUTSIDE},
    {"a segment wrapping past 4 GiB", wraps, OUTSIDE},
    {"only a PT_NOTE", only_a_note, "no loadable segment"},
    {"only an empty PT_LOAD", only_empty_load, "no loadable segment"},
    {"a writable and executable segment", wx, "segment is both writable and executable (W^X)"},
    {"data in the code's page", wx_shared,
     "a writable and an executable segment share a page (W^X)"},
    {"data ending in the code's first page", wx_shared_before,
     "a writable and an executable segment share a page (W^X)"},
    {"an entry below 64 KiB", entry_low, ENTRY},
    {"an entry in the kernel", entry_kernel, ENTRY},
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* Every reason elf.c can give: the string after each `return "` in its source. */
static int reasons(char found[][128], int max)
{
    FILE *f = fopen(ELF_SOURCE, "r");
    char line[512];
    int n = 0;
    if (!f) {
        printf("FAIL: cannot read %s\n", ELF_SOURCE);
        exit(1);
    }
    while (fgets(line, sizeof(line), f) && n < max) {
        char *s = strstr(line, "return \"");
        char *end = s ? strchr(s + 8, '"') : NULL;
        if (end) {
            snprintf(found[n], sizeof(found[n]), "%.*s", (int)(end - s - 8), s + 8);
            n++;
        }
    }
    fclose(f);
    return n;
}

int main(void)
{
    int failures = 0;
    for (unsigned i = 0; i < NCASES; i++) {
        good();
        cases[i].spoil();
        uint8_t *file = malloc(size ? size : 1); /* exactly the file: no reading past it */
        memcpy(file, im.bytes, size);
        const char *why = elf_check((const struct elf_ehdr *)file, elf_phdrs(file), size);
        free(file);
        if (why == cases[i].why || (why && cases[i].why && !strcmp(why, cases[i].why)))
            continue;
        failures++;
        printf("FAIL %s:\n  expected: %s\n  actual:   %s\n", cases[i].name,
               cases[i].why ? cases[i].why : "(taken)", why ? why : "(taken)");
    }
    char found[64][128];
    int n = reasons(found, 64);
    for (int r = 0; r < n; r++) {
        unsigned i = 0;
        while (i < NCASES && !(cases[i].why && !strcmp(cases[i].why, found[r])))
            i++;
        if (i == NCASES) {
            failures++;
            printf("FAIL: no case meets elf.c's refusal \"%s\"\n", found[r]);
        }
    }
    if (n < 10) {
        failures++;
        printf("FAIL: only %d refusals found in %s\n", n, ELF_SOURCE);
    }
    printf("test_elf: %u cases, %d refusals in elf.c, %d failures\n", (unsigned)NCASES, n,
           failures);
    return failures != 0;
}
