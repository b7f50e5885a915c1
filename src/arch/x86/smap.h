/* stac/clac around the kernel's own accesses to user memory (SMAP). On a CPU without SMAP
   the instructions do not exist: cpu_init() patches every site to a 3-byte NOP. Each site is
   listed in .smap_sites as its distance from its entry there, 4 bytes on either width (an
   address took 8 on x86_64). */
#pragma once

#ifdef __ASSEMBLER__
/* clang-format off */
.macro SMAP_SITE insn
771:
    .byte 0x0f, 0x01, \insn
    .pushsection .smap_sites, "a"
    .long 771b - .
    .popsection
.endm
#define STAC SMAP_SITE 0xcb
#define CLAC SMAP_SITE 0xca
/* clang-format on */
#else
/* The same site from C (user_access.h's windows). */
#define SMAP_SITE_C(byte)                                                                          \
    "771: .byte 0x0f, 0x01, " byte "\n\t.pushsection .smap_sites, \"a\"\n\t.long 771b - .\n\t"     \
    ".popsection"

static inline void stac(void)
{
    __asm__ volatile(SMAP_SITE_C("0xcb")::: "memory");
}

static inline void clac(void)
{
    __asm__ volatile(SMAP_SITE_C("0xca")::: "memory");
}
#endif
