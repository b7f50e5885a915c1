/* Starting the app from the boot module. */
#pragma once

#include "kernel/boot.h"
#include <mode/types.h>

#define EXEC_MAX_ARGS 64 /* the most words argv, and envp, can have */

/* A random number below max for the app's layout, or 0 with "norandmaps" (ASLR off). */
uint32_t random_below(uint32_t max);

/* Load the module, build its stack and enter it; refuses (and stops) on a bad module. */
__attribute__((noreturn)) void exec_start(const struct boot_info *bi);

/* Debug builds: touch or run the app's memory directly if "debug=smap"/"smep" ask (main.c). */
void debug_smap_trigger(uaddr_t user_addr);
