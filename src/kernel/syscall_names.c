/* The names of the ABI's system calls that moat does not implement, for the console's "not
 * implemented" line (the others never need theirs); holes have none. tools/gensyscalls.py
 * packs them in rising order, each as its number's step from the one before (one bit for the
 * usual 1, else nine), then its characters in 6 bits each (a byte each took 0.4 KiB more), the
 * codes past the characters standing for the runs of characters that the names repeat most
 * ("sched", "xattr", "io_"): the x86_64 table is 881 bytes, not 1,366. */
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/syscalls.h"

#include <mode/abi.h>
#include ABI_SYSCALL_NAMES

/* n bits of the stream from bit *at on (the lowest first), and *at past them. */
static uint32_t take(uint32_t *at, uint32_t n)
{
    const uint8_t *p = syscall_names_packed + *at / 8;
    uint32_t v = (uint32_t)(p[0] | p[1] << 8) >> (*at % 8) & ((1u << n) - 1);
    *at += n;
    return v;
}

/* The name, in a buffer the next call overwrites (the log line takes it at once). */
const char *syscall_name(word_t nr)
{
    static char name[SYSCALL_NAME_MAX + 1];
    uint32_t at = 0, c, n;
    word_t number = 0;
    while (at < SYSCALL_NAMES_BITS) {
        number += take(&at, 1) ? 1 : take(&at, 8);
        for (n = 0; (c = take(&at, 6));) {
            if (c < sizeof(SYSCALL_NAME_CHARS)) {
                name[n++] = SYSCALL_NAME_CHARS[c - 1];
                continue;
            }
            const char *w = SYSCALL_NAME_WORDS;
            for (c -= (uint32_t)sizeof(SYSCALL_NAME_CHARS); c; c--)
                w += strlen(w) + 1;
            while (*w)
                name[n++] = *w++;
        }
        name[n] = '\0';
        if (number == nr)
            return name;
    }
    return NULL;
}

/* Each number logged once: the ABI's own, and apart from them, the i386 ones an x86_64 app
   makes by int $0x80 (ABI_COMPAT), whose names the log does not carry. Here, built for size, not
   in syscall.c, built for speed, where it was cold (48 bytes off moat64.elf): an app that
   calls what moat lacks does not call it in a loop (it falls back on another). */
static uint32_t logged[2][1024 / 32];

sword_t sys_ni_syscall(void)
{
    word_t nr = frame_syscall_nr_saved(frame_user());
    if (ABI_COMPAT)
        nr = (uint32_t)nr; /* the number is eax */
    uint32_t bit = nr < 1024 ? (uint32_t)nr : 1023, *words = logged[ABI_COMPAT];
    if (!(words[bit / 32] & (1u << (bit % 32)))) {
        words[bit / 32] |= 1u << (bit % 32);
        const char *name = syscall_name(nr);
        if (ABI_COMPAT)
            klog("i386 syscall %lu by int $0x80 not implemented (-ENOSYS)", (unsigned long)nr);
        else if (name)
            klog("syscall %lu (%s) not implemented (-ENOSYS)", (unsigned long)nr, name);
        else
            klog("syscall %lu not implemented (-ENOSYS)", (unsigned long)nr);
    }
    return -ENOSYS;
}
