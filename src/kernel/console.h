/* The console: the app's terminal and the kernel's log, both on the serial line. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Print one kernel line, "moat: " + the formatted text + newline, always from column 0. */
void klog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vklog(const char *fmt, va_list ap);
/* May a frequent line (an app's fault) be printed now? Linux's printk_ratelimit. */
bool klog_ratelimit(void);
/* The app's output, with a terminal's newline translation. */
void console_write(const char *buf, size_t len);
/* A byte arrived from the terminal (from the UART interrupt). */
void console_input(char c);
#define CONSOLE_EOF 0x04  /* ^D, a terminal's VEOF */
#define CONSOLE_INTR 0x03 /* ^C, a terminal's VINTR: SIGINT, never read() */
/* Take up to len bytes of input: how many, 0 when none is waiting, or -1 for end of file
   (a ^D with nothing before it). */
int console_read(char *buf, size_t len);
/* Would a read return at once (input or end of file waiting)? poll and select ask. */
bool console_readable(void);
