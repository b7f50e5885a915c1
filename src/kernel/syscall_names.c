/* The names of the ABI's system calls, for the console's "not implemented" line: every
 * number its syscall.tbl names, implemented or not; its holes have none. The names lie in one
 * block, each at a 16-bit offset (a pointer each would cost four times the room). */
#include "kernel/syscall.h"
#include "kernel/syscall_nr.h"

#include <stddef.h>
#include <stdint.h>

#define SYSCALL(nr, name, entry, nargs) char n##nr[sizeof #name];
struct name_block {
    char none; /* offset 0: a hole */
#include ABI_SYSCALL_LIST
};
#undef SYSCALL

#define SYSCALL(nr, name, entry, nargs) .n##nr = #name,
static const struct name_block block = {
#include ABI_SYSCALL_LIST
};
#undef SYSCALL

#define SYSCALL(nr, name, entry, nargs) [nr] = offsetof(struct name_block, n##nr),
_Static_assert(sizeof(struct name_block) <= UINT16_MAX, "16-bit offsets");
static const uint16_t offsets[] = {
#include ABI_SYSCALL_LIST
};
#undef SYSCALL

const char *syscall_name(word_t nr)
{
    if (nr >= sizeof(offsets) / sizeof(offsets[0]) || !offsets[nr])
        return NULL;
    return (const char *)&block + offsets[nr];
}
