/* Checking and loading the app: a static ELF32 i386 executable. */
#pragma once

#include "kernel/abi.h"
#include <mode/types.h>
#include <stdint.h>

struct elf_image {
    uaddr_t entry;
    uaddr_t phdr; /* where the program headers are in the app's memory */
    uint32_t phent, phnum;
    uaddr_t end;  /* the end of the highest segment: where brk starts */
    word_t pages; /* the pages its segments span (shared ones counted twice) */
};

/* Why a file of size bytes cannot run, given its ELF header and its program headers (read
   from the file at the header's phoff, once the header says where), or NULL when it can.
   Pure: reads only those. */
const char *elf_check(const struct elf_ehdr *eh, const struct elf_phdr *ph, uint32_t size);
/* Where a checked image's bytes are: in memory (the boot module, or an archive's file in
   place), or in a file of the tree, read through vfs_read. */
struct vnode;
struct elf_source {
    const uint8_t *image;
    struct vnode *node;
};
/* Map a checked image's segments into the app's memory: 0 or -ENOMEM. */
int elf_load(const struct elf_ehdr *eh, const struct elf_phdr *ph, const struct elf_source *src,
             struct elf_image *out);
