/* stdin.c: the stdin stream (read in chunks of up to BUFSIZ bytes from fd 0). */
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ];
static FILE stdin_file = {
    .fd = 0,
    .line_buffered = 0,
    .buf = stdin_buf,
    .size = sizeof stdin_buf,
};
FILE *const stdin = &stdin_file;
