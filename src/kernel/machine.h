/* Stopping the machine. */
#pragma once

#include <stdint.h>

/* Exit codes for QEMU's isa-debug-exit device (QEMU exits with code * 2 + 1). */
#define MACHINE_EXIT_APP_ENDED 0x10
#define MACHINE_EXIT_REFUSED 0x11
#define MACHINE_EXIT_PANIC 0x7e

/* What the machine does once the app has ended: as the command line's onexit= says, or as the
   app's reboot call asked. After a panic it always halts, so that the console keeps the dump. */
enum machine_end { MACHINE_END_ONEXIT, MACHINE_END_POWEROFF, MACHINE_END_HALT, MACHINE_END_RESET };
void machine_end_as(enum machine_end how);

__attribute__((noreturn)) void machine_exit(uint32_t code);
