/* errno_location.c: the storage behind errno (one thread, so one plain int). */
#include <errno.h>

static int errno_value;

int *__errno_location(void)
{
    return &errno_value;
}
