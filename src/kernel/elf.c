/* The ELF check: refuses anything but a static ET_EXEC of the ABI's class and machine (ELF32
   i386, ELF64 x86_64) that fits in user space and keeps W^X. Pure (it reads only the image),
   so tests/host/test_elf.c runs it natively. The refusals that name the ABI are its
   elf_format.h's. */
#include "kernel/elf.h"
#include "kernel/abi.h"
#include <mode/layout.h>

static const char *check_header(const struct elf_ehdr *eh, uint32_t size)
{
    if (size < 4 || eh->ident[0] != 0x7F || eh->ident[1] != 'E' || eh->ident[2] != 'L' ||
        eh->ident[3] != 'F')
        return "not an ELF file";
    if (size < sizeof(*eh))
        return "truncated ELF header";
    if (eh->ident[4] != ELF_CLASS)
        return ELF_REFUSE_CLASS;
    if (eh->ident[5] != 1)
        return "not little-endian";
    if (!elf_machine_ok(eh->machine))
        return ELF_REFUSE_MACHINE;
    if (eh->type == ET_DYN)
        return "position-independent (ET_DYN); link it with -static -no-pie";
    if (eh->type != ET_EXEC)
        return "not an executable (ET_EXEC needed)";
    if (eh->phentsize != sizeof(struct elf_phdr) || eh->phnum == 0 || eh->phnum > MAX_PHNUM)
        return "bad program header table";
    if (eh->phoff > size || (uint32_t)eh->phnum * sizeof(struct elf_phdr) > size - eh->phoff)
        return "program headers beyond the end of the file";
    if (eh->phoff % 4)
        return "misaligned program headers";
    return 0;
}

/* W^X: no page may end up both writable and executable, whether one segment asks for it
   or two segments share a page. */
static const char *check_wx(const struct elf_phdr *ph, int n)
{
    for (int i = 0; i < n; i++) {
        if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
            continue;
        if ((ph[i].flags & PF_W) && (ph[i].flags & PF_X))
            return "segment is both writable and executable (W^X)";
        uaddr_t a0 = ph[i].vaddr >> 12, a1 = (ph[i].vaddr + ph[i].memsz - 1) >> 12;
        for (int j = i + 1; j < n; j++) {
            if (ph[j].type != PT_LOAD || ph[j].memsz == 0)
                continue;
            uaddr_t b0 = ph[j].vaddr >> 12, b1 = (ph[j].vaddr + ph[j].memsz - 1) >> 12;
            uint32_t fl = ph[i].flags | ph[j].flags;
            if (a0 <= b1 && b0 <= a1 && (fl & PF_W) && (fl & PF_X))
                return "a writable and an executable segment share a page (W^X)";
        }
    }
    return 0;
}

const char *elf_check(const struct elf_ehdr *eh, const struct elf_phdr *phdrs, uint32_t size)
{
    const char *why = check_header(eh, size);
    if (why)
        return why;
    int loads = 0;
    const struct elf_phdr *ph = phdrs;
    for (int i = 0; i < eh->phnum; i++, ph++) {
        if (ph->type == PT_INTERP)
            return "dynamically linked (has PT_INTERP); link it with -static";
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        loads++;
        if (ph->filesz > ph->memsz)
            return "segment's file size exceeds its memory size";
        if (ph->offset > size || ph->filesz > size - ph->offset)
            return "segment beyond the end of the file";
        if (ph->vaddr < USER_MIN)
            return "segment in the lowest 64 KiB, which is never mapped";
        if (ph->vaddr >= USER_TOP || ph->memsz > USER_TOP - ph->vaddr)
            return ELF_REFUSE_TOP;
    }
    if (!loads)
        return "no loadable segment";
    if ((why = check_wx(phdrs, eh->phnum)))
        return why;
    if (eh->entry < USER_MIN || eh->entry >= USER_TOP)
        return "entry point outside user space";
    return 0;
}
