/* format.h (internal): the printf engine, writing through a sink so every printf shares it. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

/* Where formatted bytes go: a string buffer, a FILE or an fd. put() never fails; a sink
 * that can fail (a FILE) remembers the error itself. */
struct fmt_sink {
    void (*put)(struct fmt_sink *sink, const char *s, size_t n);
};

/* Formats fmt with ap into sink. Returns the byte count, or -1 with errno EINVAL (a bad
 * conversion) or EOVERFLOW (more than INT_MAX bytes). Output matches musl's printf. */
int __fmt_format(struct fmt_sink *sink, const char *fmt, va_list ap);
