/* What the return to ring 3 must do besides iretq or sysretq (entry.S reads it; C sets it at
   boot). */
#pragma once

#define EXIT_PTI 1 /* switch to the app's page tables (pti=on) */
#define EXIT_MDS 2 /* clear the CPU's buffers with verw */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
extern uint8_t exit_work;

/* The system call exit tests sig_pending itself, one quadword: nothing to keep here. */
static inline void exit_work_signal(bool pending) {}
#endif
