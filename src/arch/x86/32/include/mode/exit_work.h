/* What the return to ring 3 must do besides iret (entry.S reads it; C sets it at boot). */
#pragma once

#define EXIT_PTI 1 /* switch to the app's page tables (pti=on) */
#define EXIT_MDS 2 /* clear the CPU's buffers with verw */

#ifndef __ASSEMBLER__
#include <stdint.h>
extern uint32_t exit_work; /* a word: the system call exit ors it with the pending set */
#endif
