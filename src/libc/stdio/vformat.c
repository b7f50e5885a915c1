/* vformat.c: the printf engine: flags, width, precision, lengths; d i u x X o p s c m %. */
#include "format.h"
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

enum {
    FL_LEFT = 1,  /* '-' */
    FL_PLUS = 2,  /* '+' */
    FL_SPACE = 4, /* ' ' */
    FL_ALT = 8,   /* '#' */
    FL_ZERO = 16, /* '0' */
};

enum len { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T };

/* One conversion, parsed. A negative '*' width becomes '-'; width -1 marks a width or
 * precision past INT_MAX. prec -1 means none. */
struct spec {
    unsigned flags;
    int width;
    int prec;
    enum len len;
    char conv;
};

static void pad(struct fmt_sink *sink, char c, int n)
{
    static const char spaces[16] = "                ";
    static const char zeros[16] = "0000000000000000";
    const char *run = c == ' ' ? spaces : zeros;

    for (; n > 0; n -= 16)
        sink->put(sink, run, n < 16 ? (size_t)n : 16);
}

/* Reads a decimal number; -1 if it does not fit an int. */
static int read_int(const char **s)
{
    int v = 0;

    for (; **s >= '0' && **s <= '9'; (*s)++) {
        if (v > (INT_MAX - (**s - '0')) / 10)
            v = -1;
        if (v >= 0)
            v = v * 10 + (**s - '0');
    }
    return v;
}

static const char *parse_length(const char *s, enum len *len)
{
    *len = LEN_NONE;
    switch (*s) {
    case 'h':
        *len = s[1] == 'h' ? LEN_HH : LEN_H;
        return s + (s[1] == 'h' ? 2 : 1);
    case 'l':
        *len = s[1] == 'l' ? LEN_LL : LEN_L;
        return s + (s[1] == 'l' ? 2 : 1);
    case 'j':
        *len = LEN_J;
        return s + 1;
    case 'z':
        *len = LEN_Z;
        return s + 1;
    case 't':
        *len = LEN_T;
        return s + 1;
    }
    return s;
}

/* Digits of v in base 8, 10 or 16, written backwards ending at end; none for v == 0. */
static char *format_digits(uintmax_t v, unsigned base, int upper, char *end)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

    for (; v; v /= base)
        *--end = digits[v % base];
    return end;
}

/*
 * Lays out one field as musl does: [spaces] prefix [zeros to width] [zeros to precision]
 * body [spaces if '-']. Returns the field's width.
 */
static int emit_field(struct fmt_sink *sink, const struct spec *sp, const char *prefix, int pl,
                      const char *body, int len, int prec)
{
    int w = sp->width;

    if (prec < len)
        prec = len;
    if (prec > INT_MAX - pl) {
        errno = EOVERFLOW;
        return -1;
    }
    if (w < pl + prec)
        w = pl + prec;
    if (!(sp->flags & (FL_LEFT | FL_ZERO)))
        pad(sink, ' ', w - pl - prec);
    sink->put(sink, prefix, (size_t)pl);
    if (sp->flags & FL_ZERO)
        pad(sink, '0', w - pl - prec);
    pad(sink, '0', prec - len);
    sink->put(sink, body, (size_t)len);
    if (sp->flags & FL_LEFT)
        pad(sink, ' ', w - pl - prec);
    return w;
}

static int format_int(struct fmt_sink *sink, struct spec *sp, uintmax_t v, int negative)
{
    char buf[3 * sizeof(uintmax_t) + 1];
    char *end = buf + sizeof buf, *a;
    const char *prefix = "";
    int pl = 0, prec = sp->prec;
    char c = sp->conv;

    if (c == 'p') {
        /* musl's quirk: an explicit precision is raised to a full pointer's digits. */
        if (prec >= 0 && prec < (int)(2 * sizeof(void *)))
            prec = (int)(2 * sizeof(void *));
        c = 'x';
        sp->flags |= FL_ALT;
    }
    if (c == 'x' || c == 'X') {
        a = format_digits(v, 16, c == 'X', end);
        if (v && (sp->flags & FL_ALT))
            prefix = c == 'X' ? "0X" : "0x", pl = 2;
    } else if (c == 'o') {
        a = format_digits(v, 8, 0, end);
        /* '#' makes the first digit a 0 by raising the precision, as C specifies. */
        if ((sp->flags & FL_ALT) && prec < end - a + 1)
            prec = (int)(end - a + 1);
    } else {
        a = format_digits(v, 10, 0, end);
        if (negative)
            prefix = "-", pl = 1;
        else if (c != 'u' && (sp->flags & FL_PLUS))
            prefix = "+", pl = 1;
        else if (c != 'u' && (sp->flags & FL_SPACE))
            prefix = " ", pl = 1;
    }
    if (prec >= 0)
        sp->flags &= ~(unsigned)FL_ZERO;
    /* A zero is one '0' digit, except that an explicit precision of 0 prints no digits. */
    if (!v && !prec)
        return emit_field(sink, sp, prefix, pl, end, 0, 0);
    if (prec < end - a + !v)
        prec = (int)(end - a + !v);
    return emit_field(sink, sp, prefix, pl, a, (int)(end - a), prec);
}

static uintmax_t unsigned_arg(enum len len, va_list *ap)
{
    switch (len) {
    case LEN_HH:
        return (unsigned char)va_arg(*ap, unsigned);
    case LEN_H:
        return (unsigned short)va_arg(*ap, unsigned);
    case LEN_L:
        return va_arg(*ap, unsigned long);
    case LEN_LL:
        return va_arg(*ap, unsigned long long);
    case LEN_J:
        return va_arg(*ap, uintmax_t);
    case LEN_Z:
        return va_arg(*ap, size_t);
    case LEN_T:
        return (uintmax_t)va_arg(*ap, ptrdiff_t);
    default:
        return va_arg(*ap, unsigned);
    }
}

static intmax_t signed_arg(enum len len, va_list *ap)
{
    switch (len) {
    case LEN_HH:
        return (signed char)va_arg(*ap, int);
    case LEN_H:
        return (short)va_arg(*ap, int);
    case LEN_L:
        return va_arg(*ap, long);
    case LEN_LL:
        return va_arg(*ap, long long);
    case LEN_J:
        return va_arg(*ap, intmax_t);
    case LEN_Z:
        return (intmax_t)va_arg(*ap, ptrdiff_t);
    case LEN_T:
        return va_arg(*ap, ptrdiff_t);
    default:
        return va_arg(*ap, int);
    }
}

/* Formats one parsed conversion; returns its width, or -1 with errno set. */
static int format_one(struct fmt_sink *sink, struct spec *sp, va_list *ap)
{
    const char *s;
    char ch;
    intmax_t sv;

    if (sp->width < 0) {
        errno = EOVERFLOW;
        return -1;
    }
    switch (sp->conv) {
    case 'd':
    case 'i':
        sv = signed_arg(sp->len, ap);
        return format_int(sink, sp, sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv, sv < 0);
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        return format_int(sink, sp, unsigned_arg(sp->len, ap), 0);
    case 'p':
        return format_int(sink, sp, (uintptr_t)va_arg(*ap, void *), 0);
    case 'c':
        ch = (char)va_arg(*ap, int);
        sp->flags &= ~(unsigned)FL_ZERO;
        return emit_field(sink, sp, "", 0, &ch, 1, 1);
    case 'm':
    case 's':
        s = sp->conv == 'm' ? strerror(errno) : va_arg(*ap, const char *);
        if (!s)
            s = "(null)";
        sp->flags &= ~(unsigned)FL_ZERO;
        size_t n = strnlen(s, sp->prec < 0 ? INT_MAX : (size_t)sp->prec);
        return emit_field(sink, sp, "", 0, s, (int)n, (int)n);
    }
    errno = EINVAL;
    return -1;
}

/* Parses the flags, width, precision and length after a '%'; returns where the conversion
 * char is. With ap NULL (the checking pass) a '*' takes no argument. */
static const char *parse_spec(const char *s, struct spec *sp, va_list *ap)
{
    const char *flag_chars = "-+ #0";
    const char *f;

    sp->flags = 0;
    for (; *s && (f = strchr(flag_chars, *s)); s++)
        sp->flags |= 1u << (f - flag_chars);
    if (*s == '*') {
        sp->width = ap ? va_arg(*ap, int) : 0;
        if (sp->width < 0) {
            sp->flags |= FL_LEFT;
            sp->width = sp->width == INT_MIN ? -1 : -sp->width;
        }
        s++;
    } else {
        sp->width = read_int(&s);
    }
    sp->prec = -1;
    if (s[0] == '.' && s[1] == '*') {
        sp->prec = ap ? va_arg(*ap, int) : 0;
        if (sp->prec < -1)
            sp->prec = -1;
        s += 2;
    } else if (*s == '.') {
        s++;
        sp->prec = read_int(&s);
        if (sp->prec < 0)
            sp->width = -1;
    }
    if (sp->flags & FL_LEFT)
        sp->flags &= ~(unsigned)FL_ZERO;
    s = parse_length(s, &sp->len);
    sp->conv = *s;
    return s;
}

/* Like musl, refuse a bad format before printing any of it: -1 and EINVAL. */
static int check_format(const char *fmt)
{
    struct spec sp;

    while ((fmt = strchr(fmt, '%'))) {
        if (fmt[1] == '%') {
            fmt += 2;
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp, NULL);
        if (!*fmt || !strchr("diuxXopscm", *fmt))
            return -1;
        fmt++;
    }
    return 0;
}

int __fmt_format(struct fmt_sink *sink, const char *fmt, va_list ap0)
{
    va_list ap;
    struct spec sp;
    int count = 0, n = 0;
    const char *lit;

    if (check_format(fmt)) {
        errno = EINVAL;
        return -1;
    }
    va_copy(ap, ap0);
    while (*fmt && n >= 0) {
        for (lit = fmt; *fmt && *fmt != '%'; fmt++)
            ;
        if (fmt[0] == '%' && fmt[1] == '%') {
            /* "%%": the literal run ends with one '%'. */
            n = (int)(fmt + 1 - lit);
            sink->put(sink, lit, (size_t)n);
            fmt += 2;
        } else if (fmt != lit) {
            n = (int)(fmt - lit);
            sink->put(sink, lit, (size_t)n);
        } else {
            fmt = parse_spec(fmt + 1, &sp, &ap);
            n = format_one(sink, &sp, &ap);
            fmt++;
        }
        if (n > INT_MAX - count) {
            errno = EOVERFLOW;
            n = -1;
        }
        count = n < 0 ? -1 : count + n;
    }
    va_end(ap);
    return count;
}
