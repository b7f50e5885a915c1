/* strtol.c: strtol, strtoul, strtoll and strtoull, on one parser with C's overflow rules. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/*
 * Parses [space][sign][0x]digits in base 0 or 2..36 and returns the magnitude, saturated
 * at ULLONG_MAX; *neg says the sign. `max` is the type's largest magnitude (the signed
 * types' minimum is max + 1). Sets *end as C asks, and ERANGE when out of range.
 */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long max,
                                int is_signed)
{
    const char *p = s, *digits_start;
    unsigned long long v = 0, limit;
    int neg = 0, over = 0, d;

    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
        isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    for (digits_start = p;; p++) {
        if (isdigit((unsigned char)*p))
            d = *p - '0';
        else if (isalpha((unsigned char)*p))
            d = (*p | 32) - 'a' + 10;
        else
            break;
        if (d >= base)
            break;
        if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
            over = 1;
        else
            v = v * (unsigned)base + (unsigned)d;
    }
    if (p == digits_start) {
        errno = EINVAL; /* as musl does; C leaves it open */
        p = s;
    }
    if (end)
        *end = (char *)p;
    limit = is_signed && neg ? max + 1 : max;
    if (over || v > limit) {
        errno = ERANGE;
        return is_signed ? (neg ? -limit : limit) : max;
    }
    return neg ? -v : v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    return (long)parse(s, end, base, LONG_MAX, 1);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    return (unsigned long)parse(s, end, base, ULONG_MAX, 0);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    return (long long)parse(s, end, base, LLONG_MAX, 1);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    return parse(s, end, base, ULLONG_MAX, 0);
}
