/* The i386 ABI's executables: ELF32 for EM_386 (or EM_486), the structures and constants the
   loader (kernel/elf.c, kernel/elf_load.c) reads, under width-free names: an x86_64 ABI
   brings ELF64's under the same ones. */
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
#define EM_386 3
#define EM_486 6 /* Linux i386 loads it too (elf_check_arch) */
#define MAX_PHNUM 64
#define ELF_CLASS 1 /* ELFCLASS32 */

/* The loader's refusals that name the ABI (kernel/elf.c). */
#define ELF_REFUSE_CLASS "not a 32-bit ELF (ELFCLASS32 needed)"
#define ELF_REFUSE_MACHINE "not an i386 executable (e_machine is neither EM_386 nor EM_486)"
#define ELF_REFUSE_TOP "segment overlaps the kernel (at or above 0xc0000000)"

static inline bool elf_machine_ok(uint16_t machine)
{
    return machine == EM_386 || machine == EM_486;
}

struct elf_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

_Static_assert(sizeof(struct elf_ehdr) == 52, "ELF header");
_Static_assert(sizeof(struct elf_phdr) == 32, "program header");

static inline const struct elf_phdr *elf_phdrs(const void *image)
{
    const struct elf_ehdr *eh = image;
    return (const struct elf_phdr *)((const uint8_t *)image + eh->phoff);
}
