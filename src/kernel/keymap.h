/* The keyboard's maps (Linux's keyboard.c keeps them), which KDGKBENT and KDSKBENT read and
   write entry by entry: busybox's dumpkmap and loadkmap. */
#pragma once

#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

/* KDGKBENT or KDSKBENT at arg (a struct kbentry), for a VT whose keyboard is in Unicode mode
   or not; perm: may the caller change the VTs? 0 or -errno. */
int32_t keymap_ioctl(uint32_t request, word_t arg, bool unicode, bool perm);
