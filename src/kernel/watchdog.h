/* /dev/watchdog, a software watchdog (kernel/watchdog.c): dev.c's hooks for its node, and the
   timer tick's check. */
#pragma once

#include "kernel/fd.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

/* An open starts it: 0, or -EBUSY while another file has it open. */
int watchdog_open(const struct file *f);
/* The opener's last close: stops it after a magic close, else leaves it running. */
void watchdog_release(const struct file *f);
int32_t watchdog_write(uintptr_t buf, uint32_t len, bool kernel);
int32_t watchdog_ioctl(uint32_t request, word_t arg);
/* Every timer tick: past its time, the machine resets. */
void watchdog_tick(void);
