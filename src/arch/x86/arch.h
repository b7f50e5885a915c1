/* What the generic kernel asks of the architecture at boot (kmain), in this order. */
#pragma once

#include "kernel/boot.h"

/* The console, and traps: from here on a fault in the kernel ends in a readable panic. Each
   width has its own (i386: arch/x86/32/idt.c, with its GDT, TSS and IDT). */
void arch_early_init(void);
/* The CPU (its protections, the FPU, the system call entry, the command line's options) and
   the interrupt controller, once the boot information and the command line are known. */
void arch_init(const struct boot_info *bi);
