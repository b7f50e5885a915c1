/* The kernel command line: space-separated words, matched whole. The loader may put the
   kernel's own path first; it matches no option. */
#include "kernel/cmdline.h"
#include "kernel/boot.h"
#include "kernel/string.h"

static char line[BOOT_CMDLINE_MAX];

void cmdline_init(const char *s)
{
    strlcpy(line, s, sizeof(line));
}

bool cmdline_has(const char *word)
{
    size_t n = strlen(word);
    for (const char *p = line; *p;) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if ((size_t)(end - p) == n && strncmp(p, word, n) == 0)
            return true;
        p = end;
    }
    return false;
}

bool cmdline_value(const char *key, char *buf, size_t size)
{
    size_t n = strlen(key);
    for (const char *p = line; *p;) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if ((size_t)(end - p) > n && strncmp(p, key, n) == 0 && p[n] == '=') {
            size_t len = (size_t)(end - p) - n - 1;
            if (len >= size)
                len = size - 1;
            memcpy(buf, p + n + 1, len);
            buf[len] = 0;
            return true;
        }
        p = end;
    }
    return false;
}
