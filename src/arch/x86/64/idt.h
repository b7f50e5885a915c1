/* The ways into the x86_64 kernel: the interrupt descriptor table and syscall. */
#pragma once

void idt_init(void);
