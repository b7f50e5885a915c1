/* Loop devices (kernel/loop.c): /dev/loop0-7 show a regular file's bytes as a disk. */
#pragma once

#include "kernel/fd.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define LOOP_MAJOR 7
#define LOOP_CONTROL_MINOR 237 /* /dev/loop-control: misc 10:237 */

/* Is n a loop device's node (block 7:0-7) whose device is there (not taken away by
   LOOP_CTL_REMOVE)? Another block device opens as ENXIO. */
bool loop_known(const struct vnode *n);
/* An open and the last close of a loop device's file: a device that LOOP_CLR_FD or
   LO_FLAGS_AUTOCLEAR marked lets go of its file when nobody has it open. */
void loop_open(const struct file *f);
void loop_release(const struct file *f);
/* The device's size in bytes (0 while no file is bound): what lseek's SEEK_END sees. */
uint64_t loop_size(const struct vnode *dev);
/* Where *len bytes at *pos of the device are: *file becomes the bound file's node, *pos its
   offset in it, *len is cut at the device's end. 1 to go on, 0 when there is nothing to move
   (the end, or len 0), or -errno: EPERM to write a read-only one, ENOSPC to write at its end. */
int32_t loop_map(const struct vnode *dev, bool write, struct vnode **file, uint64_t *pos,
                 uint32_t *len);
/* The ioctls of a loop device (LOOP_*, the block devices' BLK*) and of /dev/loop-control. */
int32_t loop_ioctl(const struct file *f, uint32_t request, word_t arg);
int32_t loop_control(uint32_t request, word_t arg);
