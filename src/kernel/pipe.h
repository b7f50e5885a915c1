/* Pipes, within the one process: what is written can be read back. */
#pragma once

#include "kernel/fd.h"

#define PIPE_SIZE 65536u /* Linux's default capacity: 16 pages */

/* Two open files, the read end and the write end; -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr, uint32_t flags);
int32_t pipe_read(struct file *f, uaddr_t ubuf, uint32_t len);
int32_t pipe_write(struct file *f, uaddr_t ubuf, uint32_t len);
/* Bytes waiting to be read (FIONREAD). */
uint32_t pipe_count(const struct file *f);
/* poll's events for one end. */
uint32_t pipe_poll(const struct file *f);
/* One end's last open file is gone. */
void pipe_close(struct file *f);
