/* The virtual terminals, /dev/tty0-tty63 (major 4), as a Linux whose VTs have no screen: its
   dummy console, where the serial line is the console (console=ttyS0). */
#pragma once

#include "kernel/fd.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define VT_COUNT 64 /* tty1-tty63 (Linux's MAX_NR_CONSOLES); tty0 is the foreground one */

/* Is n a VT's node: tty0 or ttyN? */
bool vt_is(const struct vnode *n);
/* A new open file of one holds its VT (tty0's: the foreground one then), which it allocates;
   its last close drops the hold (the VT stays allocated until VT_DISALLOCATE). */
void vt_open(struct file *f);
void vt_release(const struct file *f);
/* A read of a VT, whose key never comes: it waits for a signal, or as its settings' VMIN 0
   and VTIME say; 0 or -errno. */
int32_t vt_read(const struct file *f, uint32_t len);
/* The VT's terminal settings, which TCGETS reads and TCSETS sets. */
struct termios_k *vt_termios(const struct file *f);
/* The VT and keyboard ioctls (linux/vt.h, linux/kd.h); -ENOTTY. */
int32_t vt_ioctl(const struct file *f, uint32_t request, word_t arg);
