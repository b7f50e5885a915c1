/* The ways into the i386 kernel: the interrupt descriptor table and sysenter. */
#pragma once

void idt_init(void);
/* pti=on: every entry (the IDT's and sysenter's) switches to the kernel's page tables. */
void idt_pti_entries(void);
