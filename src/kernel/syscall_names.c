/* The names of the ABI's system calls that moat does not implement, for the console's "not
 * implemented" line (the others never need theirs); holes have none. tools/gensyscalls.py
 * packs them in rising order, each as its number's low byte, then its characters in 6 bits
 * each (a byte each took 0.4 KiB more): the numbers rise by less than 256 from one name to
 * the next, so a walk tells the high part. */
#include "kernel/syscall.h"

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
    uint32_t at = 0, low, last = 0, c, n;
    word_t high = 0;
    while (at < SYSCALL_NAMES_BITS) {
        low = take(&at, 8);
        if (low < last)
            high += 256;
        last = low;
        for (n = 0; (c = take(&at, 6)); n++)
            name[n] = SYSCALL_NAME_CHARS[c - 1];
        name[n] = '\0';
        if (high + low == nr)
            return name;
    }
    return NULL;
}
