/* The ELF32 structures and constants that the loader reads. */
#pragma once

#include <stdint.h>

#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define ET_EXEC 2
#define ET_DYN 3
#define EM_386 3
#define EM_486 6 /* Linux i386 loads it too (elf_check_arch) */
#define MAX_PHNUM 64

struct elf32_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

_Static_assert(sizeof(struct elf32_ehdr) == 52, "ELF header");
_Static_assert(sizeof(struct elf32_phdr) == 32, "program header");

static inline const struct elf32_phdr *elf_phdrs(const void *image)
{
    const struct elf32_ehdr *eh = image;
    return (const struct elf32_phdr *)((const uint8_t *)image + eh->phoff);
}
