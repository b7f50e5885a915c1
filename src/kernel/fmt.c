/* The kernel's formatter: only what its log lines need. */
#include "kernel/fmt.h"

#include <stdbool.h>
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
        if (*fmt != '%') { /* put's, in line: most of a line is its format's own text */
            if (o.len + 1 < size)
                buf[o.len] = *fmt;
            o.len++;
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
        switch (*fmt) { /* the conversions that take an argument */
        case 's':
        case 'c':
        case 'd':
        case 'u':
        case 'o':
        case 'x':
        case 'X':
        case 'p':
            break;
        default:
            put(&o, '%');
            if (*fmt)
                put(&o, *fmt);
            else
                fmt--;
            continue;
        }
        /* The argument, fetched in one place: on x86_64 each fills an 8-byte slot, which one
           va_arg reads (each of its expansions takes some 30 bytes there); an int's is cut to its
           32 bits below. */
        bool wide = lng == 2 || (lng && sizeof(long) == 8); /* a long long, or a 64-bit long */
        uint64_t v = wide || sizeof(long) == 8 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
        switch (*fmt) {
        case 's': {
            const char *s = (const char *)(uintptr_t)v;
            int n = 0;
            for (; s[n]; n++)
                put(&o, s[n]);
            for (; left && n < width; n++)
                put(&o, ' ');
            break;
        }
        case 'c':
            put(&o, (char)v);
            break;
        case 'd': {
            int64_t d = wide ? (int64_t)v : (int32_t)v;
            put_num(&o, d < 0 ? (uint64_t)-d : (uint64_t)d, 10, d < 0, width, pad, left);
            break;
        }
        case 'p':
            put(&o, '0'), put(&o, 'x');
            put_num(&o, (uintptr_t)v, 16, 0, 8, '0', 0);
            break;
        default: { /* u o x X */
            size_t from = o.len;
            unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            put_num(&o, wide ? v : (uint32_t)v, base, 0, width, pad, left);
            for (; *fmt == 'X' && from < o.len && from + 1 < size; from++)
                if (buf[from] >= 'a') /* its letters in capitals */
                    buf[from] -= 'a' - 'A';
        }
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
