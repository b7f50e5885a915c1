/* The console: the app's terminal and the kernel's log, both on the serial line. */
#pragma once

#include "arch/x86/uart.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Print one kernel line, "moat: " + the formatted text + newline, always from column 0. */
void klog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vklog(const char *fmt, va_list ap);
/* May a frequent line (an app's fault) be printed now? Linux's printk_ratelimit. */
bool klog_ratelimit(void);
/* Its usual answer in a storm, for a hot path to ask first: the burst is spent and its window
   still open, so the line is not shown (and is counted). When false, klog_ratelimit() says
   yes. */
bool klog_ratelimit_quiet(void);
/* Whether the serial console's last byte ended a line (the app's output, or a kernel line):
   a kernel line ends an unfinished one first. */
extern int console_at_line_start;
/* Bytes to the serial console, each newline as CR LF when crlf. Inline: the app's writes
   (console.c, built for speed) and the kernel's lines (syslog.c, built for size) each have
   their own copy. */
static inline __attribute__((always_inline)) void console_serial_write(const char *buf, size_t len,
                                                                       bool crlf)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n' && crlf)
            uart_putc('\r');
        uart_putc(buf[i]);
    }
    if (len)
        console_at_line_start = buf[len - 1] == '\n';
}
/* The app's output, with a terminal's newline translation. */
void console_write(const char *buf, size_t len);
/* The terminal's settings (TCGETS), and new ones (TCSETS, without canonical mode and echo,
   which the console does not have; flush: TCSETSF's, the input waiting is dropped, as
   console_flush_input drops it, tcflush's). */
struct termios_k;
void console_termios(struct termios_k *t);
void console_set_termios(const struct termios_k *t, bool flush);
void console_flush_input(void);
/* How long a read of the terminal waits for its first byte: -1 for ever (VMIN 1, or the
   stdin pipe), else VTIME's tenths of a second (VMIN 0). */
int32_t console_read_timeout(void);
/* Read the command line's "stdin=pipe": input from a pipe, not a terminal. */
void console_init(void);
bool console_input_is_pipe(void);
/* A byte arrived (from the UART interrupt, which first asks whether the queue is full: it
   must be, or the byte is lost). */
bool console_input_full(void);
void console_input(char c);
#define CONSOLE_BREAK 0x1E /* on the channel: the kernel ended the app's line before this one */
#define CONSOLE_EOF 0x04   /* ^D, a terminal's VEOF; in pipe mode the end of the input */
#define CONSOLE_LNEXT 0x16 /* ^V, a terminal's VLNEXT: in pipe mode, the next byte is data */
/* Take up to len bytes of input: how many, 0 when none is waiting, or -1 for end of file
   (a terminal: a ^D with nothing before it; a pipe: every read after its end). */
int console_read(char *buf, size_t len);
/* Would a read return at once (input or end of file waiting)? poll and select ask. */
bool console_readable(void);
/* The bytes of input waiting (FIONREAD); whether a pipe's input has ended for good. */
uint32_t console_input_count(void);
bool console_input_ended(void);
