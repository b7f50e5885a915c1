/*
 * test_printf.c: proves the libc's printf core (snprintf and its helpers) prints exactly
 * what musl's printf prints. Every expectation below was printed by the same call in a
 * program built with `i386-linux-musl-gcc -static` on the host.
 *
 * It is built against the libc's own headers, twice: natively (test_printf, the libc's pure
 * sources compiled for the build machine) and as an i386 app on the whole libc
 * (test_printf_i386, which the host runs directly). The cases therefore use only values
 * that print the same at both widths.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int failures, total;

static void report(const char *line)
{
    write(2, line, strlen(line));
}

/* Checks one snprintf call: its return value and the text it wrote. */
static void check(int line, int expect_ret, const char *expect, const char *fmt, ...)
{
    char buf[512], msg[1400];
    va_list ap;
    int r;

    total++;
    memset(buf, 0, sizeof buf);
    va_start(ap, fmt);
    r = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (r == expect_ret && !strcmp(buf, expect))
        return;
    failures++;
    snprintf(msg, sizeof msg,
             "FAIL line %d: format \"%s\"\n  expected: %d \"%s\"\n  actual:   %d \"%s\"\n", line,
             fmt, expect_ret, expect, r, buf);
    report(msg);
}

#define T(ret, expect, ...) check(__LINE__, ret, expect, __VA_ARGS__)

/* -Wformat would flag the deliberately odd formats below (e.g. "%+u", "%#s"). */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-zero-length"

static void test_conversions(void)
{
    T(5, "hello", "hello");
    T(0, "", "");
    T(1, "%", "%%");
    T(6, "a%b%%c", "a%%b%%%%c");
    T(1, "0", "%d", 0);
    T(2, "42", "%d", 42);
    T(3, "-42", "%d", -42);
    T(10, "2147483647", "%d", INT_MAX);
    T(11, "-2147483648", "%d", INT_MIN);
    T(2, "-7", "%i", -7);
    T(1, "0", "%u", 0u);
    T(10, "4294967295", "%u", 4294967295u);
    T(8, "deadbeef", "%x", 0xdeadbeefu);
    T(8, "DEADBEEF", "%X", 0xdeadbeefu);
    T(2, "10", "%o", 8u);
    T(1, "0", "%o", 0u);
    T(1, "0", "%#o", 0u);
    T(3, "010", "%#o", 8u);
    T(1, "0", "%#x", 0u);
    T(4, "0xff", "%#x", 255u);
    T(4, "0XFF", "%#X", 255u);
    T(1, "0", "%#.0o", 0u);
    T(3, "010", "%#.3o", 8u);
    T(5, "  010", "%#5o", 8u);
    T(0, "", "%.0d", 0);
    T(0, "", "%.0x", 0u);
    T(6, "     |", "%5.0d|", 0);
    T(0, "", "%.0u", 0u);
    T(1, "0", "%.1d", 0);
    T(3, "007", "%.3d", 7);
    T(4, "-007", "%.3d", -7);
    T(5, " -007", "%5.3d", -7);
    T(6, "-007 |", "%-5.3d|", -7);
    T(5, "-0007", "%05d", -7);
    T(5, "00042", "%05d", 42);
    T(6, "42   |", "%-05d|", 42);
    T(2, "+5", "%+d", 5);
    T(2, "-5", "%+d", -5);
    T(2, "+0", "%+d", 0);
    T(2, " 5", "% d", 5);
    T(2, "-5", "% d", -5);
    T(2, "+5", "%+ d", 5);
    T(2, "+5", "% +d", 5);
    T(1, "5", "%+u", 5u);
    T(1, "5", "% u", 5u);
    T(1, "5", "%+x", 5u);
    T(10, "      0042", "%010.4d", 42);
    T(10, "0000000abc", "%010x", 0xabcu);
    T(10, "0x00000abc", "%#010x", 0xabcu);
    T(10, "     0xabc", "%#10x", 0xabcu);
    T(11, "0xabc     |", "%-#10x|", 0xabcu);
    T(11, "011       |", "%#-10o|", 9u);
    T(7, "0x00012", "%#.5x", 0x12u);
    T(9, "     00f|", "%8.3x|", 0xfu);
    T(6, "    42", "%*d", 6, 42);
    T(7, "42    |", "%-*d|", 6, 42);
    T(7, "42    |", "%*d|", -6, 42);
    T(4, "0042", "%.*d", 4, 42);
    T(2, "42", "%.*d", -1, 42);
    T(0, "", "%.*d", 0, 0);
    T(9, "   -0042|", "%*.*d|", 8, 4, -42);
    T(3, "-56", "%hhd", 200);
    T(2, "-1", "%hhd", -1);
    T(1, "1", "%hhu", 257);
    T(2, "ff", "%hhx", 0x1ff);
    T(6, "-25536", "%hd", 40000);
    T(5, "32767", "%hd", -32769);
    T(4, "4464", "%hu", 70000);
    T(4, "2345", "%hx", 0x12345);
    T(6, "123456", "%ld", 123456L);
    T(7, "-123456", "%ld", -123456L);
    T(6, "123456", "%lu", 123456UL);
    T(6, "abcdef", "%lx", 0xabcdefUL);
    T(13, "1234567890123", "%lld", 1234567890123LL);
    T(14, "-1234567890123", "%lld", -1234567890123LL);
    T(19, "9223372036854775807", "%lld", LLONG_MAX);
    T(20, "-9223372036854775808", "%lld", LLONG_MIN);
    T(20, "18446744073709551615", "%llu", ULLONG_MAX);
    T(15, "123456789abcdef", "%llx", 0x123456789abcdefULL);
    T(16, "FFFFFFFFFFFFFFFF", "%llX", ULLONG_MAX);
    T(12, "777777777777", "%llo", 0777777777777ULL);
    T(11, "0x100000000", "%#llx", 0x100000000ULL);
    T(21, "-0000000009000000000|", "%020lld|", -9000000000LL);
    T(5, "12345", "%zu", (size_t)12345);
    T(2, "42", "%zd", (size_t)42);
    T(3, "fff", "%zx", (size_t)0xfff);
    T(3, "-99", "%jd", (intmax_t)-99);
    T(2, "99", "%ju", (uintmax_t)99);
    T(2, "-3", "%td", (ptrdiff_t)-3);
    T(1, "0", "%p", (void *)0);
    T(6, "0x1234", "%p", (void *)0x1234);
    T(9, "0x8048000", "%p", (void *)0x8048000);
    T(11, "    0x1234|", "%10p|", (void *)0x1234);
    T(11, "0x1234    |", "%-10p|", (void *)0x1234);
    T(11, "0x00001234|", "%010p|", (void *)0x1234);
    T(6, "0x1234", "%#p", (void *)0x1234);
    T(6, "0x1234", "%+p", (void *)0x1234);
    T(11, "         0|", "%10p|", (void *)0);
    T(3, "abc", "%s", "abc");
    T(0, "", "%s", "");
    T(11, "       abc|", "%10s|", "abc");
    T(11, "abc       |", "%-10s|", "abc");
    T(11, "       abc|", "%010s|", "abc");
    T(3, "ab|", "%.2s|", "abc");
    T(1, "|", "%.0s|", "abc");
    T(4, "abc|", "%.10s|", "abc");
    T(6, "    a|", "%5.1s|", "abc");
    T(6, "a    |", "%-5.1s|", "abc");
    T(6, "   ab|", "%*s|", 5, "ab");
    T(6, "ab   |", "%-*s|", 5, "ab");
    T(3, "ab|", "%.*s|", 2, "abcdef");
    T(7, "abcdef|", "%.*s|", -1, "abcdef");
    T(6, "(null)", "%s", (char *)0);
    T(4, "(nu|", "%.3s|", (char *)0);
    T(11, "    (null)|", "%10s|", (char *)0);
    T(1, "x", "%c", 'x');
    T(1, "A", "%c", 0x41);
    T(6, "    x|", "%5c|", 'x');
    T(6, "x    |", "%-5c|", 'x');
    T(6, "    x|", "%05c|", 'x');
    T(2, "x|", "%.0c|", 'x');
    T(3, "abc", "%c%c%c", 'a', 'b', 'c');
    T(1, "x", "%#s", "x");
    T(13, "-1 mid z ff 7", "%d %s %c %x %u", -1, "mid", 'z', 255u, 7u);
    T(15, "[  5][5  ][005]", "[%3d][%-3d][%03d]", 5, 5, 5);
    T(1, "a", "%lc", 'a');
    T(2, "42", "%jx", (uintmax_t)0x42);
#if __SIZEOF_POINTER__ == 4
    /* musl raises an explicit %p precision to a whole pointer's digits (8 on i386). */
    T(11, "0x00001234|", "%.8p|", (void *)0x1234);
    T(9, "00000000|", "%.0p|", (void *)0);
    T(11, "0x00001234|", "%.2p|", (void *)0x1234);
#endif
}

/* snprintf truncates to n-1 bytes plus a NUL, and still returns the full length. */
static void test_truncation(void)
{
    char buf[8];
    int r;

    total++;
    memset(buf, 'X', sizeof buf);
    r = snprintf(buf, 5, "%d", 123456);
    if (r != 6 || memcmp(buf, "1234\0XXX", 8)) {
        failures++;
        report("FAIL truncation: expected 6 \"1234\" with buf[5..7] untouched\n");
    }
    total++;
    memset(buf, 'X', sizeof buf);
    r = snprintf(buf, 0, "%s", "hello");
    if (r != 5 || buf[0] != 'X') {
        failures++;
        report("FAIL n=0: expected 5 and an untouched buffer\n");
    }
    total++;
    r = snprintf(NULL, 0, "%d-%s", 42, "abc");
    if (r != 6) {
        failures++;
        report("FAIL NULL,0: expected 6\n");
    }
    total++;
    r = snprintf(buf, 1, "abc");
    if (r != 3 || buf[0] != 0) {
        failures++;
        report("FAIL n=1: expected 3 and an empty string\n");
    }
}

/* A bad conversion fails the whole call with EINVAL before anything is printed. */
static void test_errors(void)
{
    static const char *const bad[] = {"%", "abc%", "%y", "%qd", "ok %d %k"};
    char buf[32];
    size_t i;
    int r;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        total++;
        errno = 0;
        r = snprintf(buf, sizeof buf, bad[i], 1);
        if (r != -1 || errno != EINVAL) {
            char msg[128];
            failures++;
            snprintf(msg, sizeof msg, "FAIL bad format \"%s\": expected -1 EINVAL, got %d %d\n",
                     bad[i], r, errno);
            report(msg);
        }
    }
}

int main(void)
{
    char msg[64];

    test_conversions();
    test_truncation();
    test_errors();
    snprintf(msg, sizeof msg, "test_printf: %d of %d checks passed\n", total - failures, total);
    report(msg);
    return failures ? 1 : 0;
}
