/* The console: app output (with ONLCR unless the app turns it off), kernel lines that always
   start at column 0, and a small
   input queue filled by the UART interrupt, from a terminal or a pipe; and the terminal's
   settings (termios). */
#include "kernel/console.h"
#include "arch/x86/uart.h"
#include "kernel/abi.h"
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/time.h"

int console_at_line_start = 1;
static char input[256];
static unsigned in_head, in_tail; /* free-running; the queue holds in_head - in_tail bytes */

/* Input from a terminal (the default) or, with "stdin=pipe" on the command line, from a
   pipe or file the runner copies in: then no byte is special but two. A ^V (a terminal's
   VLNEXT) makes the next byte literal, which is how the runner sends a ^D or ^V in the data;
   a bare ^D is the end of the input for good, as a pipe's writer closing it. */
static bool pipe_mode, literal_next, input_ended;

/* The terminal's settings, as a Linux serial console's at 115200 8N1 but raw: the console has
   no line discipline (no ICANON editing, no ECHO), so a request for those is taken without
   them, as tcgetattr then shows (POSIX's tcsetattr succeeds if it made any change). It acts on
   ICRNL, INLCR and IGNCR on input, ISIG's VINTR and VQUIT, VMIN 0 with VTIME (a read that
   returns 0 once that many tenths of a second pass without input) and OPOST with ONLCR on
   output; the rest is kept and reported. */
enum { ICRNL = 0x100, IGNCR = 0x80, INLCR = 0x40, OPOST = 0x1, ONLCR = 0x4, ISIG = 0x1 };
enum { ICANON = 0x2, ECHO = 0x8, ECHONL = 0x40, VINTR = 0, VQUIT = 1, VTIME = 5, VMIN = 6 };
static struct termios_k tio = {
    .iflag = ICRNL,
    .oflag = OPOST | ONLCR,
    .cflag = 0x1002 | 0x30 | 0x80 | 0x400 | 0x800, /* B115200 CS8 CREAD HUPCL CLOCAL */
    .lflag = ISIG,
    /* Linux's defaults (INIT_C_CC): INTR ^C, QUIT ^\, ERASE DEL, KILL ^U, EOF ^D, TIME 0,
       MIN 1, START ^Q, STOP ^S, SUSP ^Z, REPRINT ^R, DISCARD ^O, WERASE ^W, LNEXT ^V */
    .cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22},
};
static bool onlcr = true;

__attribute__((cold)) void console_termios(struct termios_k *t)
{
    *t = tio;
}

__attribute__((cold)) void console_set_termios(const struct termios_k *t, bool flush)
{
    tio = *t;
    tio.lflag &= ~(uint32_t)(ICANON | ECHO | ECHONL);
    onlcr = (tio.oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);
    if (flush)
        console_flush_input();
}

int32_t console_read_timeout(void)
{
    return pipe_mode || tio.cc[VMIN] ? -1 : tio.cc[VTIME];
}

/* The terminal's input waiting is dropped; a pipe's (stdin=pipe) is not the terminal's. The
   UART may have stopped on a full queue: it takes input again. */
void console_flush_input(void)
{
    if (pipe_mode)
        return;
    in_tail = in_head;
    uart_rx_resume();
}

/* The app's output, with the newline translation its settings ask for (ONLCR). */
void console_write(const char *buf, size_t len)
{
    console_serial_write(buf, len, onlcr);
}

/* Like Linux's printk_ratelimit(): a burst of 10 lines per 5 s, then a count of the rest. */
#define RATELIMIT_BURST 10
#define RATELIMIT_TICKS 5000

static uint64_t window, quiet_until; /* the burst's first line; once it is spent, its end */
static unsigned printed, missed;

/* A line may be printed: a window that has passed is closed with its count, and the line
   opens a new one, as the burst's first line does (none missed before it: one test). */
__attribute__((noinline, cold)) static void ratelimit_pass(uint64_t now)
{
    if (!printed || now - window >= RATELIMIT_TICKS) {
        if (missed)
            klog("%u fault lines not shown", missed);
        printed = missed = 0;
        window = now;
    }
    if (++printed == RATELIMIT_BURST)
        quiet_until = window + RATELIMIT_TICKS;
}

bool klog_ratelimit_quiet(void)
{
    if (time_ticks() < quiet_until) {
        missed++; /* the usual case in a storm of faults: one compare, without a frame */
        return true;
    }
    return false;
}

bool klog_ratelimit(void)
{
    if (klog_ratelimit_quiet())
        return false;
    ratelimit_pass(time_ticks());
    return true;
}

void console_init(void)
{
    pipe_mode = cmdline_has("stdin=pipe");
}

bool console_input_is_pipe(void)
{
    return pipe_mode;
}

bool console_input_full(void)
{
    return in_head - in_tail >= sizeof(input);
}

void console_input(char c)
{
    if (pipe_mode && literal_next) {
        literal_next = false;
    } else if (pipe_mode && c == CONSOLE_LNEXT) {
        literal_next = true;
        return;
    } else if (pipe_mode && c == CONSOLE_EOF) {
        input_ended = true;
        return;
    } else if (!pipe_mode && (tio.lflag & ISIG) && c && /* 0: disabled (_POSIX_VDISABLE) */
               (c == (char)tio.cc[VINTR] || c == (char)tio.cc[VQUIT])) { /* ^C, ^\ */
        sig_send(c == (char)tio.cc[VINTR] ? SIGINT : SIGQUIT, SI_KERNEL, 0);
        return;
    } else if (!pipe_mode && c == '\r') { /* a terminal's Enter is CR: IGNCR, ICRNL */
        if (tio.iflag & IGNCR)
            return;
        c = tio.iflag & ICRNL ? '\n' : c;
    } else if (!pipe_mode && c == '\n' && (tio.iflag & INLCR)) {
        c = '\r';
    }
    input[in_head++ % sizeof(input)] = c;
}

int console_read(char *buf, size_t len)
{
    size_t n = 0;
    while (n < len && in_tail != in_head) {
        char c = input[in_tail % sizeof(input)];
        if (c == CONSOLE_EOF && !pipe_mode) {
            if (n == 0) /* like a terminal's VEOF: ^D alone ends the input */
                in_tail++;
            uart_rx_resume();
            return n ? (int)n : -1;
        }
        buf[n++] = c;
        in_tail++;
    }
    uart_rx_resume();
    return n == 0 && input_ended ? -1 : (int)n;
}

bool console_input_ended(void)
{
    return input_ended;
}

uint32_t console_input_count(void)
{
    return in_head - in_tail;
}

bool console_readable(void)
{
    return in_tail != in_head || input_ended; /* data, or an end of file to read */
}
