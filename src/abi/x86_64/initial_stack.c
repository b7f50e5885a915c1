/* The app's initial stack as Linux x86_64 lays it out (binfmt_elf's create_elf_tables): at the
   stack pointer, 16-byte aligned, argc, argv[], NULL, envp[], NULL and the auxiliary vector up
   to AT_NULL, all 8-byte words; above them AT_RANDOM's 16 bytes, AT_PLATFORM's "x86_64" and
   the strings. */
#include "abi/x86_64/sigframe.h"
#include "abi/x86_64/vdso.h"
#include "arch/x86/cpu.h"
#include "kernel/abi.h"
#include "kernel/cred.h"
#include "kernel/elf.h"
#include "kernel/exec.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"

/* clang-format off */
enum {
    AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
    AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
    AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25,
    AT_HWCAP2 = 26, AT_EXECFN = 31, AT_SYSINFO_EHDR = 33, AT_MINSIGSTKSZ = 51,
};
/* clang-format on */
#define HWCAP2_FSGSBASE (1u << 1) /* the app may use rdfsbase and its kin */
#define CR4_FSGSBASE (1u << 16)

struct stack_builder {
    uint64_t sp;
    int failed;
    uint64_t clash; /* a page of the stack that something else (a segment) already holds */
};

static uint64_t push(struct stack_builder *b, const void *data, uint64_t len)
{
    b->sp -= len;
    if (copy_to_user(b->sp, data, len)) {
        b->failed = 1;
        for (uint64_t p = b->sp & PAGE_MASK; p - (b->sp & PAGE_MASK) < len; p += PAGE_SIZE)
            if (!b->clash && vm_mapped(p))
                b->clash = p;
    }
    return b->sp;
}

/* Push the strings, last first (w[0] lowest). */
static void push_strings(struct stack_builder *b, int n, char *const w[])
{
    for (int i = n - 1; i >= 0; i--)
        push(b, w[i], strlen(w[i]) + 1);
}

/* Push their user addresses, last first, from the end of where push_strings put them: no
   array holds them, however many execve gives. */
static void push_pointers(struct stack_builder *b, int n, char *const w[], uint64_t end)
{
    for (int i = n - 1; i >= 0; i--) {
        end -= (uint64_t)strlen(w[i]) + 1;
        push(b, &end, sizeof(end));
    }
}

uaddr_t abi_initial_stack(uaddr_t top, const char *execfn, int argc, char *const argv[], int envc,
                          char *const envp[], const struct elf_image *img, uaddr_t *clash)
{
    struct stack_builder b = {top, 0, 0};
    uint64_t at_execfn = push(&b, execfn, strlen(execfn) + 1), envp_end = b.sp;
    push_strings(&b, envc, envp);
    uint64_t argv_end = b.sp;
    push_strings(&b, argc, argv);
    mm.arg_start = b.sp, mm.arg_end = mm.env_start = argv_end, mm.env_end = envp_end;
    b.sp &= ~(uint64_t)15; /* Linux's arch_align_stack (exec.c has randomised top already) */
    uint64_t at_platform = push(&b, "x86_64", 7);
    uint32_t random[4];
    for (int i = 0; i < 4; i++)
        random[i] = cpu_random_u32();
    uint64_t at_random = push(&b, random, sizeof(random));

    /* In Linux's order: ARCH_DLINFO's entries first, then create_elf_tables' own. The keys
       are a table of bytes, each paired below with the value in its place in values (21 pairs
       of 8-byte words, each word written by an instruction of its own, took 176 bytes more). */
    /* clang-format off */
    static const uint8_t keys[] = {
        AT_SYSINFO_EHDR, AT_MINSIGSTKSZ,
        AT_HWCAP,     AT_PAGESZ,   AT_CLKTCK,
        AT_PHDR,      AT_PHENT,    AT_PHNUM,
        AT_BASE,      AT_FLAGS,    AT_ENTRY,
        AT_UID,       AT_EUID,     AT_GID,
        AT_EGID,      AT_SECURE,   AT_RANDOM,
        AT_HWCAP2,
        AT_EXECFN,
        AT_PLATFORM,
        AT_NULL,
    };
    const uint64_t values[sizeof(keys)] = {
        vdso_base, sigframe_max_size(),
        cpu.hwcap,    PAGE_SIZE,   100,
        img->phdr,    img->phent,  img->phnum,
        0,            0,           img->entry,
        cred.uid,     cred.euid,   cred.gid,
        cred.egid,    cred.secureexec, at_random,
        read_cr4() & CR4_FSGSBASE ? HWCAP2_FSGSBASE : 0,
        at_execfn,
        at_platform,
        0,
    };
    /* clang-format on */
    /* built where /proc/self/auxv reads it, and pushed from there */
    word_t(*auxv)[2] = (word_t(*)[2])mm.saved_auxv;
    _Static_assert(sizeof(word_t) == 8, "the auxiliary vector's words");
    _Static_assert(sizeof(keys) * 16 <= sizeof(mm.saved_auxv), "auxv is kept whole");
    for (uint32_t i = 0; i < sizeof(keys); i++)
        auxv[i][0] = keys[i], auxv[i][1] = values[i];
    uint64_t words = 1 + (uint64_t)(argc + 1 + envc + 1) + sizeof(keys) * 2;
    b.sp = ((b.sp - words * 8) & ~(uint64_t)15) + words * 8; /* argc lands 16-byte aligned */
    uint64_t null = 0, uargc = (uint64_t)argc;
    push(&b, auxv, sizeof(keys) * 16);
    push(&b, &null, 8);
    push_pointers(&b, envc, envp, envp_end);
    push(&b, &null, 8);
    push_pointers(&b, argc, argv, argv_end);
    push(&b, &uargc, 8);
    *clash = b.clash;
    return b.failed ? 0 : b.sp;
}
