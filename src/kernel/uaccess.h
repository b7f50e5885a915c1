/* Copies between the kernel and the app's memory: the only way the kernel touches user memory. */
#pragma once

#include <mode/layout.h>
#include <mode/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* INT_MAX & PAGE_MASK: Linux's cap on what one read or write moves (longer ones are cut). */
#define MAX_RW_COUNT 0x7FFFF000u

/* Linux's rw_verify_area, then its clamp: a count whose sign bit is set is refused, and any
   other is cut to MAX_RW_COUNT (-1 for the refusal). Inline, as read's and write's checks
   (sys_io.c) want it; sendfile (sys_sendfile.c) shares it. */
static inline int64_t rw_count(word_t count)
{
    if ((sword_t)count < 0)
        return -1;
    return count > MAX_RW_COUNT ? MAX_RW_COUNT : (uint32_t)count;
}

/* 0, or -EFAULT when any byte of the user range is not accessible to the app that way. */
int copy_from_user(void *dst, uaddr_t user_src, size_t n);
int copy_to_user(uaddr_t user_dst, const void *src, size_t n);
/* An ioctl's int answer, v, to the app's memory at user_dst: 0 or -EFAULT. */
int put_user_u32(uaddr_t user_dst, uint32_t v);
/* A NUL-terminated user string into dst (room for max bytes): its length, -EFAULT, or
   -ENAMETOOLONG when no NUL comes within max bytes. Read in chunks that never cross a page:
   a chunk that faults holds no byte the app could have meant (user space ends on a page
   boundary), and a short string costs one chunk. */
int32_t copy_string_from_user(char *dst, uaddr_t src, uint32_t max);
/* A write's bytes, from the app's memory (checked, as copy_from_user) or, when kernel is set
   (sendfile's transfers), from the kernel's own. Inline, so that a caller's constant folds. */
static inline int copy_from_source(void *dst, uintptr_t src, size_t n, bool kernel)
{
    if (!kernel)
        return copy_from_user(dst, src, n);
    __builtin_memcpy(dst, (const void *)src, n);
    return 0;
}
/* Does [addr, addr + n) lie in user space, [USER_MIN, USER_TOP) (n = 0: does addr)? The page
   tables decide the rest, by faulting. One unsigned compare when n is a constant (a frame's
   size): USER_MIN <= addr <= USER_TOP - max(n, 1). */
static inline bool user_addr_ok(uaddr_t addr, size_t n)
{
    size_t room = n ? n : 1;
    return room <= USER_TOP - USER_MIN && addr - USER_MIN <= USER_TOP - USER_MIN - room;
}
/* Linux's access_ok: does [addr, addr + n) end at or below USER_TOP? (n may be 0, and addr
   below USER_MIN: whether the pages are there is another question.) */
static inline bool user_access_ok(uaddr_t addr, size_t n)
{
    return n <= USER_TOP && addr <= USER_TOP - n;
}
/* Can the app itself read (or write) every byte of [addr, addr + n)? */
bool user_range_ok(uaddr_t addr, size_t n, bool write);
/* The fixup address for a fault at ip inside a user-copy routine, or 0. */
uintptr_t uaccess_fixup(uintptr_t ip);
/* The address a table's 4-byte entry names as its distance from the entry itself (__ex_table's,
   .smap_sites'; Linux's offset_to_ptr). */
static inline uintptr_t rel32_target(const int32_t *p)
{
    return (uintptr_t)p + (uintptr_t)(intptr_t)*p;
}
