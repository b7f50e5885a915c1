/* A small vsnprintf for the kernel's log: %s %c %d %u %o %x %X %p with width, 0, -, l and ll. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
