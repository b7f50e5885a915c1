/* The names of the ABI's system calls that moat does not implement, for the console's "not
 * implemented" line (the others never need theirs); holes have none. The names lie in one
 * block, each at a 16-bit offset (a pointer each would cost four times the room). */
#include "kernel/syscall.h"
#include "kernel/syscall_nr.h"

#include <stddef.h>
#include <stdint.h>

/* UNNAMED(entry): 1 if entry is sys_ni_syscall, else 0 (a probe that only that name expands). */
#define PROBE_sys_ni_syscall ~, 1
#define SECOND_(a, b, ...) b
#define SECOND(...) SECOND_(__VA_ARGS__)
#define UNNAMED(entry) SECOND(PROBE_##entry, 0, ~)
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

#define MEMBER_0(nr, name)
#define MEMBER_1(nr, name) char n##nr[sizeof #name];
#define SYSCALL(nr, name, entry, nargs) CAT(MEMBER_, UNNAMED(entry))(nr, name)
struct name_block {
    char none; /* offset 0: a hole, or an implemented call */
#include ABI_SYSCALL_LIST
};
#undef SYSCALL

#define INIT_0(nr, name)
#define INIT_1(nr, name) .n##nr = #name,
#define SYSCALL(nr, name, entry, nargs) CAT(INIT_, UNNAMED(entry))(nr, name)
static const struct name_block block = {
#include ABI_SYSCALL_LIST
};
#undef SYSCALL

#define OFFSET_0(nr, name)
#define OFFSET_1(nr, name) [nr] = offsetof(struct name_block, n##nr),
#define SYSCALL(nr, name, entry, nargs) CAT(OFFSET_, UNNAMED(entry))(nr, name)
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
