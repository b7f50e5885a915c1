/* The devices: null, zero, full, random, urandom, the console (tty), the real-time clock
   (rtc0), the watchdog, and the loop devices with their loop-control (kernel/loop.c). */
#pragma once

#include "kernel/fd.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

/* The majors of the character devices (Linux's numbers; rtc0's is dynamic on Linux: 253 is
   where an x86 Linux's first such driver usually lands). */
enum { DEV_MEM = 1, DEV_TTYS = 4, DEV_TTY = 5, DEV_MISC = 10, DEV_RTC = 253 };

/* May this device node be opened? (Unknown devices give ENXIO, as on Linux.) */
bool dev_known(const struct vnode *n);
bool dev_is_console(const struct vnode *n);
/* Has it a poll of its own, which epoll needs (Linux's file_can_poll)? The console, random
   and rtc0. */
bool dev_polls(const struct vnode *n);
/* Does mmap take it? /dev/zero, which maps as anonymous memory (Linux's mmap_zero). */
bool dev_maps_zero(const struct vnode *n);
/* May sendfile write to it? Not to /dev/full, which has no splice_write on Linux. */
bool dev_takes_sendfile(const struct vnode *n);
/* A new open file of a device (its own start: the watchdog's; flags: open's, O_NOCTTY among
   them), 0 or -errno; the last close of one. */
int dev_open(struct file *f, uint32_t flags);
void dev_release(const struct file *f);
int32_t dev_read(struct file *f, uaddr_t ubuf, uint32_t len);
/* The reads and writes of the devices but the console (dev_other.c), dev_read's and
   dev_write's. */
int32_t dev_other_read(const struct file *f, uaddr_t ubuf, uint32_t len);
int32_t dev_other_write(const struct vnode *n, uintptr_t buf, uint32_t len, bool kernel);
/* A character device's own ioctls (the console's are sys_ioctl.c's): /dev/rtc0's, the
   watchdog's, loop-control's; -ENOTTY. */
int32_t dev_ioctl(const struct vnode *n, uint32_t request, word_t arg);
/* /dev/rtc0's (dev_rtc.c): RTC_RD_TIME and RTC_SET_TIME; -ENOTTY. */
int32_t dev_rtc_ioctl(uint32_t request, word_t arg);
/* From the app's memory, or the kernel's (kernel: see copy_from_source). */
int32_t dev_write(struct file *f, uintptr_t buf, uint32_t len, bool kernel);
/* The device nodes the kernel makes (a bare program's /dev, a devtmpfs's; sysfs lists them),
   by Linux's names and numbers: node i (from 0) into *d, or false past the last. */
#define DEV_NODES 21
struct dev_node {
    char name[13];
    uint8_t major, minor;
    uint16_t mode;
};
bool dev_nth(uint32_t i, struct dev_node *d);
/* Create dev/ and its nodes in the root: the tree a bare ELF gets. -ENOMEM. */
int dev_populate(void);
/* The same nodes in dir, a new devtmpfs's root: 0 or -ENOMEM. */
int dev_fill(struct vnode *dir);
/* The node fds 0-2 are opened on: /dev/console if the tree has it, else one of its own. */
struct vnode *dev_console(void);
/* fd 0's node when the console's input is a pipe (console_input_is_pipe()): the console's
   input as a pipe's read end shows it, a FIFO and not a terminal (no TCGETS, so isatty() is
   false). dev_is_console() is true of it. */
struct vnode *dev_stdin_pipe(void);

/* The console's own read and write (in sys_io.c): wait for input (a read of the terminal, tty,
   as its VMIN and VTIME say), write with the newline translation the settings ask for. */
int32_t console_read_user(uaddr_t ubuf, uint32_t len, bool tty);
int32_t console_write_from(uintptr_t buf, uint32_t len, bool kernel);
/* How much of a write whose range the app cannot all read a terminal takes (the console or a
   VT), as Linux's tty_write: 2 KiB at a time, up to the first piece it cannot read; -EFAULT
   if that is the first. buf's len bytes are the write's from byte at on (writev's buffers: the
   pieces span them); the count is the write's, all of buf's if the app can read them all. */
int32_t tty_write_pieces(uintptr_t buf, uint32_t len, uint32_t at);
