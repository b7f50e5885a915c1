/* Starting the app from the boot module. */
#pragma once

#include "kernel/boot.h"

/* Load the module, build its stack and enter it; refuses (and stops) on a bad module. */
__attribute__((noreturn)) void exec_start(const struct boot_info *bi);
