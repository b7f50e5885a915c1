/* The x86_64 ABI's executables: ELF64 for EM_X86_64, the structures and constants the loader
   (kernel/elf.c, kernel/elf_load.c) reads, under the same width-free names as i386's ELF32. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define MAX_PHNUM 64
#define ELF_CLASS 2 /* ELFCLASS64 */

/* The loader's refusals that name the ABI (kernel/elf.c). */
#define ELF_REFUSE_CLASS "not a 64-bit ELF (ELFCLASS64 needed)"
#define ELF_REFUSE_MACHINE "not an x86_64 executable (e_machine is not EM_X86_64)"
#define ELF_REFUSE_TOP "segment beyond user space (at or above 0x7ffffffff000)"

static inline bool elf_machine_ok(uint16_t machine)
{
    return machine == EM_X86_64; /* Linux x86_64's elf_check_arch */
}

struct elf_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

/* ELF64 moves flags up beside type, so that the 64-bit fields stay aligned. */
struct elf_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

_Static_assert(sizeof(struct elf_ehdr) == 64, "ELF header");
_Static_assert(sizeof(struct elf_phdr) == 56, "program header");

static inline const struct elf_phdr *elf_phdrs(const void *image)
{
    const struct elf_ehdr *eh = image;
    return (const struct elf_phdr *)((const uint8_t *)image + eh->phoff);
}
