/* The names of the ABI's system calls that moat does not implement, for the console's "not
 * implemented" line (the others never need theirs); holes have none. They lie in one block, in
 * rising order, each after its number's low byte: the numbers rise by less than 256 from one
 * name to the next (the longest run of implemented calls and holes is far shorter), so a walk
 * tells the high part (16-bit offsets, one per number, cost half a kilobyte more). */
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/syscall_nr.h"

#include <stdint.h>

/* UNNAMED(entry): 1 if entry is sys_ni_syscall, else 0 (a probe that only that name expands). */
#define PROBE_sys_ni_syscall ~, 1
#define SECOND_(a, b, ...) b
#define SECOND(...) SECOND_(__VA_ARGS__)
#define UNNAMED(entry) SECOND(PROBE_##entry, 0, ~)
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

#define MEMBER_0(nr, name)
#define MEMBER_1(nr, name)                                                                         \
    uint8_t low##nr;                                                                               \
    char n##nr[sizeof #name];
#define SYSCALL(nr, name, entry, nargs) CAT(MEMBER_, UNNAMED(entry))(nr, name)
struct name_block {
#include ABI_SYSCALL_LIST
};
#undef SYSCALL

#define INIT_0(nr, name)
#define INIT_1(nr, name) .low##nr = (uint8_t)(nr), .n##nr = #name,
#define SYSCALL(nr, name, entry, nargs) CAT(INIT_, UNNAMED(entry))(nr, name)
static const struct name_block block = {
#include ABI_SYSCALL_LIST
};
#undef SYSCALL

const char *syscall_name(word_t nr)
{
    const char *p = (const char *)&block, *end = p + sizeof(block);
    word_t high = 0;
    uint8_t last = 0;
    while (p < end) {
        uint8_t low = (uint8_t)*p++;
        if (low < last)
            high += 256;
        last = low;
        if (high + low == nr)
            return p;
        p += strlen(p) + 1;
    }
    return NULL;
}
