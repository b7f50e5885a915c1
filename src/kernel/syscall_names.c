/* The names of the ABI's system calls, for the console's "not implemented" line: every
 * number its syscall.tbl names, implemented or not; its holes stay NULL. */
#include "kernel/syscall.h"
#include "kernel/syscall_nr.h"

#include <stddef.h>

#define SYSCALL(nr, name, entry, nargs) [nr] = #name,

static const char *const names[] = {
#include ABI_SYSCALL_LIST
};

const char *syscall_name(word_t nr)
{
    return nr < sizeof(names) / sizeof(names[0]) ? names[nr] : NULL;
}
