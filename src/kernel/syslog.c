/* The kernel's log, as Linux's printk buffer keeps it for syslog(2) (klogctl) and so dmesg:
   each console line a record "<6>[seconds.micros] text\n" (KERN_INFO, the time since boot),
   the oldest records dropped whole as new ones come. */
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/fmt.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define LOG_SIZE 16384u
static char log[LOG_SIZE];
/* The records in log[0, len): from cleared on, READ_ALL's (CLEAR moves it to the end); from
   unread on, READ's, which moves it. */
static uint32_t len, cleared, unread;

enum {
    SYSLOG_CLOSE,
    SYSLOG_OPEN,
    SYSLOG_READ,
    SYSLOG_READ_ALL,
    SYSLOG_READ_CLEAR,
    SYSLOG_CLEAR,
    SYSLOG_CONSOLE_OFF,
    SYSLOG_CONSOLE_ON,
    SYSLOG_CONSOLE_LEVEL,
    SYSLOG_SIZE_UNREAD,
    SYSLOG_SIZE_BUFFER,
};

/* Where the record at `at` ends: past its newline. */
static uint32_t record_end(uint32_t at)
{
    while (at < len && log[at] != '\n')
        at++;
    return at < len ? at + 1 : len;
}

/* Drop the oldest records until n more bytes fit. */
static void make_room(uint32_t n)
{
    uint32_t drop = 0;
    while (len - drop + n > LOG_SIZE)
        drop = record_end(drop);
    memmove(log, log + drop, len - drop);
    len -= drop;
    cleared = cleared > drop ? cleared - drop : 0;
    unread = unread > drop ? unread - drop : 0;
}

/* The record's head, "<6>[%5u.%06u] ", written backwards from end without a formatter: the
   boot's lines come here too. Its start. */
static char *record_head(char *end, uint64_t us)
{
    uint32_t sec = (uint32_t)(us / 1000000), frac = (uint32_t)(us % 1000000), digits = 0;
    char *p = end;
    *--p = ' ', *--p = ']';
    for (int i = 0; i < 6; i++, frac /= 10)
        *--p = (char)('0' + frac % 10);
    *--p = '.';
    do
        *--p = (char)('0' + sec % 10), digits++;
    while (sec /= 10);
    while (digits++ < 5)
        *--p = ' ';
    *--p = '[', *--p = '>', *--p = '6', *--p = '<';
    return p;
}

/* Keep a kernel line (its text, at most 255 bytes, and its newline) as a record. */
static void syslog_add(const char *line, uint32_t n)
{
    char head[32], *h = record_head(head + sizeof(head), time_monotonic_ns() / 1000);
    uint32_t hn = (uint32_t)(head + sizeof(head) - h);
    make_room(hn + n);
    memcpy(log + len, h, hn);
    memcpy(log + len + hn, line, n);
    len += hn + n;
}

/* A kernel line goes to the debug console, the channel only the kernel writes, for runners,
   and to the serial console for people: in that order, so that a runner that sees a line end
   on the serial console finds it on the channel already. On the serial console the line starts
   at column 0: if the app's last line is unfinished, the kernel ends it first, and says so on
   the channel (CONSOLE_BREAK before the line), so that a runner can take that newline out of
   the app's output. Here, built for size, not in console.c, built for speed, where the app's
   output is (64 bytes off moat64.elf). */
void vklog(const char *fmt, va_list ap)
{
    static const char prefix[] = "moat: ";
    /* The line from buf + 1; buf[0] the newline that ends the app's unfinished line first on
       the serial console, in the same write. */
    char buf[1 + sizeof(prefix) - 1 + 256], *line = buf + 1;
    size_t n = sizeof(prefix) - 1;
    buf[0] = '\n';
    memcpy(line, prefix, n);
    int text = kvsnprintf(line + n, sizeof(buf) - 1 - n, fmt, ap); /* cut at 255 bytes */
    n += text < 255 ? (size_t)text : 255;
    line[n++] = '\n';
    syslog_add(line + sizeof(prefix) - 1, (uint32_t)(n - (sizeof(prefix) - 1)));
    if (!console_at_line_start)
        debugcon_write((const char[]){CONSOLE_BREAK}, 1);
    debugcon_write(line, n);
    /* always CR LF, as Linux's printk console whatever the tty's settings */
    console_serial_write(console_at_line_start ? line : buf, n + !console_at_line_start, true);
}

void klog(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vklog(fmt, ap);
    va_end(ap);
}

/* The newest whole records from `from` on that fit in n bytes: where they start. */
static uint32_t newest_fitting(uint32_t from, uint32_t n)
{
    uint32_t at = from;
    while (len - at > n)
        at = record_end(at);
    return at;
}

/* As Linux's do_syslog: who may (every action but reading all and the size takes CAP_SYSLOG
   or CAP_SYS_ADMIN, as with dmesg_restrict off), then the buffer checks (EINVAL, then
   EFAULT) before anything is read. */
sword_t sys_syslog(uint32_t type, uaddr_t buf, uint32_t count)
{
    int32_t n = (int32_t)count;
    uint32_t at, take;
    if (type != SYSLOG_READ_ALL && type != SYSLOG_SIZE_BUFFER && !capable(CAP_SYSLOG) &&
        !capable(CAP_SYS_ADMIN))
        return -EPERM;
    if (type == SYSLOG_READ || type == SYSLOG_READ_ALL || type == SYSLOG_READ_CLEAR) {
        if (!buf || n < 0)
            return -EINVAL;
        if (!n)
            return 0;
        if (!user_access_ok(buf, (uint32_t)n))
            return -EFAULT;
    }
    switch (type) {
    case SYSLOG_CLOSE:
    case SYSLOG_OPEN:
    case SYSLOG_CONSOLE_OFF:
    case SYSLOG_CONSOLE_ON:
        return 0;
    case SYSLOG_READ: /* what no READ has taken yet; with nothing new, wait (for a signal) */
        if (unread == len) {
            sig_wait();
            return -ERESTARTSYS;
        }
        at = unread, take = len - unread < (uint32_t)n ? len - unread : (uint32_t)n;
        break;
    case SYSLOG_READ_ALL:
    case SYSLOG_READ_CLEAR:
        at = newest_fitting(cleared, (uint32_t)n), take = len - at;
        break;
    case SYSLOG_CLEAR:
        cleared = len;
        return 0;
    case SYSLOG_CONSOLE_LEVEL:
        return n < 1 || n > 8 ? -EINVAL : 0;
    case SYSLOG_SIZE_UNREAD:
        return (sword_t)(len - unread);
    case SYSLOG_SIZE_BUFFER:
        return LOG_SIZE;
    default:
        return -EINVAL;
    }
    /* The three reads end here, with take bytes from at to copy. */
    if (copy_to_user(buf, log + at, take))
        return -EFAULT;
    if (type == SYSLOG_READ)
        unread += take;
    if (type == SYSLOG_READ_CLEAR)
        cleared = len;
    return (sword_t)take;
}
