/* Proves moat's libc printf family formats like musl/Linux (integers of every width, flags,
 * precision, strings, chars) and that stdout, puts, fputs, putchar and fflush reach the
 * console in order. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    printf("ints: %d %i %u %x %X %o\n", -42, 7, 4000000000u, 0xbeefu, 0xcafeu, 8u);
    printf("limits: %d %d %u\n", INT32_MIN, INT32_MAX, UINT32_MAX);
    printf("long long: %lld %llu %llx\n", -9000000000LL, 18446744073709551615ULL,
           0x123456789abcdefULL);
    printf("sizes: %zu %ld %lu %hd %hhu\n", sizeof(int64_t), -123456L, 123456UL, (short)-5,
           (unsigned char)250);
    printf("widths: [%5d] [%-5d] [%05d] [%+d] [% d] [%*d]\n", 42, 42, 42, 42, 42, 6, 42);
    printf("precision: [%.3d] [%8.3d] [%.0d] [%.2s] [%-6.3s]\n", 7, 7, 0, "abcdef", "abcdef");
    printf("alt: [%#x] [%#o] [%#X]\n", 255u, 8u, 255u);
    printf("chars: [%c] [%3c] [%s] [%10s] [%-10s] [%%]\n", 'a', 'b', "str", "right", "left");
    char buf[16];
    const char *volatile tail = "tail"; /* volatile: no compile-time truncation warning */
    int n = snprintf(buf, sizeof buf, "%s-%d-%s", "truncated", 12345, tail);
    printf("snprintf: %d \"%s\" (%zu)\n", n, buf, strlen(buf));
    puts("puts adds a newline");
    fputs("fputs does not", stdout);
    putchar('\n');
    fprintf(stdout, "fprintf(stdout) %s\n", "works");
    printf("no newline yet...");
    fflush(stdout);
    printf(" flushed\n");
    return 0;
}
