/* The GDT and the 64-bit TSS: the kernel stack for ring changes, and the IST stacks. */
#pragma once

#include <stdint.h>

/* The IST slots (the IDT's gates name them): stacks of their own for the exceptions that may
   arrive when the kernel stack cannot be trusted. */
enum { IST_DF = 1, IST_NMI = 2, IST_MC = 3 };

void gdt_init(uintptr_t stack_top);
/* Where the CPU switches stacks on an entry from ring 3 (TSS rsp0). */
void gdt_set_kernel_stack(uintptr_t top);

/* The app's fs and gs bases (arch_prctl): 0, or -EPERM for an address outside user space. */
int arch_set_fs_base(uint64_t base);
int arch_set_gs_base(uint64_t base);
uint64_t arch_fs_base(void);
uint64_t arch_gs_base(void);

struct trap_frame;
/* Every register of a frame, for a panic's dump (dump.c). */
void frame_dump_registers(const struct trap_frame *f);
