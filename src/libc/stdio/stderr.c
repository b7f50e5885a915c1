/* stderr.c: the stderr stream (unbuffered, so messages are out before a crash). */
#include "stdio_impl.h"

static FILE stderr_file = {
    .fd = 2,
    .line_buffered = 0,
};
FILE *const stderr = &stderr_file;
