/* The ways into the i386 kernel: the interrupt descriptor table and sysenter. */
#pragma once

void idt_init(void);
