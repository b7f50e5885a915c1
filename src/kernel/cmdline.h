/* The kernel command line's options. */
#pragma once

#include <stdbool.h>

void cmdline_init(const char *line);
/* Is the word (e.g. "norandmaps", "pti=on") on the command line? */
bool cmdline_has(const char *word);
