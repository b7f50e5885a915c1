/* fwrite.c: buffered output, the core under every stdio write (musl's flush policy). */
#include "stdio_impl.h"
#include "syscall.h"
#include <string.h>
#include <sys/ioctl.h>

/* As musl decides: a stream is a terminal if TIOCGWINSZ succeeds on its fd. Raw, so the
 * answer never touches errno. */
static int is_terminal(int fd)
{
    struct winsize ws;

    return __syscall(SYS_ioctl, fd, TIOCGWINSZ, &ws) == 0;
}

/* Writes the buffered bytes, then s. A stream of unknown kind acts line-buffered until this
 * first write, which settles it: so on a pipe, as with musl, only the first line goes out
 * early. */
static int write_out(FILE *f, const unsigned char *s, size_t n)
{
    if (f->line_buffered < 0)
        f->line_buffered = is_terminal(f->fd);
    if (__stdio_flush(f))
        return -1;
    return n ? __stdio_write(f, s, n) : 0;
}

size_t __fwritex(const unsigned char *s, size_t n, FILE *f)
{
    size_t head = 0;

    /* Too big for the room left: out it goes, with whatever was waiting. */
    if (n > f->size - f->wlen)
        return write_out(f, s, n) ? 0 : n;
    /* Line-buffered: everything up to the last '\n' goes out now. */
    if (f->line_buffered) {
        for (head = n; head && s[head - 1] != '\n'; head--)
            ;
        if (head && write_out(f, s, head))
            return 0;
        s += head;
        n -= head;
    }
    memcpy(f->buf + f->wlen, s, n);
    f->wlen += n;
    return head + n;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
    size_t total = size * n;

    if (!size || !n)
        return 0;
    return __fwritex(p, total, f) / size;
}
