/* atoi.c: atoi, atol and atoll: decimal parsing that never reports errors, even in errno. */
#include <errno.h>
#include <stdlib.h>

static long long parse_decimal(const char *s)
{
    int saved = errno;
    long long v = strtoll(s, NULL, 10);

    errno = saved;
    return v;
}

int atoi(const char *s)
{
    return (int)parse_decimal(s);
}

long atol(const char *s)
{
    return (long)parse_decimal(s);
}

long long atoll(const char *s)
{
    return parse_decimal(s);
}
