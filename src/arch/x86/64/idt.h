/* The ways into the x86_64 kernel: the interrupt descriptor table and syscall. */
#pragma once

void idt_init(void);
/* Point syscall at the entry that does what exit_work asks for, once it is final. */
void syscall_entry_select(void);
