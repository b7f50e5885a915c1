/* Checking and loading the app: a static ELF32 i386 executable. */
#pragma once

#include <mode/types.h>
#include <stdint.h>

struct elf_image {
    uaddr_t entry;
    uaddr_t phdr; /* where the program headers are in the app's memory */
    uint32_t phent, phnum;
    uaddr_t end;  /* the end of the highest segment: where brk starts */
    word_t pages; /* the pages its segments span (shared ones counted twice) */
};

/* Why the image cannot run, or NULL when it can. Pure: reads only the image. */
const char *elf_check(const void *image, uint32_t size);
/* Map a checked image's segments into the app's memory: 0 or -ENOMEM. */
int elf_load(const void *image, uint32_t size, struct elf_image *out);
