/* What the return to ring 3 must do besides iret (entry.S reads it; C sets it at boot, and
   the signal bit as signals come and go). */
#pragma once

#define EXIT_PTI 1    /* switch to the app's page tables (pti=on) */
#define EXIT_MDS 2    /* clear the CPU's buffers with verw */
#define EXIT_SIGNAL 4 /* a signal may be pending: the system call exit asks C */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
extern uint32_t exit_work;

/* The system call exit tests this one word, not sig_pending's two as well. The bit is set
   whenever a signal is made pending, and cleared only where sig_pending was just found empty
   (interrupts are off in the kernel, so none can arrive in between): it is never clear while
   one is pending. Left set, it costs one exit through C, which clears it. */
static inline void exit_work_signal(bool pending)
{
    if (pending)
        exit_work |= EXIT_SIGNAL;
    else
        exit_work &= ~(uint32_t)EXIT_SIGNAL;
}
#endif
