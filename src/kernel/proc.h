/* /proc: Linux's procfs as the one process sees it (proc.c). */
#pragma once

#include "kernel/vfs.h"
#include <stdbool.h>
#include <stdint.h>

/* The boot's mounts: the rootfs, procfs over /proc (the archive's folder, or a new one) and,
   where the archive has a /sys folder, sysfs over it, as Linux's init mounts them: 0, or
   -ENOMEM. */
int proc_populate(void);
/* A new procfs tree under top, a mount's root (kernel/mount.c), or a sysfs's: -ENOMEM. */
int proc_fill(struct vnode *top, bool sysfs);
/* Bring dir up to date before a lookup in it or a listing of it, if it is one that changes
   (1/fd: a link for each open descriptor, named by its number; memory short, fewer). */
void proc_refresh(struct vnode *dir);
/* Where a magic link leads (*magic set): exe, cwd, root and 1/fd's links lead straight to the
   node they name, as Linux's nd_jump_link, so that a file with no path (a pipe, a deleted
   file) opens through them too; NULL when it names nothing now. *magic clear: a link whose
   text is followed. *via: the mount the node is reached through (set when *magic is). */
struct vnode *proc_link_node(const struct vnode *n, bool *magic, uint8_t *via);
/* A /proc node's text as it is now, from pos (its symlinks' targets too): the bytes copied,
   to the app's memory when user is set (-EFAULT), or -ENOENT (a link to nothing). */
int32_t proc_read(const struct vnode *n, uint64_t pos, uintptr_t buf, uint32_t len, bool user);
/* A write to a /proc node: sys/kernel's hostname and domainname take one (the bytes taken,
   -EFAULT), the rest refuse it (-EIO). */
int32_t proc_write(const struct vnode *n, uint64_t pos, uintptr_t buf, uint32_t len, bool user);
/* Does a write to n move its file's position? Not oom_score_adj's (Linux's oom_score_adj_write
   leaves *ppos alone); any other node's, whether /proc's or not. */
bool proc_write_moves(const struct vnode *n);
/* The length of that text (0 for none). */
uint32_t proc_size(const struct vnode *n);
/* The CPU, as Linux's /proc/cpuinfo shows it (arch/x86/cpuinfo.c), onto the text being made
   (proc_put). */
void cpu_info_text(void);
/* For the files whose text another part makes (socket.h's, mount.h's): printf's onto the text
   being made, and the end of its line, padded with blanks to width columns (Linux's seq_pad); a
   line that would not fit whole in the text's 8 KiB is taken out. */
void proc_put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* proc_put("%s", s) of a text whose runs of n blanks are each one byte, 0x80 + n: the long
   headers and tables, mostly blanks, take fewer bytes. */
void proc_put_packed(const char *s);
/* A kernel pointer as Linux's %pK shows it to an unprivileged reader: zeros, a pointer's width. */
#define PROC_KPTR (sizeof(void *) == 8 ? "0000000000000000" : "00000000")
void proc_pad(uint32_t width);
