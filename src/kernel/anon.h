/* Files on Linux's anonymous inode: eventfd, timerfd, epoll and signalfd (kernel/anon.c). */
#pragma once

#include "kernel/fd.h"

/* "eventfd", "timerfd", "eventpoll" or "signalfd": the name /proc/self/fd shows
 * (anon_inode:[name]). */
const char *anon_name(const struct file *f);
uint32_t anon_poll(const struct file *f);
/* read and write: eventfd's counter, timerfd's expirations, signalfd's signals (read only);
   -EINVAL for the rest. */
int32_t anon_rw(struct file *f, uaddr_t buf, uint32_t len, bool write);
/* The file's last close. */
void anon_close(struct file *f);
/* The last close of a file epoll watches: out of every set. */
void anon_forget(struct file *f);
