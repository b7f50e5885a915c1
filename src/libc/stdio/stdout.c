/* stdout.c: the stdout stream (buffered; line-buffered when fd 1 is a terminal). */
#include "libc.h"
#include "stdio_impl.h"

static unsigned char stdout_buf[BUFSIZ];
static FILE stdout_file = {
    .fd = 1,
    .line_buffered = -1,
    .buf = stdout_buf,
    .size = sizeof stdout_buf,
};
FILE *const stdout = &stdout_file;

/* Only apps that use stdout link this file, and with it this exit hook (see exit.c). */
void __stdio_exit(void)
{
    __stdio_flush(stdout);
}
