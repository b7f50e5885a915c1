/* A pointer-sized word in a table of code addresses (__ex_table, .smap_sites): i386's 4 bytes.
   ASM_PTR for assembly, ASM_PTR_STR inside C's inline assembly. */
#pragma once

#define ASM_PTR .long
#define ASM_PTR_STR ".long"
