/* atexit.c: register functions for exit() to call, last registered first. */
#include <stdlib.h>

#define ATEXIT_MAX 32

static void (*handlers[ATEXIT_MAX])(void);
static int count;

void __run_atexit(void);

int atexit(void (*fn)(void))
{
    if (count == ATEXIT_MAX)
        return -1;
    handlers[count++] = fn;
    return 0;
}

void __run_atexit(void)
{
    /* A handler may call atexit() itself; the loop picks that up. */
    while (count > 0)
        handlers[--count]();
}
