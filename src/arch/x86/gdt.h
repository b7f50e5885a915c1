/* The GDT with its TLS slots, and the TSS that gives the CPU the kernel stack for ring changes. */
#pragma once

#include <stdint.h>

void gdt_init(uint32_t kernel_stack_top);
/* set_thread_area: install the user's descriptor; returns the slot or -errno. */
int32_t gdt_set_tls(uint32_t user_desc);
