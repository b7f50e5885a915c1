/* A pointer-sized word in a table of code addresses (__ex_table, .smap_sites): x86_64's 8 bytes.
   ASM_PTR for assembly, ASM_PTR_STR inside C's inline assembly. */
#pragma once

#define ASM_PTR .quad
#define ASM_PTR_STR ".quad"
