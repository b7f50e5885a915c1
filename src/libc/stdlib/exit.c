/* exit.c: run the atexit handlers, flush stdout, end the process. */
#include "libc.h"
#include <stdlib.h>

/* Stand-ins that apps without atexit() or stdio link instead of the real ones. */
static void nothing(void) {}
__attribute__((weak, alias("nothing"))) void __stdio_exit(void);
__attribute__((weak, alias("nothing"))) void __run_atexit(void);

_Noreturn void exit(int status)
{
    __run_atexit();
    __stdio_exit();
    _Exit(status);
}
