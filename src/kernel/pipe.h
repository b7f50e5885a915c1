/* Pipes, within the one process: what is written can be read back. */
#pragma once

#include "kernel/fd.h"

#define PIPE_SIZE 65536u /* Linux's default capacity: 16 pages */

/* Two open files, the read end and the write end; -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr, uint32_t flags);
/* Open f, a new open file of a FIFO's node, on the node's pipe (made on its first open): 0;
   -EINVAL for access mode 3; -ENXIO for a writer under O_NONBLOCK with no reader; -ERESTARTSYS once
   a signal has come for an end that waits for the other (there being no other process to open it);
   -ENOMEM. */
int pipe_open_fifo(struct file *f);
int32_t pipe_read(struct file *f, uaddr_t ubuf, uint32_t len);
/* The room for a write of len bytes (len 0: for any), once there is some: the bytes free;
   -EPIPE (and SIGPIPE) with no reader left; where Linux would block, -EAGAIN under
   O_NONBLOCK, else -ERESTARTSYS once a signal has come. Writes of up to PIPE_BUF bytes are
   all or nothing. */
int32_t pipe_room(struct file *f, uint32_t len);
/* From the app's memory, or the kernel's (kernel: see copy_from_source). */
int32_t pipe_write(struct file *f, uintptr_t buf, uint32_t len, bool kernel);
/* Bytes waiting to be read (FIONREAD). */
uint32_t pipe_count(const struct file *f);
/* Its wakeups so far that epoll's readers (in) or writers (out) hear (pipe.c's struct pipe):
   data written, room freed, ends closed. */
uint32_t pipe_stamp(const struct file *f, bool in, bool out);
/* poll's events for one end. */
uint32_t pipe_poll(const struct file *f);
/* One end's last open file is gone. */
void pipe_close(struct file *f);
