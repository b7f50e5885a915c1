/* The kernel command line's options. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

void cmdline_init(const char *line);
/* Is the word (e.g. "norandmaps", "pti=on") on the command line? */
bool cmdline_has(const char *word);
/* The value of "key=value" (e.g. "init=/bin/sh"), truncated to fit buf: found or not. */
bool cmdline_value(const char *key, char *buf, size_t size);
