/* The app's initial stack as Linux i386 lays it out (binfmt_elf's create_elf_tables): at the
   stack pointer argc, argv[], NULL, envp[], NULL and the auxiliary vector up to AT_NULL, with
   the strings, AT_RANDOM's 16 bytes and AT_PLATFORM's "i686" above them. */
#include "abi/i386/sigframe.h"
#include "abi/i386/vsyscall.h"
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
    AT_NULL = 0, AT_IGNORE = 1, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
    AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
    AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25,
    AT_EXECFN = 31, AT_SYSINFO = 32, AT_MINSIGSTKSZ = 51,
};
/* clang-format on */

struct stack_builder {
    uint32_t sp;
    int failed;
    uint32_t clash; /* a page of the stack that something else (a segment) already holds */
};

static uint32_t push(struct stack_builder *b, const void *data, uint32_t len)
{
    b->sp -= len;
    if (copy_to_user(b->sp, data, len)) {
        b->failed = 1;
        for (uint32_t p = b->sp & PAGE_MASK; p - (b->sp & PAGE_MASK) < len; p += PAGE_SIZE)
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
static void push_pointers(struct stack_builder *b, int n, char *const w[], uint32_t end)
{
    for (int i = n - 1; i >= 0; i--) {
        end -= (uint32_t)strlen(w[i]) + 1;
        push(b, &end, sizeof(end));
    }
}

uaddr_t abi_initial_stack(uaddr_t top, const char *execfn, int argc, char *const argv[], int envc,
                          char *const envp[], const struct elf_image *img, uaddr_t *clash)
{
    struct stack_builder b = {top, 0, 0};
    uint32_t random[4];
    for (int i = 0; i < 4; i++)
        random[i] = cpu_random_u32();
    uint32_t at_random = push(&b, random, sizeof(random));
    uint32_t at_platform = push(&b, "i686", 5);
    uint32_t at_execfn = push(&b, execfn, strlen(execfn) + 1), envp_end = b.sp;
    push_strings(&b, envc, envp);
    uint32_t argv_end = b.sp;
    push_strings(&b, argc, argv);
    mm.arg_start = b.sp, mm.arg_end = mm.env_start = argv_end, mm.env_end = envp_end;

    /* clang-format off */
    uint32_t auxv[][2] = {
        {AT_PHDR, img->phdr},     {AT_PHENT, img->phent},   {AT_PHNUM, img->phnum},
        {AT_PAGESZ, PAGE_SIZE},   {AT_BASE, 0},             {AT_FLAGS, 0},
        {AT_ENTRY, img->entry},   {AT_UID, cred.uid},              {AT_EUID, cred.euid},
        {AT_GID, cred.gid},              {AT_EGID, cred.egid},             {AT_PLATFORM, at_platform},
        {AT_HWCAP, cpu.hwcap},    {AT_CLKTCK, 100},         {AT_SECURE, cred.secureexec},
        {AT_RANDOM, at_random},   {AT_EXECFN, at_execfn},
        {AT_MINSIGSTKSZ, sigframe_max_size()},
        /* sysenter through __kernel_vsyscall; without SEP, musl keeps to int $0x80 */
        {cpu.sep ? AT_SYSINFO : AT_IGNORE, vsyscall_addr(VSYSCALL_KERNEL_VSYSCALL)},
        {AT_NULL, 0},
    };
    /* clang-format on */
    uint32_t words = 1 + (uint32_t)(argc + 1 + envc + 1) + sizeof(auxv) / 4;
    b.sp = ((b.sp - words * 4) & ~15u) + words * 4; /* argc lands 16-byte aligned */
    uint32_t null = 0, uargc = (uint32_t)argc;
    _Static_assert(sizeof(auxv) <= sizeof(mm.saved_auxv), "auxv is kept whole");
    memcpy(mm.saved_auxv, auxv, sizeof(auxv));
    push(&b, auxv, sizeof(auxv));
    push(&b, &null, 4);
    push_pointers(&b, envc, envp, envp_end);
    push(&b, &null, 4);
    push_pointers(&b, argc, argv, argv_end);
    push(&b, &uargc, 4);
    *clash = b.clash;
    return b.failed ? 0 : b.sp;
}
