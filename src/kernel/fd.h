/* The app's file descriptors and the open files they refer to. */
#pragma once

#include "kernel/vfs.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define NOFILE 1024 /* Linux's default RLIMIT_NOFILE */

/* open's flags (asm-generic/fcntl.h, as i386 has them). */
#define O_ACCMODE 03
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECT 040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_PATH 010000000
#define O_TMPFILE 020000000 /* Linux's __O_TMPFILE: its O_TMPFILE adds O_DIRECTORY */

struct pipe;
struct sock;
struct anon;
struct epitem;

/* An open file description: shared by dup'ed descriptors. */
struct file {
    struct vnode *node; /* a pipe's end has a node of its own, outside the tree */
    struct pipe *pipe;
    struct sock *sock;       /* a socket's (kernel/socket.c) */
    struct anon *anon;       /* an eventfd's, timerfd's or epoll's (kernel/anon.c) */
    struct epitem *watchers; /* the epoll items that watch it */
    uint32_t flags;          /* open's flags, less the ones that only act at open */
    uint8_t mnt;             /* the mount it was opened through (kernel/mount.h) */
    uint8_t vt;              /* the VT a VT's file holds (kernel/vt.h), else 0 */
    uint64_t pos;
    uint32_t refs;
};

struct file *file_new(struct vnode *node, uint32_t flags);
/* A new file opened through mount via (a bind's: open holds it). */
void file_via(struct file *f, uint8_t via);
void file_put(struct file *f);
bool file_readable(const struct file *f);
bool file_writable(const struct file *f);
/* Read or write at *pos (advanced), whatever the file is: -EISDIR, -EAGAIN, ... */
int32_t file_read(struct file *f, uaddr_t ubuf, uint32_t len, uint64_t *pos);
int32_t file_write(struct file *f, uaddr_t ubuf, uint32_t len, uint64_t *pos);
/* The same from a kernel buffer (sendfile's). */
int32_t file_write_kernel(struct file *f, const void *buf, uint32_t len, uint64_t *pos);
/* Their part for a regular file or a loop device (file.c, built for size). */
int32_t file_write_data(struct file *f, uintptr_t buf, uint32_t len, uint64_t *pos, bool kernel);
/* poll's events for the file now: POLLIN, POLLOUT, POLLHUP, POLLERR (Linux's values). */
#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200
#define POLLRDHUP 0x2000
uint32_t file_poll(const struct file *f);
/* Is it a stream, with no position at all (Linux's files without FMODE_PREAD: pipes and the
   console)? Then lseek, pread64, pwrite64 and sendfile's offset give ESPIPE. */
bool file_stream(const struct file *f);

/* The descriptor table. fd_get takes no reference. */
struct file *fd_get(uint32_t fd);
/* fd_get's file, but NULL for an O_PATH one, which only the path calls take (Linux's fdget,
   where fd_get is its fdget_raw). */
struct file *fd_get_nopath(uint32_t fd);
/* The lowest free descriptor >= min for f (taking over one reference): it, or -EMFILE. */
int fd_install(struct file *f, uint32_t min, bool cloexec);
/* The descriptors' bound: RLIMIT_NOFILE, within the table's NOFILE. */
uint32_t fd_limit(void);
/* The lowest free descriptor >= min, or -EMFILE (open checks first, as Linux's takes its
   descriptor first: EMFILE before anything is created or truncated). */
int fd_free_slot(uint32_t min);
/* Put f at exactly fd, closing what was there. */
void fd_install_at(uint32_t fd, struct file *f, bool cloexec);
int fd_close(uint32_t fd);
/* Is fd marked close-on-exec (execve closes it)? */
bool fd_cloexec(uint32_t fd);
void fd_set_cloexec(uint32_t fd, bool on);
