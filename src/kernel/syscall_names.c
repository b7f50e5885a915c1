/* The names of Linux i386's system calls, for the console's "not implemented" line: every
 * number src/abi/i386/syscall.tbl names, implemented or not; its holes stay NULL. */
#include "kernel/syscall.h"

#include <stddef.h>

#define SYSCALL(nr, name, entry) [nr] = #name,

static const char *const names[] = {
#include <i386/syscall_list.h>
};

const char *syscall_name(word_t nr)
{
    return nr < sizeof(names) / sizeof(names[0]) ? names[nr] : NULL;
}
