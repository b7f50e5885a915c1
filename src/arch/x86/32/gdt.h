/* The GDT with its TLS slots, and the TSS that gives the CPU the kernel stack for ring changes. */
#pragma once

#include <stdint.h>

void gdt_init(uint32_t stack_top);
/* Where the CPU switches stacks on an entry from ring 3 (TSS esp0). */
void gdt_set_kernel_stack(uint32_t top);
