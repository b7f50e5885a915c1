/* The kernel's formatter: only what its log lines need. */
#include "kernel/fmt.h"

#include <stdint.h>

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_num(struct out *o, uint64_t v, unsigned base, int neg, int width, char pad,
                    int left)
{
    const char *digits = "0123456789abcdef"; /* a literal: the linker shares it (socket.c) */
    char tmp[24];
    int n = 0;
    for (; v >> 32; v /= base) /* libgcc's 64-bit division only for the digits that need it */
        tmp[n++] = digits[v % base];
    uint32_t w = (uint32_t)v;
    do {
        tmp[n++] = digits[w % base];
        w /= base;
    } while (w);
    if (neg)
        tmp[n++] = '-';
    for (int i = n; !left && i < width; i++)
        put(o, pad);
    for (int i = n; i > 0; i--)
        put(o, tmp[i - 1]);
    for (int i = n; left && i < width; i++)
        put(o, ' ');
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = {buf, size, 0};
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        int left = 0, width = 0, lng = 0;
        char pad = ' ';
        if (*fmt == '-')
            left = 1, fmt++;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')
            lng++, fmt++;
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            int n = 0;
            for (; s[n]; n++)
                put(&o, s[n]);
            for (; left && n < width; n++)
                put(&o, ' ');
            break;
        }
        case 'c':
            put(&o, (char)va_arg(ap, int));
            break;
        case 'd': {
            int64_t v =
                lng == 2 || (lng && sizeof(long) == 8) ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
            put_num(&o, v < 0 ? (uint64_t)-v : (uint64_t)v, 10, v < 0, width, pad, left);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            uint64_t v = lng == 2 || (lng && sizeof(long) == 8) ? va_arg(ap, uint64_t)
                                                                : va_arg(ap, uint32_t);
            size_t from = o.len;
            put_num(&o, v, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, 0, width, pad, left);
            for (; *fmt == 'X' && from < o.len && from + 1 < size; from++)
                if (buf[from] >= 'a') /* its letters in capitals */
                    buf[from] -= 'a' - 'A';
            break;
        }
        case 'p':
            put(&o, '0'), put(&o, 'x');
            put_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 8, '0', 0);
            break;
        default:
            put(&o, '%');
            if (*fmt)
                put(&o, *fmt);
            else
                fmt--;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
