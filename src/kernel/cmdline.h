/* The kernel command line's options, and its words for the app. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

void cmdline_init(const char *line);
/* Is the word (e.g. "norandmaps", "pti=on") on the command line? */
bool cmdline_has(const char *word);
/* Copy the first word of s into out (cut to size): words are separated by blanks, "..."
   quotes blanks as Linux's parser allows, and a backslash makes the next byte literal, as
   GRUB escapes quotes and backslashes in a command line it passes on. Returns where the
   next word starts, or NULL if s has no word left. */
const char *cmdline_word(const char *s, char *out, size_t size);
/* The next word from p on that is the app's environment: KEY=VALUE and not a kernel option.
   Start with p = cmdline_text(); NULL when there is none left. */
const char *cmdline_env(const char *p, char *out, size_t size);
const char *cmdline_text(void);
