/* sigemptyset.c: a set with no signals. */
#include <signal.h>

int sigemptyset(sigset_t *set)
{
    set->__bits[0] = 0;
    set->__bits[1] = 0;
    return 0;
}
