/* Stopping the machine. */
#pragma once

#include <stdint.h>

/* Exit codes for QEMU's isa-debug-exit device (QEMU exits with code * 2 + 1). */
#define MACHINE_EXIT_APP_ENDED 0x10
#define MACHINE_EXIT_REFUSED 0x11
#define MACHINE_EXIT_PANIC 0x7e

__attribute__((noreturn)) void machine_exit(uint32_t code);
